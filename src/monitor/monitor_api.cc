// JSON API of the monitor: /api/v1/kpis (summary, one KPI with its series, measurements, corrections), the
// links between actions and KPIs, and the CSV of all series.
#include <nlohmann/json.hpp>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "monitor/monitor_json.h"
#include "monitor/monitor_routes.h"
#include "web/api.h"

namespace stadshart::monitor {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;
using web::JsonError;
using web::JsonResponse;

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

Result<std::optional<Day>> WindowParam(const Request& request) {
  auto raw = request.Query("window_from");
  if (!raw || raw->empty()) return std::optional<Day>{};
  if (auto day = ParseIsoDay(*raw)) return std::optional<Day>{*day};
  return Error::Invalid({{"window_from", "window_from moet een datum zijn als 2018-01-01."}});
}

Response NoSuchKpi(std::string_view code) { return JsonError(Error::NotFound("KPI '" + std::string(code) + "' bestaat niet.")); }

}  // namespace

std::vector<KpiReport> AllReports(MonitorRepository& repo, property::PropertyRepository& reg, Day today,
                                  bool include_archived) {
  auto snapshot = reg.Snapshot();
  auto measurements = repo.Measurements("");
  std::vector<KpiReport> reports;
  for (const Kpi& kpi : repo.ListKpis(include_archived)) {
    reports.push_back(BuildReport(kpi, measurements, snapshot.get(), today));
  }
  return reports;
}

