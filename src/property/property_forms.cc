// The edit forms of the register: /panden/{id}/bewerken and /bedrijven/{id}/bewerken. Shown to and accepted from
// whoever may change that record (accounts::MayChange: a beheerder any, an eigenaar their units, an ondernemer
// their business); post/redirect/get, CSRF, errors by the field, and the version the form was based on (409 with
// both versions side by side when someone else saved first).
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "property/register_pages.h"
#include "web/csrf.h"
#include "web/page.h"

namespace stadshart::property::pages {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

// One field of a generic edit form (templates/register_edit.mustache).
struct Field {
  std::string name;
  std::string label;
  enum class Type { kText, kNumber, kSelect, kCheckbox, kCheckboxes } type = Type::kText;
  std::string hint = {};
  bool required = false;
};

json Option(std::string_view value, std::string_view label, bool selected) {
  return {{"value", value}, {"label", label}, {"selected", selected}};
}

// The view of the form: each field with its value (from `values`), options, error.
json FormView(const std::vector<Field>& fields, const json& values, const json& options, const json& errors) {
  json list = json::array();
  for (const Field& f : fields) {
    json item = {{"name", f.name},
                 {"label", f.label},
                 {"hint", f.hint.empty() ? json(false) : json(f.hint)},
                 {"required", f.required},
                 {"is_text", f.type == Field::Type::kText || f.type == Field::Type::kNumber},
                 {"input_type", "text"},
                 {"inputmode", f.type == Field::Type::kNumber ? json("decimal") : json(false)},
                 {"is_select", f.type == Field::Type::kSelect},
                 {"is_checkbox", f.type == Field::Type::kCheckbox},
                 {"is_checkboxes", f.type == Field::Type::kCheckboxes},
                 {"value", values.value(f.name, json("")).is_string() ? values.value(f.name, json("")) : json("")},
                 {"checked", values.value(f.name, json("")) == "ja"},
                 {"options", options.value(f.name, json::array())},
                 {"error", errors.contains(f.name) ? errors[f.name]["message"] : json(false)}};
    list.push_back(std::move(item));
  }
  return list;
}

bool ParseNumber(std::string_view text, double& out) {
  std::optional<double> value = text::ParseDecimal(text);
  if (value) out = *value;
  return value.has_value();
}

std::string FormatCoordinate(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", *v);
  return buf;
}

Response EditPage(const Request& request, const std::string& title, const std::vector<web::Crumb>& crumbs,
                  const std::string& action, std::int64_t version, const json& fields, const json& errors,
                  const json& conflict, int status) {
  web::CsrfToken token = web::CsrfFor(request);
  json view = {{"heading", title},
               {"action", action},
               {"csrf", token.value},
               {"version", version},
               {"fields", fields},
               {"errors", errors},
               {"conflict", conflict},
               {"back", crumbs.back().href}};
  Response response = web::RenderPage(request, {title, "/panden", crumbs, status}, "register_edit", view);
  token.Attach(response);
  return response;
}

// Rows of the conflict table: fields where the user's input and the stored record differ.
json ConflictView(const std::string& message, const std::vector<Field>& fields, const json& mine, const json& theirs) {
  json rows = json::array();
  for (const Field& f : fields) {
    json a = mine.value(f.name, json("")), b = theirs.value(f.name, json(""));
    if (a != b) rows.push_back({{"label", f.label}, {"mine", a.is_string() ? a : json(a.dump())},
                                {"theirs", b.is_string() ? b : json(b.dump())}});
  }
  return {{"message", message}, {"rows", rows}, {"any", !rows.empty()}};
}

// --- Units ------------------------------------------------------------------------------------------------------

const std::vector<Field>& UnitFields() {
  static const std::vector<Field> fields = {
      {"street", "Straat", Field::Type::kText, "", true},
      {"number", "Huisnummer", Field::Type::kNumber, "", true},
      {"letter", "Huisletter", Field::Type::kText},
      {"addition", "Toevoeging", Field::Type::kText},
      {"postcode", "Postcode", Field::Type::kText, "Bijvoorbeeld 9401 AB."},
      {"bag_id", "BAG-verblijfsobject-id", Field::Type::kText, "16 cijfers, bijvoorbeeld 0106010000012345."},
      {"zone", "Zone", Field::Type::kSelect},
      {"floor", "Verdieping", Field::Type::kSelect},
      {"floor_area_m2", "Winkelvloeroppervlak (m²)", Field::Type::kNumber},
      {"outlet", "Verkooppunt (telt mee in de leegstand; niet voor geldautomaten en servicepunten)", Field::Type::kCheckbox},
      {"lat", "Breedtegraad (WGS84)", Field::Type::kNumber, "Bijvoorbeeld 52,99290; leeg laten als onbekend."},
      {"lon", "Lengtegraad (WGS84)", Field::Type::kNumber, "Bijvoorbeeld 6,56260."},
      {"owner", "Eigenaar", Field::Type::kText, "Organisatie of persoon; niet openbaar."},
  };
  return fields;
}

json UnitValues(const Unit& u) {
  return {{"street", u.street},   {"number", std::to_string(u.number)},
          {"letter", u.letter},   {"addition", u.addition},
          {"postcode", u.postcode}, {"bag_id", u.bag_id},
          {"zone", u.zone},       {"floor", std::string(FloorCode(u.floor))},
          {"floor_area_m2", std::to_string(u.floor_area_m2)}, {"outlet", u.outlet ? "ja" : "nee"},
          {"lat", FormatCoordinate(u.lat)}, {"lon", FormatCoordinate(u.lon)},
          {"owner", u.owner}};
}

json UnitOptions(const Register& reg, const json& values) {
  json zones = json::array();
  for (const Zone& z : reg.zones) zones.push_back(Option(z.code, z.name, values.value("zone", "") == z.code));
  json floors = {Option("ground", "begane grond", values.value("floor", "") == "ground"),
                 Option("upper", "verdieping", values.value("floor", "") == "upper")};
  return {{"zone", zones}, {"floor", floors}};
}

Response UnitEditPage(PropertyRepository& repo, const Request& request, std::int64_t id, std::optional<json> submitted,
                      const std::vector<FieldError>& errors, json conflict, int status) {
  auto reg = repo.Snapshot();
  const Unit* unit = reg->FindUnit(id);
  if (unit == nullptr) return NotFound(request, "Pand " + std::to_string(id));
  if (!accounts::MayChange(request, "unit", id)) return NotYours(request, "pand");
  json values = submitted ? *submitted : UnitValues(*unit);
  json fields = FormView(UnitFields(), values, UnitOptions(*reg, values), web::ErrorView(errors));
  return EditPage(request, "Pand " + unit->Address() + " wijzigen",
                  {{"/", "Home"}, {"/panden", "Panden"}, {UnitUrl(id), unit->Address()}}, UnitUrl(id) + "/bewerken",
                  unit->version, fields, web::ErrorView(errors), conflict, status);
}

Response SaveUnit(PropertyRepository& repo, const Request& request) {
  auto id = IdParam(request);
  if (!id) return NotFound(request, "Pand " + std::string(request.Param("id")));
  if (!accounts::MayChange(request, "unit", *id)) return NotYours(request, "pand");
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  auto reg = repo.Snapshot();
  const Unit* stored = reg->FindUnit(*id);
  if (stored == nullptr) return NotFound(request, "Pand " + std::to_string(*id));

  json submitted = json::object();
  for (const Field& f : UnitFields()) submitted[f.name] = text::Trim(http::FieldValue(form, f.name));
  submitted["outlet"] = http::FieldValue(form, "outlet") == "ja" ? "ja" : "nee";
  long long version = 0;
  if (!text::ParseInt(http::FieldValue(form, "version"), version)) {
    return web::MessagePage(request, 400, "Formulier onvolledig", "De versie van het pand ontbreekt; er is niets opgeslagen.");
  }
  std::vector<FieldError> errors;
  Unit unit = *stored;
  unit.street = submitted["street"];
  long long number = 0;
  if (!text::ParseInt(submitted["number"].get<std::string>(), number) || number <= 0 || number > 99999) {
    errors.push_back({"number", "Vul een huisnummer in (een geheel getal)."});
  }
  unit.number = static_cast<int>(number);
  unit.letter = submitted["letter"];
  unit.addition = submitted["addition"];
  unit.postcode = NormalisePostcode(submitted["postcode"].get<std::string>());
  unit.bag_id = submitted["bag_id"];
  unit.zone = submitted["zone"];
  if (auto floor = ParseFloor(submitted["floor"].get<std::string>())) unit.floor = *floor;
  else errors.push_back({"floor", "Kies de verdieping."});
  long long area = 0;
  if (!text::ParseInt(submitted["floor_area_m2"].get<std::string>(), area) || area < 0) {
    errors.push_back({"floor_area_m2", "Vul het winkelvloeroppervlak in hele m² in."});
  }
  unit.floor_area_m2 = area;
  unit.outlet = submitted["outlet"] == "ja";
  unit.lat.reset();
  unit.lon.reset();
  double lat = 0, lon = 0;
  const std::string& lat_text = submitted["lat"].get_ref<const std::string&>();
  const std::string& lon_text = submitted["lon"].get_ref<const std::string&>();
  if (!lat_text.empty() || !lon_text.empty()) {
    if (!ParseNumber(lat_text, lat)) errors.push_back({"lat", "Vul de breedtegraad in als getal, bijvoorbeeld 52,99290."});
    if (!ParseNumber(lon_text, lon)) errors.push_back({"lon", "Vul de lengtegraad in als getal, bijvoorbeeld 6,56260."});
    unit.lat = lat;
    unit.lon = lon;
  }
  unit.owner = submitted["owner"];
  if (errors.empty()) {
    for (FieldError& e : CheckUnit(unit, reg->zones)) errors.push_back(std::move(e));
  }
  if (!errors.empty()) return UnitEditPage(repo, request, *id, submitted, errors, false, 422);
  auto saved = repo.UpdateUnit(*id, unit, version, accounts::ActorOf(request));
  if (!saved.ok()) {
    const Error& error = saved.error();
    if (error.kind == ErrorKind::kNotFound) return NotFound(request, "Pand " + std::to_string(*id));
    if (error.kind == ErrorKind::kConflict && error.field_errors.empty()) {
      auto fresh = repo.Snapshot();
      const Unit* current = fresh->FindUnit(*id);
      json conflict = ConflictView(error.message, UnitFields(), submitted, current ? UnitValues(*current) : json::object());
      return UnitEditPage(repo, request, *id, std::nullopt, {}, conflict, 409);
    }
    std::vector<FieldError> field_errors = error.field_errors;
    if (field_errors.empty()) field_errors.push_back({"street", error.message});
    return UnitEditPage(repo, request, *id, submitted, field_errors, false, error.kind == ErrorKind::kConflict ? 409 : 422);
  }
  return Response::Redirect(UnitUrl(*id) + "?opgeslagen=1");
}

// --- Businesses -------------------------------------------------------------------------------------------------

const std::vector<Field>& BusinessFields() {
  static const std::vector<Field> fields = {
      {"name", "Naam", Field::Type::kText, "", true},
      {"kvk", "KvK-nummer", Field::Type::kText, "8 cijfers."},
      {"vestiging", "Vestigingsnummer", Field::Type::kText, "12 cijfers."},
      {"sbi", "SBI-code", Field::Type::kText, "2 tot 5 cijfers, bijvoorbeeld 4771."},
      {"function", "Branchegroep (Locatus)", Field::Type::kSelect},
      {"jobs", "Banen", Field::Type::kNumber, "Personen die 12 uur of meer per week werken."},
      {"memberships", "Lid van", Field::Type::kCheckboxes},
      {"website", "Website", Field::Type::kText, "Bijvoorbeeld https://www.voorbeeld.nl."},
  };
  return fields;
}

json BusinessValues(const Business& b) {
  std::string memberships;
  for (const std::string& m : b.memberships) memberships += (memberships.empty() ? "" : ",") + m;
  return {{"name", b.name}, {"kvk", b.kvk}, {"vestiging", b.vestiging}, {"sbi", b.sbi},
          {"function", std::string(InfoOf(b.function).code)}, {"jobs", std::to_string(b.jobs)},
          {"memberships", memberships}, {"website", b.website}};
}

json BusinessOptions(const json& values) {
  json functions = json::array();
  for (const FunctionInfo& info : Functions()) {
    if (info.function == Function::kHousing) continue;
    functions.push_back(Option(info.code, std::to_string(info.locatus_group) + " " + std::string(info.label),
                               values.value("function", "") == info.code));
  }
  json memberships = json::array();
  std::string chosen = "," + values.value("memberships", std::string()) + ",";
  for (const Association& a : Associations()) {
    memberships.push_back(Option(a.code, a.name, chosen.find("," + std::string(a.code) + ",") != std::string::npos));
  }
  return {{"function", functions}, {"memberships", memberships}};
}

Response BusinessEditPage(PropertyRepository& repo, const Request& request, std::int64_t id,
                          std::optional<json> submitted, const std::vector<FieldError>& errors, json conflict,
                          int status) {
  auto reg = repo.Snapshot();
  const Business* business = reg->FindBusiness(id);
  if (business == nullptr) return NotFound(request, "Bedrijf " + std::to_string(id));
  if (!accounts::MayChange(request, "business", id)) return NotYours(request, "bedrijf");
  json values = submitted ? *submitted : BusinessValues(*business);
  json fields = FormView(BusinessFields(), values, BusinessOptions(values), web::ErrorView(errors));
  return EditPage(request, business->name + " wijzigen",
                  {{"/", "Home"}, {"/bedrijven", "Bedrijven"}, {BusinessUrl(id), business->name}},
                  BusinessUrl(id) + "/bewerken", business->version, fields, web::ErrorView(errors), conflict, status);
}

Response SaveBusiness(PropertyRepository& repo, const Request& request) {
  auto id = IdParam(request);
  if (!id) return NotFound(request, "Bedrijf " + std::string(request.Param("id")));
  if (!accounts::MayChange(request, "business", *id)) return NotYours(request, "bedrijf");
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  auto reg = repo.Snapshot();
  const Business* stored = reg->FindBusiness(*id);
  if (stored == nullptr) return NotFound(request, "Bedrijf " + std::to_string(*id));

  json submitted = json::object();
  for (const Field& f : BusinessFields()) submitted[f.name] = text::Trim(http::FieldValue(form, f.name));
  Business business = *stored;
  business.memberships.clear();
  std::string memberships;
  for (const auto& [name, value] : form) {
    if (name != "memberships") continue;
    business.memberships.push_back(value);
    memberships += (memberships.empty() ? "" : ",") + value;
  }
  submitted["memberships"] = memberships;
  long long version = 0;
  if (!text::ParseInt(http::FieldValue(form, "version"), version)) {
    return web::MessagePage(request, 400, "Formulier onvolledig", "De versie van het bedrijf ontbreekt; er is niets opgeslagen.");
  }
  std::vector<FieldError> errors;
  business.name = submitted["name"];
  business.kvk = submitted["kvk"];
  business.vestiging = submitted["vestiging"];
  business.sbi = submitted["sbi"];
  business.website = submitted["website"];
  auto function = ParseFunction(submitted["function"].get<std::string>());
  if (!function || *function == Function::kHousing) errors.push_back({"function", "Kies de branchegroep."});
  else business.function = *function;
  long long jobs = 0;
  if (!text::ParseInt(submitted["jobs"].get<std::string>(), jobs) || jobs < 0 || jobs > 100000) {
    errors.push_back({"jobs", "Vul het aantal banen in als geheel getal (0 of meer)."});
  }
  business.jobs = static_cast<int>(jobs);
  for (const std::string& m : business.memberships) {
    bool known = std::any_of(Associations().begin(), Associations().end(),
                             [&](const Association& a) { return a.code == m; });
    if (!known) errors.push_back({"memberships", "Onbekende vereniging: " + m + "."});
  }
  if (errors.empty()) {
    for (FieldError& e : CheckBusiness(business)) errors.push_back(std::move(e));
  }
  if (!errors.empty()) return BusinessEditPage(repo, request, *id, submitted, errors, false, 422);
  auto saved = repo.UpdateBusiness(*id, business, version, accounts::ActorOf(request));
  if (!saved.ok()) {
    const Error& error = saved.error();
    if (error.kind == ErrorKind::kNotFound) return NotFound(request, "Bedrijf " + std::to_string(*id));
    if (error.kind == ErrorKind::kConflict && error.field_errors.empty()) {
      auto fresh = repo.Snapshot();
      const Business* current = fresh->FindBusiness(*id);
      json conflict = ConflictView(error.message, BusinessFields(), submitted,
                                   current ? BusinessValues(*current) : json::object());
      return BusinessEditPage(repo, request, *id, std::nullopt, {}, conflict, 409);
    }
    std::vector<FieldError> field_errors = error.field_errors;
    if (field_errors.empty()) field_errors.push_back({"name", error.message});
    return BusinessEditPage(repo, request, *id, submitted, field_errors, false,
                            error.kind == ErrorKind::kConflict ? 409 : 422);
  }
  return Response::Redirect(BusinessUrl(*id) + "?opgeslagen=1");
}

// --- Zones: their intended functions ("verkleuring" is measured against them) ---------------------------------

const std::vector<Field>& ZoneFields() {
  static const std::vector<Field> fields = {{"intended", "Beoogde functies", Field::Type::kCheckboxes}};
  return fields;
}

std::string IntendedCodes(const std::vector<Function>& intended) {
  std::string codes;
  for (Function f : intended) codes += (codes.empty() ? "" : ",") + std::string(InfoOf(f).code);
  return codes;
}

json ZoneOptions(const std::string& chosen_codes) {
  json options = json::array();
  std::string chosen = "," + chosen_codes + ",";
  for (const FunctionInfo& info : Functions()) {
    options.push_back(Option(info.code, std::string(info.label),
                             chosen.find("," + std::string(info.code) + ",") != std::string::npos));
  }
  return {{"intended", options}};
}

std::string ZoneUrl(const std::string& code) { return "/leegstand/zones/" + http::UrlEncode(code) + "/bewerken"; }

Response ZonesPage(PropertyRepository& repo, const Request& request) {
  auto reg = repo.Snapshot();
  json zones = json::array();
  for (const Zone& zone : reg->zones) {
    std::string intended;
    for (Function f : zone.intended) intended += (intended.empty() ? "" : ", ") + std::string(InfoOf(f).label);
    zones.push_back({{"name", zone.name}, {"code", zone.code}, {"intended", intended},
                     {"none", zone.intended.empty()}, {"edit_url", ZoneUrl(zone.code)}});
  }
  json view = {{"zones", zones}, {"can_edit", accounts::Can(request, "register.write")},
               {"saved", request.Query("opgeslagen").has_value()}};
  return web::RenderPage(request, {"Zones en hun beoogde functies", "/leegstand", {{"/", "Home"}, {"/leegstand", "Leegstand"}}},
                         "register_zones", view);
}

Response ZoneEditPage(PropertyRepository& repo, const Request& request, const std::string& code,
                      std::optional<std::string> submitted, const std::vector<FieldError>& errors, json conflict,
                      int status) {
  auto reg = repo.Snapshot();
  const Zone* zone = reg->FindZone(code);
  if (zone == nullptr) return NotFound(request, "Zone " + code);
  std::string chosen = submitted ? *submitted : IntendedCodes(zone->intended);
  json values = {{"intended", chosen}};
  json fields = FormView(ZoneFields(), values, ZoneOptions(chosen), web::ErrorView(errors));
  return EditPage(request, "Beoogde functies van " + zone->name,
                  {{"/", "Home"}, {"/leegstand", "Leegstand"}, {"/leegstand/zones", "Zones"}}, ZoneUrl(code),
                  zone->version, fields, web::ErrorView(errors), conflict, status);
}

Response SaveZone(PropertyRepository& repo, const Request& request) {
  std::string code(request.Param("code"));
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  long long version = 0;
  if (!text::ParseInt(http::FieldValue(form, "version"), version)) {
    return web::MessagePage(request, 400, "Formulier onvolledig", "De versie van de zone ontbreekt; er is niets opgeslagen.");
  }
  std::vector<Function> intended;
  std::string chosen;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : form) {
    if (name != "intended") continue;
    chosen += (chosen.empty() ? "" : ",") + value;
    if (auto f = ParseFunction(value)) intended.push_back(*f);
    else errors.push_back({"intended", "Onbekende functie: " + value + "."});
  }
  if (!errors.empty()) return ZoneEditPage(repo, request, code, chosen, errors, false, 422);
  auto saved = repo.UpdateZone(code, intended, version, accounts::ActorOf(request));
  if (!saved.ok()) {
    const Error& error = saved.error();
    if (error.kind == ErrorKind::kNotFound) return NotFound(request, "Zone " + code);
    if (error.kind == ErrorKind::kConflict) {
      auto fresh = repo.Snapshot();
      const Zone* current = fresh->FindZone(code);
      json conflict = ConflictView(error.message, ZoneFields(), {{"intended", chosen}},
                                   {{"intended", current ? IntendedCodes(current->intended) : ""}});
      return ZoneEditPage(repo, request, code, std::nullopt, {}, conflict, 409);
    }
    std::vector<FieldError> field_errors = error.field_errors;
    if (field_errors.empty()) field_errors.push_back({"intended", error.message});
    return ZoneEditPage(repo, request, code, chosen, field_errors, false, 422);
  }
  return Response::Redirect("/leegstand/zones?opgeslagen=1");
}

}  // namespace

