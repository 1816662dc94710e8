// The KPI page /monitor/{code}: its status, the full chart with a table of every series, the method, the linked
// work-plan actions; for monitor.write users also the internal notes, the form "Meting toevoegen" (POST
// /monitor/{code}/metingen) and a correction form per measurement (POST /monitor/metingen/{id}, with the version it
// was based on). Forms post, redirect (303) on success and re-render with Dutch errors by the field otherwise.
#include <algorithm>
#include <cstdio>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "monitor/kpi_chart.h"
#include "monitor/monitor_pages.h"
#include "property/occupancy.h"
#include "web/csrf.h"
#include "web/page.h"

namespace stadshart::monitor::pages {

using http::Request;
using http::Response;

Response NotFound(const Request& request, const std::string& what) {
  return web::MessagePage(request, 404, "Niet gevonden", what + " bestaat niet. Kijk in het overzicht van de monitor.");
}

Response CsrfRefused(const Request& request) {
  return web::MessagePage(request, 403, "Formulier verlopen",
                          "Dit formulier kon niet worden gecontroleerd (beveiligingscode ontbreekt of klopt niet). "
                          "Er is niets opgeslagen. Open de pagina opnieuw en probeer het nog eens.");
}

namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

// What a refused form sent, to show it again with its errors.
struct FormState {
  json add_errors = web::ErrorView({});
  std::optional<json> add_submitted;
  std::int64_t fix_id = 0;  // the measurement whose correction was refused
  json fix_errors = web::ErrorView({});
  std::optional<json> fix_submitted;
  std::string fix_conflict;
  std::string notice;
};

// A value as typed in a form: no thousands separator, a decimal comma, no rounding ("21,9", "4230").
std::string InputNumber(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  std::string text = buffer;
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

Day TargetDay(const Kpi& kpi) { return Day{std::chrono::year{kpi.target.year} / std::chrono::December / 31}; }

// "+133,9 arbeidsplaatsen per jaar", "-0,4 procentpunt per jaar"
std::string PaceText(double pace, const std::string& unit) {
  std::string number = FormatValue(std::abs(pace), "");
  std::string sign = pace > 0 ? "+" : pace < 0 ? "−" : "";
  std::string what = unit == "%" ? "procentpunt" : unit == "waarderingscijfer" ? "punt" : unit;
  return sign + number + (what.empty() ? "" : " " + what) + " per jaar";
}

json SeriesOptions(std::string_view selected) {
  return json::array({{{"value", "measured"}, {"label", "Meting van deze KPI"}, {"selected", selected != "national"}},
                      {{"value", "national"}, {"label", "Landelijke referentie"}, {"selected", selected == "national"}}});
}

json MeasurementRows(const KpiReport& report, const std::vector<KpiMeasurement>& list, bool internal,
                     bool audit_link, const FormState& state) {
  json rows = json::array();
  for (const KpiMeasurement& m : list) {
    if (!internal) {  // the public view: no note, no form
      rows.push_back({{"id", m.id}, {"date", property::DutchDay(m.date)}, {"iso_date", FormatIsoDay(m.date)},
                      {"value", FormatValue(m.value, report.kpi.unit)}, {"source", m.source.empty() ? "—" : m.source},
                      {"note", false}});
      continue;
    }
    bool refused = state.fix_id == m.id;
    json fix = {{"value", InputNumber(m.value)}, {"source", m.source}, {"note", m.note}};
    if (refused && state.fix_submitted) fix = *state.fix_submitted;
    // Every key is set in every row: a missing key in a mustache section falls back to the outer view.
    json row = {{"id", m.id},
                {"series_label", m.series == Series::kNational ? "Landelijke referentie" : "Meting"},
                {"version", m.version},
                {"date", property::DutchDay(m.date)},
                {"iso_date", FormatIsoDay(m.date)},
                {"value", FormatValue(m.value, report.kpi.unit)},
                {"source", m.source.empty() ? "—" : m.source},
                {"note", m.note.empty() ? "—" : m.note},
                {"fix", fix},
                {"fix_open", refused},
                {"fix_errors", refused ? state.fix_errors : web::ErrorView({})},
                {"fix_conflict", refused && !state.fix_conflict.empty() ? json(state.fix_conflict) : json(false)},
                {"history_url", audit_link ? json("/beheer/geschiedenis?entity_type=measurement&entity_id=" +
                                                  std::to_string(m.id))
                                           : json(false)}};
    rows.push_back(std::move(row));
  }
  return rows;
}

chart::TimeChart FullChart(const KpiReport& report) {
  const Kpi& kpi = report.kpi;
  chart::TimeChart c{.id = "grafiek-" + kpi.code, .title = kpi.name + ": metingen, register, doel en projectie",
                     .unit = kpi.unit};
  std::vector<Measurement> measured, national;
  for (const KpiMeasurement& m : report.measured) measured.push_back({m.date, m.value});
  for (const KpiMeasurement& m : report.national) national.push_back({m.date, m.value});
  c.series.push_back({"Metingen", chart::SeriesKind::kMeasured, measured});
  if (kpi.derived != Derived::kNone) {
    c.series.push_back({"Register (eerste dag van elke maand)", chart::SeriesKind::kDerived, report.derived});
  }
  if (!national.empty()) c.series.push_back({"Landelijk niveau", chart::SeriesKind::kNational, national});
  const Projection& p = report.status.projection;
  if (p.line) {
    Day end = TargetDay(kpi);
    c.series.push_back({"Projectie tot eind " + std::to_string(kpi.target.year), chart::SeriesKind::kProjection,
                        {{p.line->first, ClampToUnit(p.line->At(p.line->first), kpi.unit)},
                         {end, ClampToUnit(p.line->At(end), kpi.unit)}}});
  }
  c.target = kpi.target.value;
  c.target_label = "Doel: " + TargetText(kpi);
  c.until = TargetDay(kpi);
  return c;
}

Response KpiPage(MonitorRepository& repo, property::PropertyRepository& reg, const Clock& clock,
                 const Request& request, const std::string& code, const FormState& state, int status) {
  auto kpi = repo.GetKpi(code);
  if (!kpi) return NotFound(request, "KPI '" + code + "'");
  Day today = AmsterdamToday(clock.Now());
  std::optional<Day> window;
  std::string window_text(request.Query("window_from").value_or(""));
  std::string window_error;
  if (!window_text.empty()) {
    window = ParseIsoDay(window_text);
    if (!window) window_error = "Geef het begin van het venster als datum (jjjj-mm-dd); nu geldt de nulmeting.";
  }
  auto snapshot = reg.Snapshot();
  KpiReport report = BuildReport(*kpi, repo.Measurements(code), snapshot.get(), today, window);
  bool can_write = accounts::Can(request, "monitor.write");
  bool audit = accounts::Can(request, "audit.read");

  json view = {{"code", kpi->code},
               {"name", kpi->name},
               {"url", KpiUrl(kpi->code)},
               {"description", kpi->description.empty() ? json(false) : json(kpi->description)},
               {"unit", kpi->unit},
               {"direction", kpi->direction == Direction::kHigher ? "hoger is beter" : "lager is beter"},
               {"archived", kpi->archived},
               {"baseline", BaselineText(*kpi)},
               {"target", TargetText(*kpi)},
               {"target_year", kpi->target.year},
               {"source", kpi->source.empty() ? "—" : kpi->source},
               {"frequency", kpi->frequency.empty() ? "—" : kpi->frequency},
               {"latest", LatestView(report)},
               {"derived_today", DerivedTodayView(report)},
               {"progress", ProgressView(report)},
               {"verdict", VerdictView(report)},
               {"today", property::DutchDay(today)},
               {"window_from", window ? FormatIsoDay(*window) : window_text},
               {"window_error", window_error.empty() ? json(false) : json(window_error)},
               {"window_label", window ? property::DutchDay(*window)
                                       : kpi->baseline.date ? "de nulmeting (" + property::DutchDay(*kpi->baseline.date) + ")"
                                                            : std::string("de eerste meting")},
               {"method", MethodParagraphs()},
               {"derived_method", kpi->derived == Derived::kNone ? json(false) : json(DerivedMethod(kpi->derived))},
               {"vacancy_link", kpi->derived == Derived::kVacancyCount || kpi->derived == Derived::kVacancyFloorArea},
               {"notice", state.notice.empty() ? json(false) : json(state.notice)},
               {"can_write", can_write},
               {"signed_in", !accounts::PrincipalOf(request).anonymous()},
               {"login_url", "/login?terug=" + http::UrlEncode(KpiUrl(kpi->code))}};

  const Projection& p = report.status.projection;
  view["projected"] = p.projected ? json(FormatValue(*p.projected, kpi->unit)) : json(false);
  if (p.pace_needed_per_year) {
    double pace = *p.pace_needed_per_year;
    // A pace away from the target's side means the figure the trend ends on already meets it.
    bool met = kpi->direction == Direction::kHigher ? pace < 0 : pace > 0;
    view["pace"] = met ? "het doel is al gehaald; tot eind " + std::to_string(kpi->target.year) + " mag de waarde " +
                             (pace > 0 ? "stijgen" : "dalen") + " met hoogstens " + PaceText(std::abs(pace), kpi->unit).substr(1)
                       : PaceText(pace, kpi->unit) + " vanaf de laatste meting om het doel te halen";
  } else {
    view["pace"] = false;
  }
  view["slope"] = p.line ? json(PaceText(p.line->slope_per_year, kpi->unit)) : json(false);

  view["chart_svg"] = chart::RenderTimeChart(FullChart(report));
  view["measured"] = MeasurementRows(report, report.measured, can_write, audit, state);
  view["has_measured"] = !report.measured.empty();
  view["national"] = MeasurementRows(report, report.national, can_write, audit, state);
  view["has_national"] = !report.national.empty();
  if (can_write) {
    json corrections = view["measured"];
    for (const json& row : view["national"]) corrections.push_back(row);
    view["corrections"] = corrections;
  }
  json derived = json::array();
  for (const Measurement& m : report.derived) {
    derived.push_back({{"date", property::DutchDay(m.date)}, {"value", FormatValue(m.value, kpi->unit)}});
  }
  view["derived"] = derived;
  view["has_derived"] = !derived.empty();
  json projection = json::array();
  if (p.line) {
    Day end = TargetDay(*kpi);
    projection.push_back({{"date", property::DutchDay(p.line->first)}, {"what", "begin van de trendlijn"},
                          {"value", FormatValue(ClampToUnit(p.line->At(p.line->first), kpi->unit), kpi->unit)}});
    projection.push_back({{"date", property::DutchDay(end)}, {"what", "projectie op de doeldatum"},
                          {"value", FormatValue(*p.projected, kpi->unit)}});
  }
  view["projection_rows"] = projection;
  view["target_day"] = property::DutchDay(TargetDay(*kpi));

  json actions = json::array();
  for (const LinkedAction& a : repo.ActionsOf(kpi->code)) {
    actions.push_back({{"url", "/acties/" + std::to_string(a.id)},
                       {"year", a.plan_year},
                       {"chapter", a.chapter},
                       {"title", a.title},
                       {"status", a.status},
                       {"badge", ActionBadge(a.status)}});
  }
  view["actions"] = actions;
  view["has_actions"] = !actions.empty();

  std::optional<web::CsrfToken> token;
  if (can_write) {
    // Only for who may write: an anonymous page is cached and must not set a cookie.
    token = web::CsrfFor(request);
    view["csrf"] = token->value;
    json form = {{"date", FormatIsoDay(today)}, {"value", ""}, {"source", ""}, {"note", ""}, {"series", "measured"}};
    if (state.add_submitted) form = *state.add_submitted;
    form["series_options"] = SeriesOptions(form.value("series", ""));
    view["form"] = form;
    view["errors"] = state.add_errors;
    view["max_date"] = FormatIsoDay(today);
  }
  Response response = web::RenderPage(
      request, {kpi->name, "/monitor", {{"/", "Home"}, {"/monitor", "Monitor"}}, status}, "monitor_kpi", view);
  if (token) token->Attach(response);
  return response;
}

// The date, value and series of the add form; Dutch errors by the field for what cannot be read.
Result<KpiMeasurement> ReadMeasurement(const http::Fields& form, const std::string& code, bool with_date_and_series) {
  std::vector<FieldError> errors;
  KpiMeasurement m;
  m.kpi = code;
  if (with_date_and_series) {
    std::string date = text::Trim(http::FieldValue(form, "date"));
    if (auto day = ParseIsoDay(date)) {
      m.date = *day;
    } else {
      errors.push_back({"date", date.empty() ? "Vul de peildatum in." : "De peildatum is geen geldige datum (jjjj-mm-dd)."});
    }
    auto series = ParseSeries(http::FieldValue(form, "series"));
    if (series) m.series = *series;
    else errors.push_back({"series", "Kies of dit een meting van de KPI is of een landelijke referentie."});
  }
  std::string value = text::Trim(http::FieldValue(form, "value"));
  if (auto number = text::ParseDutchNumber(value)) {
    m.value = *number;
  } else {
    errors.push_back({"value", value.empty() ? "Vul de waarde in." : "Geef de waarde als getal, bijvoorbeeld 21,9 of 3800."});
  }
  m.source = text::Trim(http::FieldValue(form, "source"));
  m.note = text::Trim(http::FieldValue(form, "note"));
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return m;
}

std::vector<FieldError> FieldErrorsOf(const Error& error, const char* fallback_field) {
  if (!error.field_errors.empty()) return error.field_errors;
  return {{fallback_field, error.message}};
}

Response AddMeasurement(MonitorRepository& repo, property::PropertyRepository& reg, const Clock& clock,
                        const Request& request) {
  std::string code(request.Param("code"));
  if (!repo.GetKpi(code)) return NotFound(request, "KPI '" + code + "'");
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  FormState state;
  json submitted = json::object();
  for (const char* name : {"date", "value", "source", "note", "series"}) submitted[name] = http::FieldValue(form, name);
  state.add_submitted = submitted;
  auto m = ReadMeasurement(form, code, true);
  if (!m.ok()) {
    state.add_errors = web::ErrorView(m.error().field_errors);
    return KpiPage(repo, reg, clock, request, code, state, 422);
  }
  auto stored = repo.AddMeasurement(m.value(), AmsterdamToday(clock.Now()), accounts::ActorOf(request));
  if (!stored.ok()) {
    state.add_errors = web::ErrorView(FieldErrorsOf(stored.error(), "value"));
    return KpiPage(repo, reg, clock, request, code, state, stored.error().kind == ErrorKind::kConflict ? 409 : 422);
  }
  return Response::Redirect(KpiUrl(code) + "?toegevoegd=1#metingen");
}

Response CorrectMeasurement(MonitorRepository& repo, property::PropertyRepository& reg, const Clock& clock,
                            const Request& request) {
  long long id = 0;
  if (!text::ParseInt(request.Param("id"), id) || id <= 0) return NotFound(request, "Meting");
  std::optional<KpiMeasurement> current;
  for (const KpiMeasurement& m : repo.Measurements("")) {
    if (m.id == id) current = m;
  }
  if (!current) return NotFound(request, "Meting " + std::to_string(id));
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  long long version = 0;
  if (!text::ParseInt(http::FieldValue(form, "version"), version)) {
    return web::MessagePage(request, 400, "Formulier onvolledig",
                            "De versie van de meting ontbreekt; er is niets opgeslagen.");
  }
  FormState state;
  state.fix_id = id;
  state.fix_submitted = json{{"value", http::FieldValue(form, "value")},
                             {"source", http::FieldValue(form, "source")},
                             {"note", http::FieldValue(form, "note")}};
  auto m = ReadMeasurement(form, current->kpi, false);
  if (!m.ok()) {
    state.fix_errors = web::ErrorView(m.error().field_errors);
    return KpiPage(repo, reg, clock, request, current->kpi, state, 422);
  }
  auto stored = repo.CorrectMeasurement(id, m.value(), version, AmsterdamToday(clock.Now()), accounts::ActorOf(request));
  if (!stored.ok()) {
    const Error& error = stored.error();
    if (error.kind == ErrorKind::kNotFound) return NotFound(request, "Meting " + std::to_string(id));
    if (error.kind == ErrorKind::kConflict) {
      state.fix_conflict = error.message + " Opgeslagen is nu: " + FormatValue(current->value, "") +
                           (current->source.empty() ? "" : " (" + current->source + ")") +
                           ". Uw invoer staat nog in het formulier; verstuur opnieuw om die op te slaan.";
      // The form now carries the newest version, so sending again saves the user's value on top of it.
      return KpiPage(repo, reg, clock, request, current->kpi, state, 409);
    }
    state.fix_errors = web::ErrorView(FieldErrorsOf(error, "value"));
    return KpiPage(repo, reg, clock, request, current->kpi, state, 422);
  }
  return Response::Redirect(KpiUrl(current->kpi) + "?gecorrigeerd=1#metingen");
}

}  // namespace

void AddKpiPages(http::Router& router, MonitorRepository& repo, property::PropertyRepository& reg, const Clock& clock) {
  http::RouteOptions cached{.cacheable = true, .permission = "public"};
  http::RouteOptions writes{.permission = "monitor.write"};
  router.Add(Method::kGet, "/monitor/{code}", [&repo, &reg, &clock](Request& r) {
    FormState state;
    if (r.Query("toegevoegd")) state.notice = "De meting is toegevoegd.";
    if (r.Query("aangemaakt")) state.notice = "De KPI is aangemaakt. Voeg hieronder de eerste meting toe.";
    if (r.Query("gewijzigd")) state.notice = "De definitie van de KPI is gewijzigd.";
    if (r.Query("gecorrigeerd")) state.notice = "De meting is gecorrigeerd; de oude waarde staat in de geschiedenis.";
    return KpiPage(repo, reg, clock, r, std::string(r.Param("code")), state, 200);
  }, cached);
  router.Add(Method::kPost, "/monitor/{code}/metingen",
             [&repo, &reg, &clock](Request& r) { return AddMeasurement(repo, reg, clock, r); }, writes);
  router.Add(Method::kPost, "/monitor/metingen/{id}",
             [&repo, &reg, &clock](Request& r) { return CorrectMeasurement(repo, reg, clock, r); }, writes);
}

}  // namespace stadshart::monitor::pages
