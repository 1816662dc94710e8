// JSON API of the register: /api/v1/units, /businesses, /zones, /vacancy (day, trend, mismatches, temporary use,
// upper floors), /scenarios, and the exports (CSV, GeoJSON). Figures come from the in-memory snapshot.
#include <nlohmann/json.hpp>
#include <set>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "property/property_json.h"
#include "property/property_routes.h"
#include "property/register_csv.h"
#include "web/api.h"

namespace stadshart::property {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;
using web::JsonError;
using web::JsonResponse;

std::optional<std::int64_t> IdParam(const Request& request) {
  long long id = 0;
  if (!text::ParseInt(request.Param("id"), id) || id <= 0) return std::nullopt;
  return id;
}

// A day from the query (YYYY-MM-DD), today in Amsterdam when absent.
Result<Day> DayParam(const Request& request, std::string_view name, const Clock& clock) {
  auto raw = request.Query(name);
  if (!raw || raw->empty()) return AmsterdamToday(clock.Now());
  if (auto day = ParseIsoDay(*raw)) return *day;
  return Error::Invalid({{std::string(name), std::string(name) + " moet een datum zijn als 2019-03-01."}});
}

Result<VacancyFilter> FilterParams(const Request& request, const Register& reg) {
  VacancyFilter filter;
  if (auto zone = request.Query("zone"); zone && !zone->empty()) {
    if (!reg.FindZone(*zone)) return Error::Invalid({{"zone", "Onbekende zone '" + std::string(*zone) + "'."}});
    filter.zone = std::string(*zone);
  }
  if (auto street = request.Query("street"); street && !street->empty()) filter.street = std::string(*street);
  return filter;
}

// Whether the request may see the owner of this unit: staff, or the eigenaar linked to it.
bool SeesOwner(const Request& request, std::int64_t unit_id) {
  if (accounts::Can(request, "register.private")) return true;
  const auto& principal = accounts::PrincipalOf(request);
  return principal.user && principal.user->role == accounts::Role::kEigenaar &&
         principal.user->ActsFor("unit", unit_id);
}

Response Forbidden() {
  return JsonError(403, "forbidden", "U mag alleen de gegevens wijzigen van het bedrijf of de panden waarvoor u optreedt.");
}

Result<std::int64_t> Version(const json& body) {
  auto it = body.find("version");
  if (it == body.end() || it->is_null()) {
    return Error{ErrorKind::kVersionRequired,
                 "Geef de versie mee waarop de wijziging is gebaseerd (\"version\"), zodat niemands wijziging verloren "
                 "gaat."};
  }
  if (!it->is_number_integer()) return Error::Invalid({{"version", "version moet een geheel getal zijn."}});
  return it->get<std::int64_t>();
}

std::optional<Result<Day>> DayField(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) {
    if (auto day = ParseIsoDay(it->get<std::string>())) return Result<Day>(*day);
  }
  return Result<Day>(Error::Invalid({{name, std::string(name) + " moet een datum zijn als 2019-03-01."}}));
}

