// Pages of the monitor: /monitor (the public dashboard: a card per KPI with its value, the register's live figure,
// target, progress, sparkline and verdict), /monitor/rapport/{year} (the printable one-page report of a year) and
// the view helpers shared with the KPI page (monitor_kpi_pages.cc). Public pages show no internal notes.
#include "monitor/monitor_pages.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "monitor/kpi_chart.h"
#include "property/occupancy.h"
#include "web/page.h"

namespace stadshart::monitor {
namespace pages {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

std::string KpiUrl(std::string_view code) { return "/monitor/" + http::UrlEncode(code); }

std::string TargetText(const Kpi& kpi) {
  return std::string(ComparatorLabel(kpi.target.comparator)) + " " + FormatValue(kpi.target.value, kpi.unit) + " in " +
         std::to_string(kpi.target.year);
}

std::string BaselineText(const Kpi& kpi) {
  if (!kpi.baseline.value) return "geen nulmeting";
  std::string text = FormatValue(*kpi.baseline.value, kpi.unit);
  if (kpi.baseline.date) text += " op " + property::DutchDay(*kpi.baseline.date);
  if (!kpi.baseline.source.empty()) text += " (" + kpi.baseline.source + ")";
  return text;
}

json VerdictView(const KpiReport& report) {
  Verdict verdict = report.status.projection.verdict;
  const char* badge = "utrecht-status-badge--neutral";
  if (verdict == Verdict::kOnTrack) badge = "utrecht-status-badge--success";
  if (verdict == Verdict::kAtRisk) badge = "utrecht-status-badge--warning";
  if (verdict == Verdict::kOffTrack) badge = "utrecht-status-badge--danger";
  bool insufficient = verdict == Verdict::kInsufficientData;
  std::string explanation;
  if (insufficient) {
    explanation = "Te weinig gegevens voor een oordeel: daarvoor zijn minstens 3 metingen nodig die samen ten minste een "
                  "jaar beslaan (nu " + std::to_string(report.status.projection.points) + " in het venster).";
  } else if (report.basis == Basis::kDerived) {
    explanation = "Te weinig metingen; de trend is getrokken door het cijfer van het register op elke 1 januari.";
  } else {
    explanation = "De trend is getrokken door " + std::to_string(report.status.projection.points) + " metingen.";
  }
  return {{"code", VerdictCode(verdict)},
          {"label", VerdictLabel(verdict)},
          {"badge", badge},
          {"basis", report.basis == Basis::kDerived ? "register" : "metingen"},
          {"insufficient", insufficient},
          {"explanation", explanation}};
}

json ProgressView(const KpiReport& report) {
  const auto& progress = report.status.progress;
  if (!progress || !std::isfinite(*progress)) return false;
  long percent = std::lround(*progress * 100);
  int bar = static_cast<int>(std::clamp(percent, 0L, 100L));
  std::string text = std::to_string(percent) + "% van de weg van nulmeting naar doel afgelegd";
  if (percent < 0) text = "achteruitgang sinds de nulmeting (" + std::to_string(percent) + "% van de weg)";
  if (report.status.from_register) text += " (volgens het register vandaag)";
  if (report.status.met) text += "; het doel is gehaald";
  return {{"percent", percent}, {"bar", bar}, {"text", text}};
}

json LatestView(const KpiReport& report) {
  const auto& latest = report.status.latest;
  if (!latest) return false;
  return {{"value", FormatValue(latest->value, report.kpi.unit)},
          {"date", property::DutchDay(latest->date)},
          {"iso_date", FormatIsoDay(latest->date)},
          {"source", latest->source.empty() ? "bron onbekend" : latest->source}};
}

json DerivedTodayView(const KpiReport& report) {
  if (!report.derived_today) return false;
  return {{"value", FormatValue(*report.derived_today, report.kpi.unit)}};
}

const char* ActionBadge(std::string_view status) {
  if (status == "lopend") return "utrecht-status-badge--warning";
  if (status == "gereed") return "utrecht-status-badge--success";
  if (status == "vervallen") return "utrecht-status-badge--inactive";
  return "utrecht-status-badge--neutral";
}

json MethodParagraphs() {
  return json::array({
      "Door de metingen sinds de nulmeting (of sinds het gekozen begin van het venster) trekken we een rechte lijn "
      "met de kleinste-kwadratenmethode: de waarde uitgezet tegen de tijd in jaren. Die lijn verlengen we tot 31 "
      "december van het doeljaar; dat is de projectie.",
      "Voor een oordeel zijn minstens 3 metingen nodig die samen ten minste een jaar beslaan. Zijn die er niet, dan "
      "geven we geen oordeel en geen projectie: te weinig gegevens. Volgt een KPI ook uit het register en zijn er te "
      "weinig metingen, dan trekken we de lijn door het registercijfer op elke 1 januari (basis: register).",
      "Op koers: de projectie haalt het doel. Risico: de projectie mist het doel, maar met hoogstens 20% van de "
      "afstand die vanaf de laatste meting nog te gaan is. Niet op koers: de projectie mist het doel met meer, of de "
      "trend gaat de verkeerde kant op.",
      "Het benodigde tempo is de verandering per jaar waarmee het doel vanaf de laatste meting nog precies wordt "
      "gehaald.",
  });
}


namespace {

// The series a card's sparkline shows: the one its verdict is based on (the measurements, or the register's
// figure on every 1 January), or the measurements when there is no verdict.
struct Spark {
  std::string name;
  std::vector<Measurement> points;
};

Spark SparkOf(const KpiReport& report) {
  Spark spark;
  if (report.basis == Basis::kDerived || (report.measured.size() < 2 && !report.derived.empty())) {
    spark.name = "Register op 1 januari";
    for (const Measurement& m : report.derived) {
      if (std::chrono::year_month_day{m.date}.month() == std::chrono::January) spark.points.push_back(m);
    }
  } else {
    spark.name = "Metingen";
    for (const KpiMeasurement& m : report.measured) spark.points.push_back({m.date, m.value});
  }
  return spark;
}

json CardView(const KpiReport& report) {
  const Kpi& kpi = report.kpi;
  Spark spark = SparkOf(report);
  chart::TimeChart sparkline{.id = "spark-" + kpi.code, .title = spark.name + ": " + kpi.name, .unit = kpi.unit};
  sparkline.series = {{spark.name, chart::SeriesKind::kMeasured, spark.points}};
  sparkline.target = kpi.target.value;
  sparkline.target_label = "Doel: " + TargetText(kpi);
  json rows = json::array();
  for (const Measurement& m : spark.points) {
    rows.push_back({{"date", property::DutchDay(m.date)}, {"value", FormatValue(m.value, kpi.unit)}});
  }
  return {{"code", kpi.code},
          {"name", kpi.name},
          {"url", KpiUrl(kpi.code)},
          {"latest", LatestView(report)},
          {"derived_today", DerivedTodayView(report)},
          {"baseline", BaselineText(kpi)},
          {"target", TargetText(kpi)},
          {"progress", ProgressView(report)},
          {"verdict", VerdictView(report)},
          {"spark_svg", chart::RenderSparkline(sparkline)},
          {"spark_name", spark.name},
          {"spark_rows", rows},
          {"has_spark", !spark.points.empty()}};
}

// The text up to `max` bytes, cut at a space and ended with "…" when it was longer (for a one-page report).
std::string Shortened(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = text.rfind(' ', max);
  if (cut == std::string::npos || cut < max / 2) cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  return text.substr(0, cut) + "…";
}

std::vector<int> ReportYears(Day today) {
  std::vector<int> years;
  int current = static_cast<int>(std::chrono::year_month_day{today}.year());
  for (int y = current; y >= 2018; --y) years.push_back(y);
  return years;
}

Response Dashboard(MonitorRepository& repo, property::PropertyRepository& reg, const Clock& clock,
                   const Request& request) {
  Day today = AmsterdamToday(clock.Now());
  json cards = json::array();
  for (const KpiReport& report : AllReports(repo, reg, today, false)) cards.push_back(CardView(report));
  json years = json::array();
  for (int y : ReportYears(today)) years.push_back({{"year", y}, {"url", "/monitor/rapport/" + std::to_string(y)}});
  json view = {{"cards", cards},
               {"any", !cards.empty()},
               {"today", property::DutchDay(today)},
               {"method", MethodParagraphs()},
               {"report_years", years},
               {"can_write", accounts::Can(request, "monitor.write")}};
  return web::RenderPage(request, {"Binnenstadmonitor", "/monitor", {{"/", "Home"}}}, "monitor_dashboard", view);
}

// --- The yearly report ------------------------------------------------------------------------------------------

Response YearReport(MonitorRepository& repo, property::PropertyRepository& reg, const Clock& clock,
                    const Request& request) {
  long long year = 0;
  if (!text::ParseInt(request.Param("year"), year) || year < 2000 || year > 2100) {
    return web::MessagePage(request, 404, "Niet gevonden",
                            "Er is geen rapport voor '" + std::string(request.Param("year")) + "'. Kies een jaar op de "
                            "pagina van de monitor.");
  }
  Day today = AmsterdamToday(clock.Now());
  if (year > static_cast<int>(std::chrono::year_month_day{today}.year())) {
    return web::MessagePage(request, 404, "Nog geen rapport",
                            "Het jaar " + std::to_string(year) + " is nog niet begonnen; er is nog geen rapport.");
  }
  Day end_of_year{std::chrono::year{static_cast<int>(year)} / std::chrono::December / 31};
  Day day = std::min(end_of_year, today);
  auto snapshot = reg.Snapshot();
  std::vector<KpiMeasurement> until;  // every measurement known on that day, so the verdict is the one of that day
  for (const KpiMeasurement& m : repo.Measurements("")) {
    if (m.date <= day) until.push_back(m);
  }
  json rows = json::array();
  std::map<std::int64_t, json> actions;  // by id: the action and the KPIs it should move
  for (const Kpi& kpi : repo.ListKpis(false)) {
    KpiReport report = BuildReport(kpi, until, snapshot.get(), day);
    std::optional<double> derived;
    if (kpi.derived != Derived::kNone) derived = DerivedValue(*snapshot, kpi.derived, day);
    json latest = LatestView(report);
    rows.push_back({{"name", kpi.name},
                    {"url", KpiUrl(kpi.code)},
                    {"latest", latest},
                    {"derived", derived ? json(FormatValue(*derived, kpi.unit)) : json(false)},
                    {"baseline", BaselineText(kpi)},
                    {"target", TargetText(kpi)},
                    {"progress", ProgressView(report)},
                    {"verdict", VerdictView(report)}});
    std::map<std::string, int> counts;  // linked actions of the year by status
    for (const LinkedAction& action : repo.ActionsOf(kpi.code)) {
      if (action.plan_year != year) continue;
      auto [it, fresh] = actions.try_emplace(action.id);
      if (fresh) {
        it->second = {{"url", "/acties/" + std::to_string(action.id)},
                      {"chapter", action.chapter},
                      {"title", Shortened(action.title, 110)},
                      {"status", action.status},
                      {"badge", ActionBadge(action.status)},
                      {"kpis", ""}};
      }
      std::string kpis = it->second["kpis"];
      it->second["kpis"] = kpis.empty() ? kpi.name : kpis + "; " + kpi.name;
      ++counts[action.status];
    }
    std::string summary;
    for (const char* status : {"gereed", "lopend", "gepland", "vervallen"}) {
      if (counts[status] == 0) continue;
      summary += (summary.empty() ? "" : ", ") + std::to_string(counts[status]) + " " + status;
    }
    rows.back()["actions"] = summary.empty() ? "—" : summary;
  }
  json action_list = json::array();
  for (auto& [id, action] : actions) action_list.push_back(std::move(action));
  json view = {{"year", year},
               {"day", property::DutchDay(day)},
               {"partial", day < end_of_year},
               {"rows", rows},
               {"actions", action_list},
               {"has_actions", !action_list.empty()},
               {"plan_url", "/werkplan/" + std::to_string(year)}};
  return web::RenderPage(request, {"Binnenstadmonitor " + std::to_string(year) + " (rapport)", "/monitor",
                                   {{"/", "Home"}, {"/monitor", "Monitor"}}},
                         "monitor_report", view);
}

}  // namespace
}  // namespace pages

void AddMonitorPageRoutes(http::Router& router, MonitorRepository& repo, property::PropertyRepository& reg,
                          const Clock& clock) {
  http::RouteOptions cached{.cacheable = true, .permission = "public"};
  using http::Method;
  using http::Request;
  router.Add(Method::kGet, "/monitor",
             [&repo, &reg, &clock](Request& r) { return pages::Dashboard(repo, reg, clock, r); }, cached);
  router.Add(Method::kGet, "/monitor/rapport/{year}",
             [&repo, &reg, &clock](Request& r) { return pages::YearReport(repo, reg, clock, r); }, cached);
  pages::AddKpiForms(router, repo);  // before /monitor/{code}: "nieuw" is not a KPI
  pages::AddKpiPages(router, repo, reg, clock);
}

}  // namespace stadshart::monitor
