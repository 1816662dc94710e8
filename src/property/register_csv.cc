#include "property/register_csv.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/csv.h"
#include "common/text.h"
#include "common/time.h"

namespace stadshart::property {
namespace {

// --- Columns -------------------------------------------------------------------------------------------------

struct Column {
  std::string_view name;
  bool required;
};

// Index 0 of each list is the first column of the export; the export writes them all, in this order.
enum UnitColumn { kUId, kUBagId, kUStreet, kUNumber, kULetter, kUAddition, kUPostcode, kUZone, kUFloor, kUArea,
                  kUOutlet, kULat, kULon, kUOwner };
constexpr Column kUnitColumns[] = {
    {"id", false},      {"bag_id", true},   {"street", true},        {"number", true},  {"letter", false},
    {"addition", false}, {"postcode", false}, {"zone", true},        {"floor", true},   {"floor_area_m2", true},
    {"outlet", false},  {"lat", false},     {"lon", false},          {"owner", false},
};

enum BusinessColumn { kBId, kBVestiging, kBKvk, kBName, kBSbi, kBFunction, kBJobs, kBMemberships, kBWebsite };
constexpr Column kBusinessColumns[] = {
    {"id", false},  {"vestiging", true}, {"kvk", true},          {"name", true},    {"sbi", false},
    {"function", true}, {"jobs", false}, {"memberships", false}, {"website", false},
};

enum OccupancyColumn { kOBagId, kOFrom, kOTo, kOKind, kOVestiging, kOUser, kOManager, kOEnd };
constexpr Column kOccupancyColumns[] = {
    {"bag_id", true},   {"from", true},           {"to", false},
    {"kind", true},     {"vestiging", false},     {"temporary_user", false},
    {"temporary_manager", false}, {"temporary_end", false},
};

template <size_t N>
std::vector<std::string> HeaderRow(const Column (&columns)[N]) {
  std::vector<std::string> names;
  for (const Column& c : columns) names.emplace_back(c.name);
  return names;
}

// --- Values in the file ----------------------------------------------------------------------------------------

std::string Decimal(double value) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest form that reads back exactly
  std::string text(buffer, end);
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}


std::optional<long long> ParseWhole(std::string_view text) {
  long long value = 0;
  if (!text::ParseInt(text, value)) return std::nullopt;
  return value;
}

std::optional<bool> ParseYesNo(std::string_view text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.empty() || lower == "true" || lower == "1" || lower == "ja" || lower == "waar") return true;
  if (lower == "false" || lower == "0" || lower == "nee" || lower == "onwaar") return false;
  return std::nullopt;
}

std::string DayOrEmpty(const std::optional<Day>& day) { return day ? FormatIsoDay(*day) : std::string(); }

std::vector<std::string> SplitCodes(std::string_view joined) {
  std::vector<std::string> codes;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t end = joined.find_first_of(", ", start);
    if (end == std::string_view::npos) end = joined.size();
    if (end > start) codes.emplace_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return codes;
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) {
    if (!out.empty()) out += ',';
    out += code;
  }
  return out;
}

// --- Reading a file --------------------------------------------------------------------------------------------

// One file being read: the header mapped onto the known columns, the rows, and every problem found.
class Sheet {
 public:
  Sheet(std::string_view text, std::span<const Column> columns, const char* what)
      : reader_(text), columns_(columns), what_(what), index_(columns.size(), -1) {}

