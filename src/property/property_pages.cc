// Pages of the register: the shared helpers of register_pages.h, and the routes of every register page (the
// handlers live in the files named there).
#include <algorithm>
#include <cctype>
#include <set>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "property/register_pages.h"
#include "web/page.h"

namespace stadshart::property {
namespace pages {
namespace {

using nlohmann::json;

std::string Lower(std::string_view in) {
  std::string out(in);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool Contains(std::string_view haystack, const std::string& lower_needle) {
  return Lower(haystack).find(lower_needle) != std::string::npos;
}

constexpr const char* kMonths[] = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};

}  // namespace

// --- Pure helpers -----------------------------------------------------------------------------------------------

bool AddressLess(const Unit& a, const Unit& b) {
  return std::tie(a.street, a.number, a.letter, a.addition, a.id) <
         std::tie(b.street, b.number, b.letter, b.addition, b.id);
}

std::vector<const Unit*> SearchUnits(const Register& reg, const UnitQuery& query) {
  std::string text = Lower(text::Trim(query.text));
  std::vector<const Unit*> found;
  for (const Unit& unit : reg.units) {
    if (!query.street.empty() && unit.street != query.street) continue;
    if (!query.zone.empty() && unit.zone != query.zone) continue;
    if (!query.state.empty() && StateCode(StateOn(unit, query.day)) != query.state) continue;
    if (!text.empty() && !Contains(unit.Address(), text) && !Contains(unit.postcode, text) &&
        !Contains(unit.bag_id, text)) {
      continue;
    }
    found.push_back(&unit);
  }
  std::sort(found.begin(), found.end(), [](const Unit* a, const Unit* b) { return AddressLess(*a, *b); });
  return found;
}

std::vector<const Business*> SearchBusinesses(const Register& reg, std::string_view text,
                                              std::optional<Function> function) {
  std::string needle = Lower(text::Trim(text));
  std::vector<const Business*> found;
  for (const Business& business : reg.businesses) {
    if (function && business.function != *function) continue;
    if (!needle.empty() && !Contains(business.name, needle) && business.kvk.find(needle) == std::string::npos &&
        business.vestiging.find(needle) == std::string::npos) {
      continue;
    }
    found.push_back(&business);
  }
  std::sort(found.begin(), found.end(), [](const Business* a, const Business* b) {
    std::string la = Lower(a->name), lb = Lower(b->name);
    return la != lb ? la < lb : a->id < b->id;
  });
  return found;
}

Slice Paginate(size_t total, long long page, int per_page) {
  Slice slice;
  slice.pages = std::max<int>(1, static_cast<int>((total + per_page - 1) / per_page));
  slice.page = static_cast<int>(std::clamp<long long>(page, 1, slice.pages));
  slice.begin = std::min(total, static_cast<size_t>(slice.page - 1) * per_page);
  slice.end = std::min(total, slice.begin + per_page);
  return slice;
}

std::vector<StreetRow> StreetPlan(const Register& reg, const std::string& zone, bool without_coordinates) {
  std::vector<const Unit*> units;
  for (const Unit& unit : reg.units) {
    if (!zone.empty() && unit.zone != zone) continue;
    if (without_coordinates && unit.lat && unit.lon) continue;
    units.push_back(&unit);
  }
  std::sort(units.begin(), units.end(), [](const Unit* a, const Unit* b) { return AddressLess(*a, *b); });
  std::vector<StreetRow> rows;
  for (const Unit* unit : units) {
    if (rows.empty() || rows.back().street != unit->street) rows.push_back({unit->street, {}});
    rows.back().units.push_back(unit);
  }
  return rows;
}

std::vector<std::string> Streets(const Register& reg) {
  std::set<std::string> streets;
  for (const Unit& unit : reg.units) streets.insert(unit.street);
  return {streets.begin(), streets.end()};
}

std::optional<Day> ParseMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  return ParseIsoDay(std::string(text) + "-01");
}

std::string FormatMonth(Day day) { return FormatIsoDay(day).substr(0, 7); }

std::string DutchMonth(Day day) {
  std::chrono::year_month_day ymd{day};
  return std::string(kMonths[static_cast<unsigned>(ymd.month()) - 1]) + " " +
         std::to_string(static_cast<int>(ymd.year()));
}

// --- View helpers -----------------------------------------------------------------------------------------------

std::string UnitUrl(std::int64_t id) { return "/panden/" + std::to_string(id); }
std::string BusinessUrl(std::int64_t id) { return "/bedrijven/" + std::to_string(id); }

std::string StateCode(const OccupancyInterval* state) {
  return state ? std::string(KindCode(state->kind)) : std::string("none");
}
std::string StateLabel(const OccupancyInterval* state) {
  return state ? std::string(KindLabel(state->kind)) : std::string("geen gegevens");
}

std::string ZoneName(const Register& reg, std::string_view code) {
  const Zone* zone = reg.FindZone(code);
  return zone ? zone->name : std::string(code);
}

json UnitRow(const Register& reg, const Unit& unit, Day day) {
  const OccupancyInterval* state = StateOn(unit, day);
  json row = {{"id", unit.id},
              {"url", UnitUrl(unit.id)},
              {"address", unit.Address()},
              {"number", std::to_string(unit.number) + unit.letter + (unit.addition.empty() ? "" : "-" + unit.addition)},
              {"zone", ZoneName(reg, unit.zone)},
              {"floor", unit.floor == Floor::kGround ? "begane grond" : "verdieping"},
              {"upper", unit.floor == Floor::kUpper},
              {"area", std::to_string(unit.floor_area_m2)},
              {"state", StateCode(state)},
              {"state_label", StateLabel(state)},
              {"business", false}};
  if (state && state->kind == OccupancyKind::kInUse && state->business_id) {
    if (const Business* business = reg.FindBusiness(*state->business_id)) {
      row["business"] = {{"name", business->name}, {"url", BusinessUrl(business->id)}};
    }
  }
  if (state && state->kind == OccupancyKind::kTemporary && !state->temporary_user.empty()) {
    row["business"] = {{"name", state->temporary_user}, {"url", false}};
  }
  return row;
}

json ZoneOptions(const Register& reg, std::string_view selected) {
  json options = json::array();
  for (const Zone& zone : reg.zones) {
    options.push_back({{"value", zone.code}, {"label", zone.name}, {"selected", zone.code == selected}});
  }
  return options;
}

json StreetOptions(const Register& reg, std::string_view selected) {
  json options = json::array();
  for (const std::string& street : Streets(reg)) {
    options.push_back({{"value", street}, {"label", street}, {"selected", street == selected}});
  }
  return options;
}

json StateOptions(std::string_view selected) {
  json options = json::array();
  for (OccupancyKind kind : {OccupancyKind::kInUse, OccupancyKind::kVacant, OccupancyKind::kVacantLet,
                             OccupancyKind::kTemporary, OccupancyKind::kHousing, OccupancyKind::kTransformation}) {
    options.push_back({{"value", KindCode(kind)}, {"label", KindLabel(kind)}, {"selected", KindCode(kind) == selected}});
  }
  options.push_back({{"value", "none"}, {"label", "geen gegevens"}, {"selected", selected == "none"}});
  return options;
}

namespace {

// An interval of an audit snapshot (sqlite_register::UnitJson) in words: "in gebruik (Bakkerij X) vanaf 1-3-2019".
std::string DescribeInterval(const Register& reg, const json& item) {
  auto kind = ParseKind(item.value("kind", ""));
  std::string text = kind ? std::string(KindLabel(*kind)) : item.value("kind", "?");
  if (item.contains("business_id") && item["business_id"].is_number_integer()) {
    const Business* business = reg.FindBusiness(item["business_id"].get<std::int64_t>());
    text += " (" + (business ? business->name : "bedrijf " + item["business_id"].dump()) + ")";
  }
  if (item.value("temporary_user", "") != "") text += " (" + item.value("temporary_user", "") + ")";
  auto day = [](const json& value) {
    auto parsed = value.is_string() ? ParseIsoDay(value.get<std::string>()) : std::nullopt;
    return parsed ? DutchDay(*parsed) : std::string("?");
  };
  text += " vanaf " + day(item.value("from", json()));
  if (item.contains("to") && !item["to"].is_null()) text += " tot " + day(item["to"]);
  return text;
}

std::string Show(const json& value) {
  if (value.is_null()) return "—";
  if (value.is_boolean()) return value.get<bool>() ? "ja" : "nee";
  if (value.is_string()) return value.get<std::string>().empty() ? "—" : value.get<std::string>();
  if (value.is_array()) {
    std::string out;
    for (const json& item : value) out += (out.empty() ? "" : ", ") + (item.is_string() ? item.get<std::string>() : item.dump());
    return out.empty() ? "—" : out;
  }
  return value.dump();
}

}  // namespace

json ChangesView(const Register& reg, const std::vector<audit::Entry>& entries) {
  static const std::pair<const char*, const char*> kFields[] = {
      {"address", "Adres"},        {"postcode", "Postcode"},   {"bag_id", "BAG-id"},      {"zone", "Zone"},
      {"floor", "Verdieping"},     {"floor_area_m2", "Winkelvloeroppervlak (m²)"},      {"outlet", "Verkooppunt"},
      {"lat", "Breedtegraad"},     {"lon", "Lengtegraad"},     {"owner", "Eigenaar"},     {"name", "Naam"},
      {"kvk", "KvK-nummer"},       {"vestiging", "Vestigingsnummer"},                    {"sbi", "SBI-code"},
      {"function", "Branchegroep"}, {"jobs", "Banen"},         {"memberships", "Lidmaatschappen"},
      {"website", "Website"}};
  json list = json::array();
  for (const audit::Entry& entry : entries) {
    json before = entry.before_json.empty() ? json::object() : json::parse(entry.before_json, nullptr, false);
    json after = entry.after_json.empty() ? json::object() : json::parse(entry.after_json, nullptr, false);
    if (!before.is_object()) before = json::object();
    if (!after.is_object()) after = json::object();
    json fields = json::array();
    for (const auto& [key, label] : kFields) {
      json b = before.value(key, json());
      json a = after.value(key, json());
      if (b != a && !(entry.operation == "create" && a.is_null())) {
        fields.push_back({{"label", label}, {"before", Show(b)}, {"after", Show(a)}});
      }
    }
    json occupancy = json::array();
    json old_history = before.value("occupancy", json::array());
    json new_history = after.value("occupancy", json::array());
    for (const json& item : new_history) {
      if (std::find(old_history.begin(), old_history.end(), item) == old_history.end()) {
        occupancy.push_back({{"text", "nu: " + DescribeInterval(reg, item)}});
      }
    }
    for (const json& item : old_history) {
      if (std::find(new_history.begin(), new_history.end(), item) == new_history.end()) {
        occupancy.push_back({{"text", "was: " + DescribeInterval(reg, item)}});
      }
    }
    auto at = ParseUtc(entry.at);
    std::string what = entry.operation == "create" ? "Aangemaakt" : entry.operation == "occupancy" ? "Bezetting gewijzigd"
                                                                                              : "Gewijzigd";
    list.push_back({{"at", at ? AmsterdamDateTime(*at) : entry.at},
                    {"actor", entry.actor},
                    {"what", what},
                    {"via", entry.via == "api" ? "API" : entry.via == "cli" ? "opdrachtregel" : "website"},
                    {"fields", fields},
                    {"has_fields", !fields.empty()},
                    {"occupancy", occupancy},
                    {"has_occupancy", !occupancy.empty()}});
  }
  return {{"entries", list}, {"any", !list.empty()}};
}

Day DateParam(const http::Request& request, const Clock& clock, std::string& error) {
  Day today = AmsterdamToday(clock.Now());
  auto text = request.Query("datum");
  if (!text || text->empty()) return today;
  if (auto day = ParseIsoDay(*text)) return *day;
  error = "De datum \"" + std::string(*text) + "\" is geen geldige datum (jjjj-mm-dd); vandaag wordt getoond.";
  return today;
}

std::optional<std::int64_t> IdParam(const http::Request& request) {
  long long id = 0;
  if (!text::ParseInt(request.Param("id"), id) || id <= 0) return std::nullopt;
  return id;
}

http::Response NotFound(const http::Request& request, const std::string& what) {
  return web::MessagePage(request, 404, "Niet gevonden", what + " bestaat niet (meer).");
}

http::Response CsrfRefused(const http::Request& request) {
  return web::MessagePage(request, 403, "Formulier verlopen",
                          "Dit formulier kon niet worden gecontroleerd (beveiligingscode ontbreekt of klopt niet). "
                          "Er is niets opgeslagen. Open de pagina opnieuw en probeer het nog eens.");
}

http::Response NotYours(const http::Request& request, const std::string& what) {
  return web::MessagePage(request, 403, "Niet toegestaan voor dit " + what,
                          "U kunt alleen uw eigen " + what + " wijzigen. Er is niets gewijzigd.");
}

}  // namespace pages

void AddRegisterPageRoutes(http::Router& router, PropertyRepository& repository, const Clock& clock,
                           const MapSettings& map) {
  pages::AddVacancyPages(router, repository, clock, map);
  pages::AddUnitAndBusinessPages(router, repository, clock);
  pages::AddRegisterForms(router, repository, clock);
  pages::AddScenarioPages(router, repository, clock);
}

}  // namespace stadshart::property
