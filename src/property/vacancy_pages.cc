// The vacancy pages: /leegstand (dashboard: figures on a date, per zone, the monthly trend with businesses and
// jobs, mismatches with zone policy, the temporary-use portfolio, living above shops), /leegstand/kaart (Leaflet
// map of the units with coordinates, and a street plan of the ones without) and /leegstand/straten (the
// schematic street plan of all units). Charts are inline SVG (charts.h), each with a table of its figures.
#include "accounts/request_auth.h"
#include "property/charts.h"
#include "property/register_pages.h"
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

std::string Count(double n) { return FormatValue(n, ValueFormat::kCount); }
std::string Percent(double fraction) { return FormatValue(fraction, ValueFormat::kPercent); }

json FiguresView(const VacancyFigures& f) {
  return {{"outlets", Count(f.outlets)},
          {"vacant", Count(f.vacant)},
          {"rate_count", Percent(f.RateCount())},
          {"floor_area", Count(static_cast<double>(f.floor_area_m2))},
          {"vacant_floor_area", Count(static_cast<double>(f.vacant_floor_area_m2))},
          {"rate_floor_area", Percent(f.RateFloorArea())},
          {"up_to_1y", Count(f.up_to_1y)},
          {"from_1y_to_3y", Count(f.from_1y_to_3y)},
          {"over_3y", Count(f.over_3y)}};
}

// The filter of the dashboard and the map: date, zone, street (unknown zones and streets are ignored).
struct Filter {
  Day day;
  std::string zone;
  std::string street;
  std::string date_error;

  VacancyFilter AsVacancyFilter() const {
    VacancyFilter filter;
    if (!zone.empty()) filter.zone = zone;
    if (!street.empty()) filter.street = street;
    return filter;
  }
  bool Selects(const Unit& unit) const {
    return (zone.empty() || unit.zone == zone) && (street.empty() || unit.street == street);
  }
  std::string Describe(const Register& reg) const {
    std::string where = "de hele binnenstad";
    if (!zone.empty()) where = ZoneName(reg, zone);
    if (!street.empty()) where = street + (zone.empty() ? "" : " (" + where + ")");
    return where;
  }
};

Filter ReadFilter(const Request& request, const Clock& clock, const Register& reg) {
  Filter filter;
  filter.day = DateParam(request, clock, filter.date_error);
  std::string zone(request.Query("zone").value_or(""));
  if (reg.FindZone(zone)) filter.zone = zone;
  std::string street(request.Query("straat").value_or(""));
  for (const Unit& unit : reg.units) {
    if (unit.street == street) {
      filter.street = street;
      break;
    }
  }
  return filter;
}

json FilterView(const Register& reg, const Filter& filter) {
  return {{"date", FormatIsoDay(filter.day)},
          {"date_label", DutchDay(filter.day)},
          {"date_error", filter.date_error.empty() ? json(false) : json(filter.date_error)},
          {"zone_options", ZoneOptions(reg, filter.zone)},
          {"street_options", StreetOptions(reg, filter.street)},
          {"where", filter.Describe(reg)},
          {"query", "datum=" + FormatIsoDay(filter.day) + (filter.zone.empty() ? "" : "&zone=" + http::UrlEncode(filter.zone)) +
                        (filter.street.empty() ? "" : "&straat=" + http::UrlEncode(filter.street))}};
}

// --- Dashboard --------------------------------------------------------------------------------------------------