  // Reads and checks the header; false (with the problems recorded) when the file cannot be read by it.
  bool ReadHeader() {
    std::vector<std::string> header;
    if (!reader_.Next(header)) {
      Fail(1, "", std::string("Het bestand is leeg; verwacht een kopregel met de kolommen van ") + what_ + ".");
      return false;
    }
    bool ok = true;
    for (size_t i = 0; i < header.size(); ++i) {
      std::string name = text::Trim(header[i]);
      std::transform(name.begin(), name.end(), name.begin(), [](char c) { return std::tolower(c); });
      auto known = std::find_if(columns_.begin(), columns_.end(), [&](const Column& c) { return c.name == name; });
      if (known == columns_.end()) {
        Fail(reader_.line(), name, "Onbekende kolom '" + name + "' in de kopregel. Bekende kolommen voor " + what_ +
                                       ": " + Known() + ".");
        ok = false;
        continue;
      }
      auto& slot = index_[static_cast<size_t>(known - columns_.begin())];
      if (slot >= 0) {
        Fail(reader_.line(), name, "De kolom '" + name + "' staat twee keer in de kopregel.");
        ok = false;
      }
      slot = static_cast<int>(i);
    }
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (columns_[c].required && index_[c] < 0) {
        Fail(reader_.line(), std::string(columns_[c].name),
             "De kolom '" + std::string(columns_[c].name) + "' ontbreekt in de kopregel (verplicht voor " + what_ +
                 "; zie docs/register.md).");
        ok = false;
      }
    }
    width_ = header.size();
    return ok;
  }

  // The next data row; false at the end.
  bool Next() {
    if (!reader_.Next(fields_)) return false;
    if (fields_.size() > width_) {
      Fail(line(), "", "Deze regel heeft " + std::to_string(fields_.size()) + " velden, de kopregel " +
                           std::to_string(width_) + ". Staat er een scheidingsteken (; of ,) in een veld zonder "
                           "aanhalingstekens?");
    }
    if (reader_.unterminated_quote()) Fail(line(), "", "Een aanhalingsteken (\") wordt niet gesloten.");
    return true;
  }

  int line() const { return reader_.line(); }
  bool Has(int column) const { return index_[static_cast<size_t>(column)] >= 0; }

  // The field of `column` in the current row, trimmed and with formula defusing undone; "" when absent.
  std::string Get(int column) const {
    int i = index_[static_cast<size_t>(column)];
    if (i < 0 || static_cast<size_t>(i) >= fields_.size()) return {};
    return std::string(csv::Undefused(text::Trim(fields_[static_cast<size_t>(i)])));
  }

  void Fail(int line, std::string field, const std::string& message) {
    errors_.push_back({std::move(field), "Regel " + std::to_string(line) + ": " + message});
  }
  // Adds the checks' errors for this row, except for fields that already have a problem.
  void FailAll(const std::vector<FieldError>& found, size_t first_of_row) {
    for (const FieldError& e : found) {
      bool already = std::any_of(errors_.begin() + static_cast<std::ptrdiff_t>(first_of_row), errors_.end(),
                                 [&](const FieldError& x) { return x.field == e.field; });
      if (!already) Fail(line(), e.field, e.message);
    }
  }
  size_t error_count() const { return errors_.size(); }
  std::vector<FieldError> TakeErrors() { return std::move(errors_); }

  // Typed fields; each records a problem and returns nullopt when the text does not fit.
  std::optional<long long> Whole(int column, const char* label, bool required) {
    std::string value = Get(column);
    if (value.empty() && !required) return std::nullopt;
    auto number = ParseWhole(value);
    if (!number) Fail(line(), Name(column), std::string(label) + " is geen geheel getal: '" + value + "'.");
    return number;
  }
  std::optional<Day> DayField(int column, const char* label, bool required) {
    std::string value = Get(column);
    if (value.empty()) {
      if (required) Fail(line(), Name(column), std::string(label) + " ontbreekt.");
      return std::nullopt;
    }
    auto day = ParseCsvDay(value);
    if (!day) {
      Fail(line(), Name(column), std::string(label) + " is geen datum: '" + value +
                                     "' (schrijf 2019-03-01 of 1-3-2019).");
    }
    return day;
  }

  std::string Name(int column) const { return std::string(columns_[static_cast<size_t>(column)].name); }

 private:
  std::string Known() const {
    std::string names;
    for (const Column& c : columns_) names += (names.empty() ? "" : ", ") + std::string(c.name);
    return names;
  }

  csv::Reader reader_;
  std::span<const Column> columns_;
  const char* what_;
  std::vector<int> index_;  // per known column: its position in the file, -1 when absent
  size_t width_ = 0;
  std::vector<std::string> fields_;
  std::vector<FieldError> errors_;
};

// Records a problem when `key` was seen on an earlier line.
void CheckUnique(Sheet& sheet, std::unordered_map<std::string, int>& seen, const std::string& key, int column,
                 const std::string& what) {
  if (key.empty()) return;
  auto [it, fresh] = seen.emplace(key, sheet.line());
  if (!fresh) sheet.Fail(sheet.line(), sheet.Name(column), what + " " + key + " staat ook op regel " +
                                                            std::to_string(it->second) + ".");
}