Result<OccupancyInterval> IntervalFromJson(const json& body) {
  std::vector<FieldError> errors;
  OccupancyInterval interval;
  for (const auto& [key, value] : body.items()) {
    static const std::set<std::string> kKnown = {"version", "from", "to", "kind", "business_id", "temporary_user",
                                                 "temporary_manager", "temporary_end"};
    if (!kKnown.count(key)) errors.push_back({key, "Onbekend veld '" + key + "'."});
  }
  auto from = DayField(body, "from");
  if (!from) {
    errors.push_back({"from", "Geef de datum waarop de nieuwe situatie ingaat (\"from\")."});
  } else if (!from->ok()) {
    errors.push_back(from->error().field_errors.front());
  } else {
    interval.from = from->value();
  }
  if (auto to = DayField(body, "to")) {
    if (to->ok()) interval.to = to->value(); else errors.push_back(to->error().field_errors.front());
  }
  if (auto end = DayField(body, "temporary_end")) {
    if (end->ok()) interval.temporary_end = end->value(); else errors.push_back(end->error().field_errors.front());
  }
  auto kind = body.find("kind");
  std::optional<OccupancyKind> parsed;
  if (kind != body.end() && kind->is_string()) parsed = ParseKind(kind->get<std::string>());
  if (!parsed) {
    errors.push_back({"kind", "kind is in_use, vacant, vacant_let, temporary, housing of transformation."});
  } else {
    interval.kind = *parsed;
  }
  if (auto b = body.find("business_id"); b != body.end() && !b->is_null()) {
    if (b->is_number_integer()) interval.business_id = b->get<std::int64_t>();
    else errors.push_back({"business_id", "business_id moet een nummer zijn."});
  }
  for (const char* name : {"temporary_user", "temporary_manager"}) {
    if (auto t = body.find(name); t != body.end() && !t->is_null()) {
      if (!t->is_string() || t->get<std::string>().size() > 200) {
        errors.push_back({name, std::string(name) + " is tekst van hoogstens 200 tekens."});
      } else {
        (std::string_view(name) == "temporary_user" ? interval.temporary_user : interval.temporary_manager) =
            t->get<std::string>();
      }
    }
  }
  if (parsed == OccupancyKind::kTemporary && interval.temporary_user.empty()) {
    errors.push_back({"temporary_user", "Noem de tijdelijke gebruiker."});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return interval;
}

Response Csv(std::string body, const std::string& filename) {
  Response response{200, {{"Content-Type", "text/csv; charset=utf-8"},
                          {"Content-Disposition", "attachment; filename=\"" + filename + "\""}},
                    std::move(body)};
  return response;
}

// The register as the request may see it: owners only for staff (exports are otherwise public open data).
std::shared_ptr<const Register> Visible(const Request& request, std::shared_ptr<const Register> reg) {
  if (accounts::Can(request, "register.private")) return reg;
  auto copy = std::make_shared<Register>(*reg);
  for (Unit& unit : copy->units) {
    if (!SeesOwner(request, unit.id)) unit.owner.clear();
  }
  return copy;
}

}  // namespace