json TrendView(const Register& reg, const Filter& filter, Day from, Day to) {
  std::vector<VacancyFigures> trend = MonthlyTrend(reg.units, from, to, filter.AsVacancyFilter());
  std::vector<Activity> activity = MonthlyActivity(reg, from, to, filter.AsVacancyFilter());
  charts::LineChart rates{.id = "grafiek-trend", .title = "Leegstand per maand, " + filter.Describe(reg)};
  rates.format = ValueFormat::kPercent;
  rates.series = {{"Leegstand naar aantal verkooppunten", {}}, {"Leegstand naar winkelvloeroppervlak", {}}};
  charts::LineChart businesses{.id = "grafiek-bedrijven", .title = "Bedrijven per maand, " + filter.Describe(reg)};
  businesses.series = {{"Bedrijven in een pand", {}}};
  charts::LineChart jobs{.id = "grafiek-banen", .title = "Banen per maand, " + filter.Describe(reg)};
  jobs.series = {{"Banen (12 uur of meer per week)", {}}};
  json rows = json::array();
  // Tick labels: every January, or every other one over a long period.
  int every = trend.size() > 120 ? 2 : 1;
  for (size_t i = 0; i < trend.size(); ++i) {
    const VacancyFigures& f = trend[i];
    std::chrono::year_month_day ymd{f.day};
    bool tick = ymd.month() == std::chrono::January && static_cast<int>(ymd.year()) % every == 0;
    std::string label = tick ? std::to_string(static_cast<int>(ymd.year())) : "";
    if (trend.size() <= 24) label = DutchMonth(f.day);
    for (charts::LineChart* chart : {&rates, &businesses, &jobs}) {
      chart->labels.push_back(label);
      chart->point_names.push_back(DutchMonth(f.day));
    }
    rates.series[0].values.push_back(f.RateCount());
    rates.series[1].values.push_back(f.RateFloorArea());
    int business_count = i < activity.size() ? activity[i].businesses : 0;
    int job_count = i < activity.size() ? activity[i].jobs : 0;
    businesses.series[0].values.push_back(business_count);
    jobs.series[0].values.push_back(job_count);
    rows.push_back({{"month", DutchMonth(f.day)},
                    {"outlets", Count(f.outlets)},
                    {"vacant", Count(f.vacant)},
                    {"rate_count", Percent(f.RateCount())},
                    {"rate_floor_area", Percent(f.RateFloorArea())},
                    {"businesses", Count(business_count)},
                    {"jobs", Count(job_count)}});
  }
  return {{"from", FormatMonth(from)},
          {"to", FormatMonth(to)},
          {"from_label", DutchMonth(from)},
          {"to_label", DutchMonth(to)},
          {"rates_svg", charts::RenderLineChart(rates)},
          {"businesses_svg", charts::RenderLineChart(businesses)},
          {"jobs_svg", charts::RenderLineChart(jobs)},
          {"rows", rows}};
}

json ZonesView(const Register& reg, const Filter& filter, std::string& svg) {
  json rows = json::array();
  charts::BarChart chart{.id = "grafiek-zones", .title = "Leegstand per zone op " + DutchDay(filter.day) + " (naar aantal)"};
  chart.format = ValueFormat::kPercent;
  for (const Zone& zone : reg.zones) {
    VacancyFilter zone_filter = filter.AsVacancyFilter();
    zone_filter.zone = zone.code;
    VacancyFigures f = VacancyOn(reg.units, filter.day, zone_filter);
    json row = FiguresView(f);
    row["zone"] = zone.name;
    row["url"] = "/leegstand?datum=" + FormatIsoDay(filter.day) + "&zone=" + http::UrlEncode(zone.code);
    rows.push_back(row);
    chart.bars.push_back({zone.name, f.RateCount()});
  }
  svg = charts::RenderBarChart(chart);
  return rows;
}

json MismatchesView(const Register& reg, const Filter& filter) {
  json rows = json::array();
  for (const Mismatch& m : Mismatches(reg, filter.day)) {
    if (!filter.Selects(*m.unit)) continue;
    std::string reason;
    if (m.reason == Mismatch::Reason::kVacantInCore) {
      reason = "Leeg in het kernwinkelgebied";
      if (auto duration = DurationOn(*m.unit, filter.day)) {
        reason += *duration == VacancyDuration::kUpTo1Year   ? " (tot 1 jaar)"
                  : *duration == VacancyDuration::k1To3Years ? " (1 tot 3 jaar)"
                                                              : " (meer dan 3 jaar)";
      }
    } else {
      reason = std::string(InfoOf(*m.function).label) + " past niet bij de zone";
    }
    rows.push_back({{"url", UnitUrl(m.unit->id)},
                    {"address", m.unit->Address()},
                    {"zone", ZoneName(reg, m.unit->zone)},
                    {"reason", reason},
                    {"core", m.reason == Mismatch::Reason::kVacantInCore}});
  }
  return rows;
}