Result<ImportBatch> Finish(Sheet& sheet, ImportBatch batch) {
  if (sheet.error_count() > 0) return Error::Invalid(sheet.TakeErrors());
  return batch;
}

}  // namespace

std::optional<Day> ParseCsvDay(std::string_view text) {
  if (auto iso = ParseIsoDay(text)) return iso;
  // Dutch order: day-month-year, '-' or '/', one or two digits for day and month, four for the year.
  int parts[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  int part = 0;
  char separator = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      parts[part] = parts[part] * 10 + (c - '0');
      if (++digits[part] > 4) return std::nullopt;
    } else if ((c == '-' || c == '/') && part < 2 && (separator == 0 || separator == c)) {
      separator = c;
      ++part;
    } else {
      return std::nullopt;
    }
  }
  if (part != 2 || digits[0] < 1 || digits[0] > 2 || digits[1] < 1 || digits[1] > 2 || digits[2] != 4) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year{parts[2]}, std::chrono::month{static_cast<unsigned>(parts[1])},
                                  std::chrono::day{static_cast<unsigned>(parts[0])}};
  if (parts[2] < 1000 || !ymd.ok()) return std::nullopt;
  return Day{ymd};
}

// --- Export ----------------------------------------------------------------------------------------------------

std::string UnitsCsv(const Register& reg) {
  csv::Writer out;
  out.Row(HeaderRow(kUnitColumns));
  for (const Unit& u : reg.units) {
    out.Row({std::to_string(u.id), u.bag_id, u.street, std::to_string(u.number), u.letter, u.addition, u.postcode,
             u.zone, std::string(FloorCode(u.floor)), std::to_string(u.floor_area_m2), u.outlet ? "true" : "false",
             u.lat ? Decimal(*u.lat) : "", u.lon ? Decimal(*u.lon) : "", u.owner});
  }
  return out.str();
}

std::string BusinessesCsv(const Register& reg) {
  csv::Writer out;
  out.Row(HeaderRow(kBusinessColumns));
  for (const Business& b : reg.businesses) {
    out.Row({std::to_string(b.id), b.vestiging, b.kvk, b.name, b.sbi, std::string(InfoOf(b.function).code),
             std::to_string(b.jobs), JoinCodes(b.memberships), b.website});
  }
  return out.str();
}

std::string OccupancyCsv(const Register& reg) {
  csv::Writer out;
  out.Row(HeaderRow(kOccupancyColumns));
  for (const Unit& u : reg.units) {
    for (const OccupancyInterval& i : u.occupancy) {
      std::string vestiging;
      if (i.kind == OccupancyKind::kInUse && i.business_id) {
        if (const Business* b = reg.FindBusiness(*i.business_id)) vestiging = b->vestiging;
      }
      bool temporary = i.kind == OccupancyKind::kTemporary;
      out.Row({u.bag_id, FormatIsoDay(i.from), DayOrEmpty(i.to), std::string(KindCode(i.kind)), vestiging,
               temporary ? i.temporary_user : "", temporary ? i.temporary_manager : "",
               temporary ? DayOrEmpty(i.temporary_end) : ""});
    }
  }
  return out.str();
}

std::string UnitsGeoJson(const Register& reg, Day day) {
  nlohmann::json features = nlohmann::json::array();
  for (const Unit& u : reg.units) {
    if (!u.lat || !u.lon) continue;
    const OccupancyInterval* state = StateOn(u, day);
    nlohmann::json business = nullptr;
    if (state && state->kind == OccupancyKind::kInUse && state->business_id) {
      if (const Business* b = reg.FindBusiness(*state->business_id)) business = b->name;
    }
    features.push_back(
        {{"type", "Feature"},
         {"geometry", {{"type", "Point"}, {"coordinates", {*u.lon, *u.lat}}}},
         {"properties",
          {{"id", u.id},
           {"address", u.Address()},
           {"street", u.street},
           {"zone", u.zone},
           {"floor", FloorCode(u.floor)},
           {"state", state ? std::string(KindLabel(state->kind)) : std::string("onbekend")},
           {"kind", state ? std::string(KindCode(state->kind)) : std::string("none")},
           {"business", std::move(business)},
           {"url", "/panden/" + std::to_string(u.id)}}}});
  }
  return nlohmann::json{{"type", "FeatureCollection"}, {"features", std::move(features)}}.dump();
}