void AddRegisterForms(http::Router& router, PropertyRepository& repo, const Clock&) {
  http::RouteOptions own{.permission = "register.own"};
  router.Add(Method::kGet, "/panden/{id}/bewerken", [&repo](Request& r) {
    auto id = IdParam(r);
    if (!id) return NotFound(r, "Pand " + std::string(r.Param("id")));
    return UnitEditPage(repo, r, *id, std::nullopt, {}, false, 200);
  }, own);
  router.Add(Method::kPost, "/panden/{id}/bewerken", [&repo](Request& r) { return SaveUnit(repo, r); }, own);
  router.Add(Method::kGet, "/bedrijven/{id}/bewerken", [&repo](Request& r) {
    auto id = IdParam(r);
    if (!id) return NotFound(r, "Bedrijf " + std::string(r.Param("id")));
    return BusinessEditPage(repo, r, *id, std::nullopt, {}, false, 200);
  }, own);
  router.Add(Method::kPost, "/bedrijven/{id}/bewerken", [&repo](Request& r) { return SaveBusiness(repo, r); }, own);
  http::RouteOptions write{.permission = "register.write"};
  router.Add(Method::kGet, "/leegstand/zones", [&repo](Request& r) { return ZonesPage(repo, r); }, {.permission = "public"});
  router.Add(Method::kGet, "/leegstand/zones/{code}/bewerken", [&repo](Request& r) {
    return ZoneEditPage(repo, r, std::string(r.Param("code")), std::nullopt, {}, false, 200);
  }, write);
  router.Add(Method::kPost, "/leegstand/zones/{code}/bewerken", [&repo](Request& r) { return SaveZone(repo, r); }, write);
}

}  // namespace stadshart::property::pages
