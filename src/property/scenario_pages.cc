// "Wat als" scenarios: /scenarios (pick units or "all vacant retail outside the core", a target function and a
// date; see vacancy per zone before and after without changing the register: a GET form, so a result is a
// shareable URL), POST /scenarios (save it), /scenarios/{id} (a saved one, evaluated on today's register).
#include <algorithm>
#include <set>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "property/charts.h"
#include "property/register_pages.h"
#include "web/csrf.h"
#include "web/page.h"
#include "web/render.h"

namespace stadshart::property::pages {
namespace {

using charts::FormatValue;
using charts::ValueFormat;
using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

std::string ScenarioUrl(std::int64_t id) { return "/scenarios/" + std::to_string(id); }

// The scenario in the form's fields (query string of GET /scenarios, body of POST /scenarios).
struct ScenarioInput {
  Scenario scenario;
  std::vector<FieldError> errors;
};

ScenarioInput ReadScenario(const http::Fields& fields, const Clock& clock) {
  ScenarioInput input;
  Scenario& s = input.scenario;
  s.name = text::Trim(http::FieldValue(fields, "naam"));
  std::string date = http::FieldValue(fields, "datum");
  s.date = AmsterdamToday(clock.Now());
  if (!date.empty()) {
    if (auto day = ParseIsoDay(date)) s.date = *day;
    else input.errors.push_back({"datum", "Vul een geldige datum in (jjjj-mm-dd)."});
  }
  std::string target = http::FieldValue(fields, "functie");
  if (auto function = ParseFunction(target.empty() ? "wonen" : target)) s.target = *function;
  else input.errors.push_back({"functie", "Kies de nieuwe functie."});
  s.vacant_retail_outside_core = http::FieldValue(fields, "buiten_kern") == "ja";
  for (const auto& [name, value] : fields) {
    long long id = 0;
    if (name == "pand" && text::ParseInt(value, id)) s.unit_ids.push_back(id);
  }
  return input;
}

std::string TargetLabel(Function f) { return std::string(InfoOf(f).label); }

json ResultView(const Register& reg, const ScenarioResult& result) {
  json rows = json::array();
  for (const ScenarioZoneResult& z : result.zones) {
    int change = z.after.vacant - z.before.vacant;
    rows.push_back({{"zone", z.zone.empty() ? std::string("Hele binnenstad") : ZoneName(reg, z.zone)},
                    {"whole", z.zone.empty()},
                    {"before_vacant", z.before.vacant},
                    {"before_outlets", z.before.outlets},
                    {"before_rate", FormatValue(z.before.RateCount(), ValueFormat::kPercent)},
                    {"before_rate_area", FormatValue(z.before.RateFloorArea(), ValueFormat::kPercent)},
                    {"after_vacant", z.after.vacant},
                    {"after_outlets", z.after.outlets},
                    {"after_rate", FormatValue(z.after.RateCount(), ValueFormat::kPercent)},
                    {"after_rate_area", FormatValue(z.after.RateFloorArea(), ValueFormat::kPercent)},
                    {"change", (change > 0 ? "+" : "") + std::to_string(change)}});
  }
  json units = json::array();
  for (std::int64_t id : result.units) {
    if (const Unit* u = reg.FindUnit(id)) units.push_back({{"url", UnitUrl(id)}, {"address", u->Address()}});
  }
  json view = {{"rows", rows}, {"units", units}, {"unit_count", result.units.size()}, {"has_units", !units.empty()}};
  view["html"] = web::Render("register_scenario_result", view);
  return view;
}

json TargetOptions(Function selected) {
  json options = json::array();
  for (const FunctionInfo& info : Functions()) {
    options.push_back({{"value", info.code}, {"label", info.label}, {"selected", info.function == selected}});
  }
  return options;
}

Response ScenariosPage(PropertyRepository& repo, const Clock& clock, const Request& request,
                       const http::Fields& fields, std::vector<FieldError> errors, int status) {
  auto reg = repo.Snapshot();
  ScenarioInput input = ReadScenario(fields, clock);
  for (FieldError& e : input.errors) errors.push_back(std::move(e));
  const Scenario& s = input.scenario;
  bool evaluate = http::FieldValue(fields, "bereken") == "1" || status != 200;
  web::CsrfToken token = web::CsrfFor(request);

  std::set<std::int64_t> chosen(s.unit_ids.begin(), s.unit_ids.end());
  json vacant = json::array();
  for (const Unit& unit : reg->units) {
    const OccupancyInterval* state = StateOn(unit, s.date);
    if (!unit.outlet || state == nullptr || state->kind != OccupancyKind::kVacant) continue;
    vacant.push_back({{"id", unit.id}, {"address", unit.Address()}, {"zone", ZoneName(*reg, unit.zone)},
                      {"checked", chosen.contains(unit.id)}});
  }
  json saved = json::array();
  for (const Scenario& other : repo.ListScenarios()) {
    auto at = ParseUtc(other.created_at);
    saved.push_back({{"url", ScenarioUrl(other.id)}, {"name", other.name}, {"date", DutchDay(other.date)},
                     {"target", TargetLabel(other.target)}, {"by", other.created_by},
                     {"at", at ? AmsterdamDateTime(*at) : other.created_at}});
  }
  json view = {{"name", s.name},
               {"date", FormatIsoDay(s.date)},
               {"date_label", DutchDay(s.date)},
               {"outside_core", s.vacant_retail_outside_core},
               {"target_options", TargetOptions(s.target)},
               {"target_label", TargetLabel(s.target)},
               {"vacant", vacant},
               {"has_vacant", !vacant.empty()},
               {"saved", saved},
               {"has_saved", !saved.empty()},
               {"result", false},
               {"can_save", accounts::Can(request, "scenario.write")},
               {"csrf", token.value},
               {"chosen", json(std::vector<std::int64_t>(chosen.begin(), chosen.end()))}};
  if (evaluate && errors.empty()) {
    Scenario evaluated = s;
    if (evaluated.name.empty()) evaluated.name = "Scenario zonder naam";
    auto result = Evaluate(*reg, evaluated);
    if (result.ok()) {
      view["result"] = ResultView(*reg, result.value());
    } else {
      errors = result.error().field_errors;
      if (errors.empty()) errors.push_back({"pand", result.error().message});
    }
  }
  for (FieldError& e : errors) {
    if (e.field == "unit_ids") e.field = "pand";
    if (e.field == "name") e.field = "naam";
    if (e.field == "date") e.field = "datum";
  }
  view["errors"] = web::ErrorView(errors);
  if (!errors.empty() && status == 200) status = 422;
  Response response = web::RenderPage(request, {"Scenario's: wat als", "/leegstand",
                                                {{"/", "Home"}, {"/leegstand", "Leegstand"}}, status},
                                      "register_scenarios", view);
  token.Attach(response);
  return response;
}

Response SaveScenarioForm(PropertyRepository& repo, const Clock& clock, const Request& request) {
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  ScenarioInput input = ReadScenario(form, clock);
  if (!input.errors.empty()) return ScenariosPage(repo, clock, request, form, {}, 422);
  if (input.scenario.name.empty()) {
    return ScenariosPage(repo, clock, request, form, {{"naam", "Geef het scenario een naam om het op te slaan."}}, 422);
  }
  auto saved = repo.SaveScenario(input.scenario, accounts::ActorOf(request));
  if (!saved.ok()) {
    std::vector<FieldError> errors = saved.error().field_errors;
    if (errors.empty()) errors.push_back({"pand", saved.error().message});
    return ScenariosPage(repo, clock, request, form, errors, 422);
  }
  return Response::Redirect(ScenarioUrl(saved.value().id));
}

Response ScenarioPage(PropertyRepository& repo, const Request& request) {
  auto id = IdParam(request);
  std::optional<Scenario> scenario;
  if (id) scenario = repo.GetScenario(*id);
  if (!scenario) return NotFound(request, "Scenario " + std::string(request.Param("id")));
  auto reg = repo.Snapshot();
  auto at = ParseUtc(scenario->created_at);
  std::string again = "/scenarios?bereken=1&naam=" + http::UrlEncode(scenario->name) + "&datum=" +
                      FormatIsoDay(scenario->date) + "&functie=" + std::string(InfoOf(scenario->target).code) +
                      (scenario->vacant_retail_outside_core ? "&buiten_kern=ja" : "");
  for (std::int64_t unit : scenario->unit_ids) again += "&pand=" + std::to_string(unit);
  json view = {{"name", scenario->name},
               {"date_label", DutchDay(scenario->date)},
               {"target_label", TargetLabel(scenario->target)},
               {"outside_core", scenario->vacant_retail_outside_core},
               {"by", scenario->created_by},
               {"at", at ? AmsterdamDateTime(*at) : scenario->created_at},
               {"edit_url", again},
               {"result", false},
               {"error", false}};
  auto result = Evaluate(*reg, *scenario);
  if (result.ok()) view["result"] = ResultView(*reg, result.value());
  else view["error"] = result.error().message;
  return web::RenderPage(request, {"Scenario " + scenario->name, "/leegstand",
                                   {{"/", "Home"}, {"/leegstand", "Leegstand"}, {"/scenarios", "Scenario's"}}},
                         "register_scenario", view);
}

}  // namespace

void AddScenarioPages(http::Router& router, PropertyRepository& repo, const Clock& clock) {
  http::RouteOptions read{.permission = "register.private"};
  router.Add(Method::kGet, "/scenarios",
             [&repo, &clock](Request& r) { return ScenariosPage(repo, clock, r, r.query, {}, 200); }, read);
  router.Add(Method::kPost, "/scenarios", [&repo, &clock](Request& r) { return SaveScenarioForm(repo, clock, r); },
             {.permission = "scenario.write"});
  router.Add(Method::kGet, "/scenarios/{id}", [&repo](Request& r) { return ScenarioPage(repo, r); }, read);
}

}  // namespace stadshart::property::pages