// --- Import ----------------------------------------------------------------------------------------------------

Result<ImportBatch> ParseUnitsCsv(std::string_view text) {
  Sheet sheet(text, kUnitColumns, "panden");
  ImportBatch batch;
  if (!sheet.ReadHeader()) return Finish(sheet, std::move(batch));
  std::unordered_map<std::string, int> seen;
  while (sheet.Next()) {
    size_t first = sheet.error_count();
    Unit u;
    if (auto id = sheet.Whole(kUId, "Het id", false)) u.id = *id;
    u.bag_id = sheet.Get(kUBagId);
    u.street = sheet.Get(kUStreet);
    if (auto n = sheet.Whole(kUNumber, "Het huisnummer", true)) u.number = static_cast<int>(std::clamp(*n, -1LL, 1000000LL));
    u.letter = sheet.Get(kULetter);
    u.addition = sheet.Get(kUAddition);
    u.postcode = sheet.Get(kUPostcode);
    if (!u.postcode.empty()) u.postcode = NormalisePostcode(u.postcode);
    u.zone = sheet.Get(kUZone);
    if (u.zone.empty()) sheet.Fail(sheet.line(), "zone", "Vul de zone in.");
    std::string floor = sheet.Get(kUFloor);
    if (auto f = ParseFloor(floor)) {
      u.floor = *f;
    } else {
      sheet.Fail(sheet.line(), "floor", "De verdieping is 'ground' (begane grond) of 'upper' (verdieping), niet '" +
                                            floor + "'.");
    }
    if (auto area = sheet.Whole(kUArea, "Het winkelvloeroppervlak", true)) {
      u.floor_area_m2 = std::clamp(*area, -1LL, 10'000'000LL);
    }
    std::string outlet = sheet.Get(kUOutlet);
    if (auto o = ParseYesNo(outlet)) {
      u.outlet = *o;
    } else {
      sheet.Fail(sheet.line(), "outlet", "Verkooppunt is 'true' of 'false' (ja/nee), niet '" + outlet + "'.");
    }
    for (auto [column, target] : {std::pair{kULat, &u.lat}, std::pair{kULon, &u.lon}}) {
      std::string value = sheet.Get(column);
      if (value.empty()) continue;
      *target = text::ParseDecimal(value);
      if (!*target) sheet.Fail(sheet.line(), sheet.Name(column), "De coördinaat '" + value + "' is geen getal.");
    }
    u.owner = sheet.Get(kUOwner);
    // The zone is the repository's to check (it knows the zones); here any non-empty zone passes.
    const Zone own{u.zone, "", {}, 1};
    sheet.FailAll(CheckUnit(u, std::span<const Zone>(&own, 1)), first);
    CheckUnique(sheet, seen, u.bag_id, kUBagId, "BAG-id");
    batch.units.push_back({sheet.line(), std::move(u)});
  }
  return Finish(sheet, std::move(batch));
}

Result<ImportBatch> ParseBusinessesCsv(std::string_view text) {
  Sheet sheet(text, kBusinessColumns, "bedrijven");
  ImportBatch batch;
  if (!sheet.ReadHeader()) return Finish(sheet, std::move(batch));
  std::unordered_map<std::string, int> seen;
  while (sheet.Next()) {
    size_t first = sheet.error_count();
    Business b;
    if (auto id = sheet.Whole(kBId, "Het id", false)) b.id = *id;
    b.vestiging = sheet.Get(kBVestiging);
    b.kvk = sheet.Get(kBKvk);
    b.name = sheet.Get(kBName);
    b.sbi = sheet.Get(kBSbi);
    std::string function = sheet.Get(kBFunction);
    if (auto f = ParseFunction(function)) {
      b.function = *f;
    } else {
      std::string codes;
      for (const FunctionInfo& info : Functions()) {
        if (info.function != Function::kHousing) codes += (codes.empty() ? "" : ", ") + std::string(info.code);
      }
      sheet.Fail(sheet.line(), "function", "Onbekende branchegroep '" + function + "'; kies uit " + codes +
                                               " of een Locatus-groepnummer (11, 22, 35, 37, 38, 58, 59, 65).");
    }
    if (auto jobs = sheet.Whole(kBJobs, "Het aantal werkzame personen", false)) {
      b.jobs = static_cast<int>(std::clamp(*jobs, -1LL, 1'000'000LL));
    }
    b.memberships = SplitCodes(sheet.Get(kBMemberships));
    b.website = sheet.Get(kBWebsite);
    sheet.FailAll(CheckBusiness(b), first);
    CheckUnique(sheet, seen, b.vestiging, kBVestiging, "Vestigingsnummer");
    batch.businesses.push_back({sheet.line(), std::move(b)});
  }
  return Finish(sheet, std::move(batch));
}