void AddRegisterApiRoutes(http::Router& router, PropertyRepository& repo, const Clock& clock) {
  http::RouteOptions cached{.cacheable = true, .permission = "public"};

  // --- Units ------------------------------------------------------------------------------------------------
  router.Add(Method::kGet, "/api/v1/units", [&repo, &clock](Request& request) {
    auto reg = repo.Snapshot();
    auto filter = FilterParams(request, *reg);
    if (!filter.ok()) return JsonError(filter.error());
    UnitQuery query{.filter = filter.value()};
    if (auto q = request.Query("q")) query.text = std::string(*q);
    if (auto state = request.Query("state"); state && !state->empty()) {
      auto day = DayParam(request, "date", clock);
      if (!day.ok()) return JsonError(day.error());
      query.state_on = day.value();
      query.state = std::string(*state);
    }
    long long limit = 1000, offset = 0;
    if (auto l = request.Query("limit"); l && (!text::ParseInt(*l, limit) || limit < 1 || limit > 100000)) {
      return JsonError(Error::Invalid({{"limit", "limit is een getal van 1 tot en met 100000."}}));
    }
    if (auto o = request.Query("offset"); o && (!text::ParseInt(*o, offset) || offset < 0)) {
      return JsonError(Error::Invalid({{"offset", "offset is een getal vanaf 0."}}));
    }
    auto found = FindUnits(*reg, query);
    if (!found.ok()) return JsonError(found.error());
    json units = json::array();
    const auto& all = found.value();
    for (size_t i = static_cast<size_t>(offset); i < all.size() && units.size() < static_cast<size_t>(limit); ++i) {
      units.push_back(UnitToJson(*all[i], SeesOwner(request, all[i]->id)));
    }
    return JsonResponse({{"units", std::move(units)}, {"total", all.size()}, {"offset", offset}, {"limit", limit}});
  }, cached);

  router.Add(Method::kGet, "/api/v1/units/{id}", [&repo](Request& request) {
    auto reg = repo.Snapshot();
    auto id = IdParam(request);
    const Unit* unit = id ? reg->FindUnit(*id) : nullptr;
    if (!unit) return JsonError(Error::NotFound("Pand " + std::string(request.Param("id")) + " bestaat niet."));
    return JsonResponse(UnitToJson(*unit, SeesOwner(request, unit->id)));
  }, cached);

  router.Add(Method::kPost, "/api/v1/units", [&repo](Request& request) {
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    auto unit = UnitFromJson(body.value(), {});
    if (!unit.ok()) return JsonError(unit.error());
    auto created = repo.CreateUnit(unit.value(), accounts::ActorOf(request));
    if (!created.ok()) return JsonError(created.error());
    return JsonResponse(UnitToJson(created.value(), true), 201);
  }, {.permission = "register.write"});

  router.Add(Method::kPatch, "/api/v1/units/{id}", [&repo](Request& request) {
    auto id = IdParam(request);
    auto reg = repo.Snapshot();
    const Unit* current = id ? reg->FindUnit(*id) : nullptr;
    if (!current) return JsonError(Error::NotFound("Pand " + std::string(request.Param("id")) + " bestaat niet."));
    if (!accounts::MayChange(request, "unit", *id)) return Forbidden();
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    auto version = Version(body.value());
    if (!version.ok()) return JsonError(version.error());
    auto unit = UnitFromJson(body.value(), *current);
    if (!unit.ok()) return JsonError(unit.error());
    auto updated = repo.UpdateUnit(*id, unit.value(), version.value(), accounts::ActorOf(request));
    if (!updated.ok()) return JsonError(updated.error());
    return JsonResponse(UnitToJson(updated.value(), SeesOwner(request, *id)));
  }, {.permission = "register.own"});

  // "Nieuwe huurder per 1 maart": closes the current state on `from` and starts the new one.
  router.Add(Method::kPost, "/api/v1/units/{id}/occupancy", [&repo](Request& request) {
    auto id = IdParam(request);
    auto reg = repo.Snapshot();
    if (!id || !reg->FindUnit(*id)) {
      return JsonError(Error::NotFound("Pand " + std::string(request.Param("id")) + " bestaat niet."));
    }
    if (!accounts::MayChange(request, "unit", *id)) return Forbidden();
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    auto version = Version(body.value());
    if (!version.ok()) return JsonError(version.error());
    auto interval = IntervalFromJson(body.value());
    if (!interval.ok()) return JsonError(interval.error());
    auto changed = repo.ChangeOccupancy(*id, interval.value(), version.value(), accounts::ActorOf(request));
    if (!changed.ok()) return JsonError(changed.error());
    return JsonResponse(UnitToJson(changed.value(), SeesOwner(request, *id)), 201);
  }, {.permission = "register.own"});

  // --- Businesses -------------------------------------------------------------------------------------------
  router.Add(Method::kGet, "/api/v1/businesses", [&repo](Request& request) {
    auto reg = repo.Snapshot();
    std::string q = text::Trim(request.Query("q").value_or(""));
    json businesses = json::array();
    for (const Business& b : reg->businesses) {
      if (!q.empty() && !ContainsFolded(b.name, q)) continue;
      businesses.push_back(BusinessToJson(b));
    }
    return JsonResponse({{"businesses", std::move(businesses)}});
  }, cached);

  router.Add(Method::kGet, "/api/v1/businesses/{id}", [&repo](Request& request) {
    auto reg = repo.Snapshot();
    auto id = IdParam(request);
    const Business* business = id ? reg->FindBusiness(*id) : nullptr;
    if (!business) return JsonError(Error::NotFound("Bedrijf " + std::string(request.Param("id")) + " bestaat niet."));
    return JsonResponse(BusinessToJson(*business));
  }, cached);

  router.Add(Method::kPost, "/api/v1/businesses", [&repo](Request& request) {
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    auto business = BusinessFromJson(body.value(), {});
    if (!business.ok()) return JsonError(business.error());
    auto created = repo.CreateBusiness(business.value(), accounts::ActorOf(request));
    if (!created.ok()) return JsonError(created.error());
    return JsonResponse(BusinessToJson(created.value()), 201);
  }, {.permission = "register.write"});

  router.Add(Method::kPatch, "/api/v1/businesses/{id}", [&repo](Request& request) {
    auto id = IdParam(request);
    auto reg = repo.Snapshot();
    const Business* current = id ? reg->FindBusiness(*id) : nullptr;
    if (!current) return JsonError(Error::NotFound("Bedrijf " + std::string(request.Param("id")) + " bestaat niet."));
    if (!accounts::MayChange(request, "business", *id)) return Forbidden();
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    auto version = Version(body.value());
    if (!version.ok()) return JsonError(version.error());
    auto business = BusinessFromJson(body.value(), *current);
    if (!business.ok()) return JsonError(business.error());
    auto updated = repo.UpdateBusiness(*id, business.value(), version.value(), accounts::ActorOf(request));
    if (!updated.ok()) return JsonError(updated.error());
    return JsonResponse(BusinessToJson(updated.value()));
  }, {.permission = "register.own"});

  // --- Zones ------------------------------------------------------------------------------------------------
  router.Add(Method::kGet, "/api/v1/zones", [&repo](Request&) {
    json zones = json::array();
    for (const Zone& zone : repo.Snapshot()->zones) zones.push_back(ZoneToJson(zone));
    return JsonResponse({{"zones", std::move(zones)}});
  }, cached);

  router.Add(Method::kPatch, "/api/v1/zones/{code}", [&repo](Request& request) {
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    auto version = Version(body.value());
    if (!version.ok()) return JsonError(version.error());
    auto intended = FunctionsFromJson(body.value());
    if (!intended.ok()) return JsonError(intended.error());
    auto zone = repo.UpdateZone(std::string(request.Param("code")), intended.value(), version.value(),
                                accounts::ActorOf(request));
    if (!zone.ok()) return JsonError(zone.error());
    return JsonResponse(ZoneToJson(zone.value()));
  }, {.permission = "register.write"});

  // --- Figures ----------------------------------------------------------------------------------------------
  router.Add(Method::kGet, "/api/v1/vacancy", [&repo, &clock](Request& request) {
    auto reg = repo.Snapshot();
    auto day = DayParam(request, "date", clock);
    if (!day.ok()) return JsonError(day.error());
    auto filter = FilterParams(request, *reg);
    if (!filter.ok()) return JsonError(filter.error());
    json body = FiguresToJson(reg->vacancy_index ? VacancyOn(*reg->vacancy_index, day.value(), filter.value())
                                                   : VacancyOn(reg->units, day.value(), filter.value()));
    if (filter.value().zone) body["zone"] = *filter.value().zone;
    if (filter.value().street) body["street"] = *filter.value().street;
    return JsonResponse(body);
  }, cached);

  router.Add(Method::kGet, "/api/v1/vacancy/trend", [&repo, &clock](Request& request) {
    auto reg = repo.Snapshot();
    auto to = DayParam(request, "to", clock);
    if (!to.ok()) return JsonError(to.error());
    Result<Day> from = request.Query("from") ? DayParam(request, "from", clock)
                                             : Result<Day>(Day{std::chrono::year{2015} / 1 / 1});
    if (!from.ok()) return JsonError(from.error());
    if (from.value() > to.value()) return JsonError(Error::Invalid({{"from", "from ligt na to."}}));
    if (to.value() - from.value() > std::chrono::days{366 * 50}) {
      return JsonError(Error::Invalid({{"from", "Een trend beslaat hoogstens 50 jaar."}}));
    }
    auto filter = FilterParams(request, *reg);
    if (!filter.ok()) return JsonError(filter.error());
    auto trend = reg->vacancy_index ? MonthlyTrend(*reg->vacancy_index, from.value(), to.value(), filter.value())
                                   : MonthlyTrend(reg->units, from.value(), to.value(), filter.value());
    auto activity = MonthlyActivity(*reg, from.value(), to.value(), filter.value());
    json months = json::array();
    for (size_t i = 0; i < trend.size(); ++i) {
      json month = FiguresToJson(trend[i]);
      month["businesses"] = activity[i].businesses;
      month["jobs"] = activity[i].jobs;
      months.push_back(std::move(month));
    }
    return JsonResponse({{"from", FormatIsoDay(from.value())}, {"to", FormatIsoDay(to.value())},
                         {"months", std::move(months)}});
  }, cached);

  router.Add(Method::kGet, "/api/v1/vacancy/mismatches", [&repo, &clock](Request& request) {
    auto reg = repo.Snapshot();
    auto day = DayParam(request, "date", clock);
    if (!day.ok()) return JsonError(day.error());
    json items = json::array();
    for (const Mismatch& m : Mismatches(*reg, day.value())) {
      json item{{"unit_id", m.unit->id}, {"address", m.unit->Address()}, {"zone", m.unit->zone},
                {"reason", m.reason == Mismatch::Reason::kVacantInCore ? "vacant_in_core" : "function_not_intended"}};
      if (m.function) item["function"] = InfoOf(*m.function).code;
      items.push_back(std::move(item));
    }
    return JsonResponse({{"date", FormatIsoDay(day.value())}, {"mismatches", std::move(items)}});
  }, cached);

  router.Add(Method::kGet, "/api/v1/vacancy/temporary", [&repo, &clock](Request& request) {
    auto reg = repo.Snapshot();
    auto day = DayParam(request, "date", clock);
    if (!day.ok()) return JsonError(day.error());
    json items = json::array();
    for (const TemporaryUse& t : TemporaryPortfolio(*reg, day.value())) {
      items.push_back({{"unit_id", t.unit->id}, {"address", t.unit->Address()}, {"zone", t.unit->zone},
                       {"from", FormatIsoDay(t.interval->from)}, {"user", t.interval->temporary_user},
                       {"manager", t.interval->temporary_manager},
                       {"end", t.interval->temporary_end ? json(FormatIsoDay(*t.interval->temporary_end)) : json(nullptr)},
                       {"days_left", t.days_left ? json(*t.days_left) : json(nullptr)}});
    }
    return JsonResponse({{"date", FormatIsoDay(day.value())}, {"temporary_use", std::move(items)}});
  }, cached);

  router.Add(Method::kGet, "/api/v1/vacancy/upper-floors", [&repo, &clock](Request& request) {
    auto reg = repo.Snapshot();
    auto day = DayParam(request, "date", clock);
    if (!day.ok()) return JsonError(day.error());
    auto filter = FilterParams(request, *reg);
    if (!filter.ok()) return JsonError(filter.error());
    UpperFloorState s = UpperFloors(*reg, day.value(), filter.value());
    return JsonResponse({{"date", FormatIsoDay(day.value())}, {"units", s.units}, {"housing", s.housing},
                         {"in_use", s.in_use}, {"vacant", s.vacant}, {"other", s.other}});
  }, cached);

  // --- Scenarios --------------------------------------------------------------------------------------------
  // Evaluates a scenario; with "save": true also stores it (scenario.write).
  router.Add(Method::kPost, "/api/v1/scenarios", [&repo](Request& request) {
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    auto scenario = ScenarioFromJson(body.value());
    if (!scenario.ok()) return JsonError(scenario.error());
    bool save = body.value().value("save", false);
    if (save && !accounts::Can(request, "scenario.write")) {
      return JsonError(403, "forbidden", "U mag scenario's doorrekenen maar niet opslaan.");
    }
    auto reg = repo.Snapshot();
    auto result = Evaluate(*reg, scenario.value());
    if (!result.ok()) return JsonError(result.error());
    Scenario stored = scenario.value();
    if (save) {
      auto saved = repo.SaveScenario(scenario.value(), accounts::ActorOf(request));
      if (!saved.ok()) return JsonError(saved.error());
      stored = saved.value();
    }
    return JsonResponse(ScenarioToJson(stored, result.value()), save ? 201 : 200);
  }, {.permission = "register.private"});

  router.Add(Method::kGet, "/api/v1/scenarios", [&repo](Request&) {
    json scenarios = json::array();
    for (const Scenario& s : repo.ListScenarios()) {
      scenarios.push_back({{"id", s.id}, {"name", s.name}, {"date", FormatIsoDay(s.date)},
                           {"target", InfoOf(s.target).code}, {"created_by", s.created_by},
                           {"created_at", s.created_at}});
    }
    return JsonResponse({{"scenarios", std::move(scenarios)}});
  }, {.permission = "register.private"});

  router.Add(Method::kGet, "/api/v1/scenarios/{id}", [&repo](Request& request) {
    auto id = IdParam(request);
    auto scenario = id ? repo.GetScenario(*id) : std::nullopt;
    if (!scenario) return JsonError(Error::NotFound("Scenario " + std::string(request.Param("id")) + " bestaat niet."));
    auto result = Evaluate(*repo.Snapshot(), *scenario);
    if (!result.ok()) return JsonError(result.error());
    return JsonResponse(ScenarioToJson(*scenario, result.value()));
  }, {.permission = "register.private"});

  // --- Exports ----------------------------------------------------------------------------------------------
  router.Add(Method::kGet, "/api/v1/units.csv", [&repo](Request& request) {
    return Csv(UnitsCsv(*Visible(request, repo.Snapshot())), "panden.csv");
  }, cached);
  router.Add(Method::kGet, "/api/v1/businesses.csv", [&repo](Request&) {
    return Csv(BusinessesCsv(*repo.Snapshot()), "bedrijven.csv");
  }, cached);
  router.Add(Method::kGet, "/api/v1/occupancy.csv", [&repo](Request&) {
    return Csv(OccupancyCsv(*repo.Snapshot()), "bezetting.csv");
  }, cached);
  router.Add(Method::kGet, "/api/v1/units.geojson", [&repo, &clock](Request& request) {
    auto day = DayParam(request, "date", clock);
    if (!day.ok()) return JsonError(day.error());
    Response response{200, {{"Content-Type", "application/geo+json"}}, UnitsGeoJson(*repo.Snapshot(), day.value())};
    return response;
  }, cached);
}

}  // namespace stadshart::property