void AddMonitorApiRoutes(http::Router& router, MonitorRepository& repo, property::PropertyRepository& reg,
                         const Clock& clock) {
  http::RouteOptions cached{.cacheable = true, .permission = "public"};
  http::RouteOptions writes{.permission = "monitor.write"};

  router.Add(Method::kGet, "/api/v1/kpis", [&repo, &reg, &clock](Request& request) {
    bool archived = request.Query("archived").value_or("") == "true";
    json kpis = json::array();
    for (const KpiReport& report : AllReports(repo, reg, AmsterdamToday(clock.Now()), archived)) {
      kpis.push_back(ReportToJson(report));
    }
    return JsonResponse({{"kpis", std::move(kpis)}});
  }, cached);

  router.Add(Method::kGet, "/api/v1/kpis.csv", [&repo](Request&) {
    Response response{200, {{"Content-Type", "text/csv; charset=utf-8"},
                            {"Content-Disposition", "attachment; filename=\"monitor.csv\""}},
                      SeriesCsv(repo.ListKpis(true), repo.Measurements(""))};
    return response;
  }, cached);

  router.Add(Method::kGet, "/api/v1/kpis/{code}", [&repo, &reg, &clock](Request& request) {
    std::string code(request.Param("code"));
    auto kpi = repo.GetKpi(code);
    if (!kpi) return NoSuchKpi(code);
    auto window = WindowParam(request);
    if (!window.ok()) return JsonError(window.error());
    auto snapshot = reg.Snapshot();
    KpiReport report = BuildReport(*kpi, repo.Measurements(code), snapshot.get(), AmsterdamToday(clock.Now()),
                                   window.value());
    return JsonResponse(ReportWithSeriesToJson(report, repo.ActionsOf(code), accounts::Can(request, "monitor.write")));
  }, cached);

  router.Add(Method::kPost, "/api/v1/kpis", [&repo](Request& request) {
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    auto kpi = KpiFromJson(body.value(), {}, true);
    if (!kpi.ok()) return JsonError(kpi.error());
    auto created = repo.CreateKpi(kpi.value(), accounts::ActorOf(request));
    if (!created.ok()) return JsonError(created.error());
    return JsonResponse(ReportToJson(BuildReport(created.value(), {}, nullptr, Day{})), 201);
  }, writes);

  router.Add(Method::kPatch, "/api/v1/kpis/{code}", [&repo, &reg, &clock](Request& request) {
    std::string code(request.Param("code"));
    auto current = repo.GetKpi(code);
    if (!current) return NoSuchKpi(code);
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    auto version = Version(body.value());
    if (!version.ok()) return JsonError(version.error());
    auto kpi = KpiFromJson(body.value(), *current, false);
    if (!kpi.ok()) return JsonError(kpi.error());
    auto updated = repo.UpdateKpi(code, kpi.value(), version.value(), accounts::ActorOf(request));
    if (!updated.ok()) return JsonError(updated.error());
    auto snapshot = reg.Snapshot();
    return JsonResponse(ReportToJson(BuildReport(updated.value(), repo.Measurements(code), snapshot.get(),
                                                 AmsterdamToday(clock.Now()))));
  }, writes);

  router.Add(Method::kDelete, "/api/v1/kpis/{code}", [&repo](Request& request) {
    auto done = repo.DeleteKpi(std::string(request.Param("code")), accounts::ActorOf(request));
    if (!done.ok()) return JsonError(done.error());
    return Response{204, {}, ""};
  }, writes);

  router.Add(Method::kPost, "/api/v1/kpis/{code}/measurements", [&repo, &clock](Request& request) {
    std::string code(request.Param("code"));
    auto kpi = repo.GetKpi(code);
    if (!kpi) return NoSuchKpi(code);
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    // A client may say the unit it measured in: it must be the KPI's (21.9 meant as a fraction or a count is refused).
    if (auto unit = body.value().find("unit"); unit != body.value().end()) {
      if (!unit->is_string() || *unit != kpi->unit) {
        return JsonError(Error::Invalid({{"unit", "De eenheid van deze KPI is '" + kpi->unit + "', niet " + unit->dump() + "."}}));
      }
      body.value().erase(unit);
    }
    auto m = MeasurementFromJson(body.value(), code, false);
    if (!m.ok()) return JsonError(m.error());
    auto stored = repo.AddMeasurement(m.value(), AmsterdamToday(clock.Now()), accounts::ActorOf(request));
    if (!stored.ok()) return JsonError(stored.error());
    return JsonResponse(MeasurementToJson(stored.value(), true), 201);
  }, writes);

  router.Add(Method::kPatch, "/api/v1/measurements/{id}", [&repo, &clock](Request& request) {
    long long id = 0;
    if (!text::ParseInt(request.Param("id"), id) || id <= 0) {
      return JsonError(Error::NotFound("Meting " + std::string(request.Param("id")) + " bestaat niet."));
    }
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    auto version = Version(body.value());
    if (!version.ok()) return JsonError(version.error());
    auto m = MeasurementFromJson(body.value(), "", true);
    if (!m.ok()) return JsonError(m.error());
    auto stored = repo.CorrectMeasurement(id, m.value(), version.value(), AmsterdamToday(clock.Now()),
                                          accounts::ActorOf(request));
    if (!stored.ok()) return JsonError(stored.error());
    return JsonResponse(MeasurementToJson(stored.value(), true));
  }, writes);

  // CSV of measurements (kpi;series;date;value;source;note), all or nothing; ?dry_run=true only checks.
  router.Add(Method::kPost, "/api/v1/kpis/measurements.csv", [&repo, &clock](Request& request) {
    auto type = request.Header("content-type").value_or("");
    if (!type.starts_with("text/csv")) {
      return JsonError(Error{ErrorKind::kMalformed, "Stuur het bestand als Content-Type: text/csv."});
    }
    auto rows = ParseMeasurementsCsv(request.body);
    if (!rows.ok()) return JsonError(rows.error());
    bool dry_run = request.Query("dry_run").value_or("") == "true";
    auto report = repo.ImportMeasurements(rows.value(), dry_run, AmsterdamToday(clock.Now()), accounts::ActorOf(request));
    if (!report.ok()) return JsonError(report.error());
    return JsonResponse({{"created", report.value().created}, {"corrected", report.value().corrected},
                         {"unchanged", report.value().unchanged}, {"dry_run", dry_run}});
  }, writes);

  router.Add(Method::kGet, "/api/v1/actions/{id}/kpis", [&repo](Request& request) {
    long long id = 0;
    if (!text::ParseInt(request.Param("id"), id) || id <= 0) {
      return JsonError(Error::NotFound("Actie " + std::string(request.Param("id")) + " bestaat niet."));
    }
    return JsonResponse({{"kpis", repo.KpisOfAction(id)}});
  }, cached);

  router.Add(Method::kPut, "/api/v1/actions/{id}/kpis", [&repo](Request& request) {
    long long id = 0;
    if (!text::ParseInt(request.Param("id"), id) || id <= 0) {
      return JsonError(Error::NotFound("Actie " + std::string(request.Param("id")) + " bestaat niet."));
    }
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    auto it = body.value().find("kpis");
    if (it == body.value().end() || !it->is_array() ||
        !std::all_of(it->begin(), it->end(), [](const json& k) { return k.is_string(); })) {
      return JsonError(Error::Invalid({{"kpis", "kpis is een lijst met KPI-codes."}}));
    }
    auto done = repo.SetActionKpis(id, it->get<std::vector<std::string>>(), accounts::ActorOf(request));
    if (!done.ok()) return JsonError(done.error());
    return JsonResponse({{"kpis", repo.KpisOfAction(id)}});
  }, writes);
}

}  // namespace stadshart::monitor