Result<ImportBatch> ParseOccupancyCsv(std::string_view text) {
  Sheet sheet(text, kOccupancyColumns, "bezetting");
  ImportBatch batch;
  if (!sheet.ReadHeader()) return Finish(sheet, std::move(batch));
  while (sheet.Next()) {
    OccupancyRow row;
    row.bag_id = sheet.Get(kOBagId);
    if (auto e = CheckBagId(row.bag_id)) sheet.Fail(sheet.line(), e->field, e->message);
    OccupancyInterval& i = row.interval;
    auto from = sheet.DayField(kOFrom, "De begindatum (from)", true);
    if (from) i.from = *from;
    i.to = sheet.DayField(kOTo, "De einddatum (to)", false);
    if (from && i.to && *i.to <= *from) {
      sheet.Fail(sheet.line(), "to", "De einddatum " + DutchDay(*i.to) + " ligt niet na de begindatum " +
                                         DutchDay(*from) + ".");
    }
    std::string kind = sheet.Get(kOKind);
    if (auto k = ParseKind(kind)) {
      i.kind = *k;
    } else {
      sheet.Fail(sheet.line(), "kind", "Onbekende soort '" + kind + "'; kies uit in_use, vacant, vacant_let, "
                                           "temporary, housing, transformation.");
    }
    row.vestiging = sheet.Get(kOVestiging);
    if (i.kind == OccupancyKind::kInUse) {
      if (row.vestiging.empty()) {
        sheet.Fail(sheet.line(), "vestiging", "Bij in_use hoort het vestigingsnummer van het bedrijf.");
      } else if (auto e = CheckVestiging(row.vestiging)) {
        sheet.Fail(sheet.line(), e->field, e->message);
      }
    } else if (!row.vestiging.empty() && ParseKind(kind)) {
      sheet.Fail(sheet.line(), "vestiging", "Een vestigingsnummer hoort alleen bij in_use, niet bij " + kind + ".");
    }
    i.temporary_user = sheet.Get(kOUser);
    i.temporary_manager = sheet.Get(kOManager);
    i.temporary_end = sheet.DayField(kOEnd, "De afgesproken einddatum (temporary_end)", false);
    bool temporary_fields = !i.temporary_user.empty() || !i.temporary_manager.empty() || i.temporary_end;
    if (temporary_fields && i.kind != OccupancyKind::kTemporary && ParseKind(kind)) {
      sheet.Fail(sheet.line(), "temporary_user",
                 "Gebruiker, beheerder en einddatum van tijdelijk gebruik horen alleen bij temporary.");
    }
    batch.occupancy.push_back({sheet.line(), std::move(row)});
  }
  return Finish(sheet, std::move(batch));
}

ImportBatch ToImportBatch(const Register& reg) {
  ImportBatch batch;
  batch.businesses.reserve(reg.businesses.size());
  for (const Business& b : reg.businesses) {
    Business copy = b;
    copy.version = 1;
    batch.businesses.push_back({0, std::move(copy)});
  }
  batch.units.reserve(reg.units.size());
  for (const Unit& u : reg.units) {
    Unit copy = u;
    copy.occupancy.clear();
    copy.version = 1;
    for (const OccupancyInterval& i : u.occupancy) {
      OccupancyRow row{u.bag_id, i, ""};
      if (i.kind == OccupancyKind::kInUse && i.business_id) {
        if (const Business* b = reg.FindBusiness(*i.business_id)) row.vestiging = b->vestiging;
      }
      row.interval.business_id.reset();
      if (i.kind != OccupancyKind::kTemporary) {
        row.interval.temporary_user.clear();
        row.interval.temporary_manager.clear();
        row.interval.temporary_end.reset();
      }
      batch.occupancy.push_back({0, std::move(row)});
    }
    batch.units.push_back({0, std::move(copy)});
  }
  return batch;
}

}  // namespace stadshart::property
