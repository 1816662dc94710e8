#include "property/property_json.h"

#include <nlohmann/json.hpp>
#include <set>

#include "common/time.h"

namespace stadshart::property {
namespace {

using nlohmann::json;

json DayOrNull(const std::optional<Day>& day) { return day ? json(FormatIsoDay(*day)) : json(nullptr); }

// Reads the string field `key` into `out` when present; type errors are collected.
void ReadString(const json& body, const char* key, std::string& out, std::vector<FieldError>& errors) {
  auto it = body.find(key);
  if (it == body.end()) return;
  if (!it->is_string()) {
    errors.push_back({key, std::string(key) + " moet tekst zijn."});
    return;
  }
  out = it->get<std::string>();
}

template <typename Int>
void ReadInt(const json& body, const char* key, Int& out, std::vector<FieldError>& errors) {
  auto it = body.find(key);
  if (it == body.end()) return;
  if (!it->is_number_integer()) {
    errors.push_back({key, std::string(key) + " moet een geheel getal zijn."});
    return;
  }
  out = it->get<Int>();
}

void RefuseUnknown(const json& body, const std::set<std::string>& known, std::vector<FieldError>& errors) {
  for (const auto& [key, value] : body.items()) {
    if (!known.count(key)) errors.push_back({key, "Onbekend veld '" + key + "'."});
  }
}

}  // namespace

json UnitToJson(const Unit& unit, bool with_owner) {
  json occupancy = json::array();
  for (const OccupancyInterval& i : unit.occupancy) {
    json item{{"from", FormatIsoDay(i.from)}, {"to", DayOrNull(i.to)}, {"kind", KindCode(i.kind)}};
    if (i.business_id) item["business_id"] = *i.business_id;
    if (i.kind == OccupancyKind::kTemporary) {
      item["temporary_user"] = i.temporary_user;
      item["temporary_manager"] = i.temporary_manager;
      item["temporary_end"] = DayOrNull(i.temporary_end);
    }
    occupancy.push_back(std::move(item));
  }
  json out{{"id", unit.id},
           {"address", unit.Address()},
           {"street", unit.street},
           {"number", unit.number},
           {"letter", unit.letter},
           {"addition", unit.addition},
           {"postcode", unit.postcode},
           {"zone", unit.zone},
           {"floor", FloorCode(unit.floor)},
           {"floor_area_m2", unit.floor_area_m2},
           {"outlet", unit.outlet},
           {"bag_id", unit.bag_id},
           {"lat", unit.lat ? json(*unit.lat) : json(nullptr)},
           {"lon", unit.lon ? json(*unit.lon) : json(nullptr)},
           {"version", unit.version},
           {"occupancy", std::move(occupancy)}};
  if (with_owner) out["owner"] = unit.owner;
  return out;
}

json BusinessToJson(const Business& b) {
  return {{"id", b.id},
          {"name", b.name},
          {"kvk", b.kvk},
          {"vestiging", b.vestiging},
          {"sbi", b.sbi},
          {"function", InfoOf(b.function).code},
          {"outlet_group", InfoOf(b.function).locatus_group},
          {"jobs", b.jobs},
          {"memberships", b.memberships},
          {"website", b.website},
          {"version", b.version}};
}

json ZoneToJson(const Zone& zone) {
  json intended = json::array();
  for (Function f : zone.intended) intended.push_back(InfoOf(f).code);
  return {{"code", zone.code}, {"name", zone.name}, {"intended", std::move(intended)}, {"version", zone.version}};
}

json FiguresToJson(const VacancyFigures& f) {
  return {{"date", FormatIsoDay(f.day)},
          {"outlets", f.outlets},
          {"vacant", f.vacant},
          {"rate_count", f.RateCount()},
          {"floor_area_m2", f.floor_area_m2},
          {"vacant_floor_area_m2", f.vacant_floor_area_m2},
          {"rate_floor_area", f.RateFloorArea()},
          {"by_duration", {{"up_to_1y", f.up_to_1y}, {"1y_to_3y", f.from_1y_to_3y}, {"over_3y", f.over_3y}}}};
}

json ScenarioToJson(const Scenario& s, const ScenarioResult& result) {
  json zones = json::array();
  for (const ScenarioZoneResult& z : result.zones) {
    zones.push_back({{"zone", z.zone.empty() ? json(nullptr) : json(z.zone)},
                     {"before", FiguresToJson(z.before)},
                     {"after", FiguresToJson(z.after)}});
  }
  json out{{"name", s.name},
           {"date", FormatIsoDay(s.date)},
           {"target", InfoOf(s.target).code},
           {"unit_ids", s.unit_ids},
           {"vacant_retail_outside_core", s.vacant_retail_outside_core},
           {"changed_units", result.units},
           {"zones", std::move(zones)}};
  if (s.id) {
    out["id"] = s.id;
    out["created_by"] = s.created_by;
    out["created_at"] = s.created_at;
  }
  return out;
}

Result<Unit> UnitFromJson(const json& body, Unit base) {
  std::vector<FieldError> errors;
  RefuseUnknown(body,
                {"version", "street", "number", "letter", "addition", "postcode", "bag_id", "zone", "floor",
                 "floor_area_m2", "outlet", "lat", "lon", "owner"},
                errors);
  ReadString(body, "street", base.street, errors);
  ReadInt(body, "number", base.number, errors);
  ReadString(body, "letter", base.letter, errors);
  ReadString(body, "addition", base.addition, errors);
  ReadString(body, "postcode", base.postcode, errors);
  ReadString(body, "bag_id", base.bag_id, errors);
  ReadString(body, "zone", base.zone, errors);
  ReadString(body, "owner", base.owner, errors);
  ReadInt(body, "floor_area_m2", base.floor_area_m2, errors);
  if (auto it = body.find("floor"); it != body.end()) {
    auto floor = it->is_string() ? ParseFloor(it->get<std::string>()) : std::nullopt;
    if (floor) base.floor = *floor; else errors.push_back({"floor", "floor is ground of upper."});
  }
  if (auto it = body.find("outlet"); it != body.end()) {
    if (it->is_boolean()) base.outlet = it->get<bool>(); else errors.push_back({"outlet", "outlet is true of false."});
  }
  for (const char* key : {"lat", "lon"}) {
    auto it = body.find(key);
    if (it == body.end()) continue;
    std::optional<double>& target = std::string_view(key) == "lat" ? base.lat : base.lon;
    if (it->is_null()) target.reset();
    else if (it->is_number()) target = it->get<double>();
    else errors.push_back({key, std::string(key) + " is een getal (WGS84) of null."});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return base;
}

Result<Business> BusinessFromJson(const json& body, Business base) {
  std::vector<FieldError> errors;
  RefuseUnknown(body, {"version", "name", "kvk", "vestiging", "sbi", "function", "jobs", "memberships", "website"},
                errors);
  ReadString(body, "name", base.name, errors);
  ReadString(body, "kvk", base.kvk, errors);
  ReadString(body, "vestiging", base.vestiging, errors);
  ReadString(body, "sbi", base.sbi, errors);
  ReadString(body, "website", base.website, errors);
  ReadInt(body, "jobs", base.jobs, errors);
  if (auto it = body.find("function"); it != body.end()) {
    auto f = it->is_string() ? ParseFunction(it->get<std::string>()) : std::nullopt;
    if (f) base.function = *f; else errors.push_back({"function", "Onbekende branchegroep."});
  }
  if (auto it = body.find("memberships"); it != body.end()) {
    if (!it->is_array() || !std::all_of(it->begin(), it->end(), [](const json& m) { return m.is_string(); })) {
      errors.push_back({"memberships", "memberships is een lijst met verenigingscodes."});
    } else {
      base.memberships = it->get<std::vector<std::string>>();
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return base;
}

Result<std::vector<Function>> FunctionsFromJson(const json& body) {
  std::vector<FieldError> errors;
  RefuseUnknown(body, {"version", "intended"}, errors);
  std::vector<Function> functions;
  auto it = body.find("intended");
  if (it == body.end() || !it->is_array()) {
    errors.push_back({"intended", "intended is een lijst met functies (bijv. [\"horeca\", \"wonen\"])."});
  } else {
    for (const json& item : *it) {
      auto f = item.is_string() ? ParseFunction(item.get<std::string>()) : std::nullopt;
      if (!f) {
        errors.push_back({"intended", "Onbekende functie " + item.dump() + "."});
      } else if (std::find(functions.begin(), functions.end(), *f) == functions.end()) {
        functions.push_back(*f);
      }
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return functions;
}

Result<Scenario> ScenarioFromJson(const json& body) {
  std::vector<FieldError> errors;
  RefuseUnknown(body, {"name", "date", "target", "unit_ids", "vacant_retail_outside_core", "save"}, errors);
  Scenario s;
  ReadString(body, "name", s.name, errors);
  std::string date, target = "wonen";
  ReadString(body, "date", date, errors);
  ReadString(body, "target", target, errors);
  if (auto day = ParseIsoDay(date)) s.date = *day;
  else errors.push_back({"date", "date moet een datum zijn als 2019-03-01."});
  if (auto f = ParseFunction(target)) s.target = *f;
  else errors.push_back({"target", "Onbekende functie '" + target + "'."});
  if (auto it = body.find("unit_ids"); it != body.end()) {
    if (!it->is_array() || !std::all_of(it->begin(), it->end(), [](const json& i) { return i.is_number_integer(); })) {
      errors.push_back({"unit_ids", "unit_ids is een lijst met pandnummers."});
    } else {
      s.unit_ids = it->get<std::vector<std::int64_t>>();
    }
  }
  if (auto it = body.find("vacant_retail_outside_core"); it != body.end()) {
    if (it->is_boolean()) s.vacant_retail_outside_core = it->get<bool>();
    else errors.push_back({"vacant_retail_outside_core", "vacant_retail_outside_core is true of false."});
  }
  if (auto it = body.find("save"); it != body.end() && !it->is_boolean()) {
    errors.push_back({"save", "save is true of false."});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return s;
}

}  // namespace stadshart::property