json TemporaryView(const Register& reg, const Filter& filter) {
  json rows = json::array();
  for (const TemporaryUse& t : TemporaryPortfolio(reg, filter.day)) {
    if (!filter.Selects(*t.unit)) continue;
    std::optional<Day> end = t.interval->temporary_end ? t.interval->temporary_end : t.interval->to;
    std::string left = "geen einddatum";
    if (t.days_left) {
      int d = *t.days_left;
      left = d < 0 ? std::to_string(-d) + " dagen verstreken" : d == 0 ? "vandaag" : "nog " + std::to_string(d) + " dagen";
    }
    rows.push_back({{"url", UnitUrl(t.unit->id)},
                    {"address", t.unit->Address()},
                    {"user", t.interval->temporary_user.empty() ? "—" : t.interval->temporary_user},
                    {"manager", t.interval->temporary_manager.empty() ? "—" : t.interval->temporary_manager},
                    {"since", DutchDay(t.interval->from)},
                    {"end", end ? DutchDay(*end) : "—"},
                    {"left", left},
                    {"soon", t.days_left && *t.days_left <= 90}});
  }
  return rows;
}

json UpperFloorsView(const Register& reg, const Filter& filter, std::string& svg) {
  UpperFloorState s = UpperFloors(reg, filter.day, filter.AsVacancyFilter());
  charts::BarChart chart{.id = "grafiek-verdiepingen", .title = "Panden op verdiepingen op " + DutchDay(filter.day)};
  chart.bars = {{"wonen", static_cast<double>(s.housing)},
                {"in gebruik", static_cast<double>(s.in_use)},
                {"leegstand", static_cast<double>(s.vacant)},
                {"anders (tijdelijk, verhuurd, transformatie)", static_cast<double>(s.other)}};
  svg = charts::RenderBarChart(chart);
  return {{"units", Count(s.units)},     {"housing", Count(s.housing)}, {"in_use", Count(s.in_use)},
          {"vacant", Count(s.vacant)},   {"other", Count(s.other)},     {"any", s.units > 0}};
}

Response Dashboard(PropertyRepository& repo, const Clock& clock, const Request& request) {
  auto reg = repo.Snapshot();
  Filter filter = ReadFilter(request, clock, *reg);
  VacancyFigures figures = VacancyOn(reg->units, filter.day, filter.AsVacancyFilter());
  json view = FilterView(*reg, filter);
  view["figures"] = FiguresView(figures);
  view["has_outlets"] = figures.outlets > 0;

  charts::BarChart durations{.id = "grafiek-duur", .title = "Leegstaande panden naar duur op " + DutchDay(filter.day)};
  durations.bars = {{"tot 1 jaar (frictie)", static_cast<double>(figures.up_to_1y)},
                    {"1 tot 3 jaar (langdurig)", static_cast<double>(figures.from_1y_to_3y)},
                    {"meer dan 3 jaar (structureel)", static_cast<double>(figures.over_3y)}};
  view["durations_svg"] = charts::RenderBarChart(durations);

  std::string zones_svg;
  view["zones"] = ZonesView(*reg, filter, zones_svg);
  view["zones_svg"] = zones_svg;

  Day today = AmsterdamToday(clock.Now());
  Day from = ParseMonth(request.Query("van").value_or("")).value_or(Day{std::chrono::year{2015} / 1 / 1});
  Day to = ParseMonth(request.Query("tot").value_or("")).value_or(today);
  std::string trend_error;
  if (to < from) {
    trend_error = "De periode eindigt voor ze begint; de standaardperiode wordt getoond.";
    from = Day{std::chrono::year{2015} / 1 / 1};
    to = today;
  }
  if ((to - from).count() > 366 * 30) {
    trend_error = "Kies een periode van hoogstens 30 jaar.";
    from = to - std::chrono::days{366 * 30};
  }
  view["trend"] = TrendView(*reg, filter, from, to);
  view["trend_error"] = trend_error.empty() ? json(false) : json(trend_error);

  json core = json::array(), off_policy = json::array();
  for (json& row : MismatchesView(*reg, filter)) (row["core"].get<bool>() ? core : off_policy).push_back(std::move(row));
  view["core_vacant"] = {{"rows", core}, {"count", core.size()}, {"any", !core.empty()}};
  view["off_policy"] = {{"rows", off_policy}, {"count", off_policy.size()}, {"any", !off_policy.empty()}};
  json temporary = TemporaryView(*reg, filter);
  view["has_temporary"] = !temporary.empty();
  view["temporary_count"] = temporary.size();
  view["temporary"] = std::move(temporary);
  std::string upper_svg;
  view["upper"] = UpperFloorsView(*reg, filter, upper_svg);
  view["upper_svg"] = upper_svg;
  view["can_scenario"] = accounts::Can(request, "register.private");
  return web::RenderPage(request, {"Leegstand", "/leegstand", {{"/", "Home"}}}, "register_dashboard", view);
}

// --- Street plan and map ----------------------------------------------------------------------------------------

// The street plan as HTML (templates/register_streetplan.mustache), for the map page and /leegstand/straten.
std::string StreetPlanHtml(const Register& reg, Day day, const std::string& zone, bool without_coordinates) {
  json streets = json::array();
  for (const StreetRow& row : StreetPlan(reg, zone, without_coordinates)) {
    json units = json::array();
    for (const Unit* unit : row.units) units.push_back(UnitRow(reg, *unit, day));
    streets.push_back({{"street", row.street}, {"units", units}, {"count", row.units.size()}});
  }
  return web::Render("register_streetplan", {{"streets", streets}, {"any", !streets.empty()}});
}

json LegendView() {
  json legend = json::array();
  for (OccupancyKind kind : {OccupancyKind::kInUse, OccupancyKind::kVacant, OccupancyKind::kVacantLet,
                             OccupancyKind::kTemporary, OccupancyKind::kHousing, OccupancyKind::kTransformation}) {
    legend.push_back({{"state", KindCode(kind)}, {"label", KindLabel(kind)}});
  }
  legend.push_back({{"state", "none"}, {"label", "geen gegevens"}});
  return legend;
}

Response MapPage(PropertyRepository& repo, const Clock& clock, const MapSettings& map, const Request& request) {
  auto reg = repo.Snapshot();
  Filter filter = ReadFilter(request, clock, *reg);
  filter.street.clear();
  json view = FilterView(*reg, filter);
  int with = 0, without = 0;
  for (const Unit& unit : reg->units) {
    if (!filter.Selects(unit)) continue;
    (unit.lat && unit.lon ? with : without)++;
  }
  view["with_coordinates"] = with;
  view["without_coordinates"] = without;
  view["has_without"] = without > 0;
  view["geojson_url"] = "/api/v1/units.geojson?date=" + FormatIsoDay(filter.day);
  view["zone"] = filter.zone;  // the API has no zone filter: register-map.js filters
  view["tile_url"] = map.tile_url;
  view["attribution"] = map.attribution;
  view["legend_html"] = web::Render("register_legend", {{"legend", LegendView()}});
  view["street_plan"] = StreetPlanHtml(*reg, filter.day, filter.zone, true);
  return web::RenderPage(request, {"Kaart van de panden", "/leegstand", {{"/", "Home"}, {"/leegstand", "Leegstand"}}},
                         "register_map", view);
}

Response StreetsPage(PropertyRepository& repo, const Clock& clock, const Request& request) {
  auto reg = repo.Snapshot();
  Filter filter = ReadFilter(request, clock, *reg);
  filter.street.clear();
  json view = FilterView(*reg, filter);
  view["legend_html"] = web::Render("register_legend", {{"legend", LegendView()}});
  view["street_plan"] = StreetPlanHtml(*reg, filter.day, filter.zone, false);
  return web::RenderPage(request, {"Straatplan", "/leegstand", {{"/", "Home"}, {"/leegstand", "Leegstand"}}},
                         "register_streets", view);
}

}  // namespace

void AddVacancyPages(http::Router& router, PropertyRepository& repo, const Clock& clock, const MapSettings& map) {
  // `map` is copied: the caller's settings may be a temporary. Not cacheable: without a date the pages show today, which the response cache would not notice changing.
  http::RouteOptions page{.permission = "public"};
  router.Add(Method::kGet, "/leegstand", [&repo, &clock](Request& r) { return Dashboard(repo, clock, r); }, page);
  router.Add(Method::kGet, "/leegstand/kaart",
             [&repo, &clock, map](Request& r) { return MapPage(repo, clock, map, r); }, page);
  router.Add(Method::kGet, "/leegstand/straten", [&repo, &clock](Request& r) { return StreetsPage(repo, clock, r); },
             page);
}

}  // namespace stadshart::property::pages
