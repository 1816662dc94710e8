// The form that defines a KPI: /monitor/nieuw (a KPI of the partnership's own, e.g. passanten or
// koopkrachtbinding) and /monitor/{code}/bewerken (name, unit, baseline, target, source; the code stays). For
// monitor.write. Posts, redirects (303) on success and re-renders with Dutch errors by the field otherwise; an edit
// names the version it was based on and a stale one is refused with both versions shown.
#include <cmath>
#include <cstdio>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "monitor/monitor_pages.h"
#include "web/csrf.h"
#include "web/page.h"

namespace stadshart::monitor::pages {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

struct Field {
  const char* name;
  const char* label;
  const char* hint;
  bool select = false;
  bool required = false;
};

constexpr Field kFields[] = {
    {"code", "Code", "Voor de API en het adres van de pagina: kleine letters, cijfers en _, bijvoorbeeld passanten.", false, true},
    {"name", "Naam", "", false, true},
    {"unit", "Eenheid", "Bijvoorbeeld %, bezoekers per week, waarderingscijfer of positie.", false, true},
    {"direction", "Richting", "", true},
    {"baseline_value", "Nulmeting: waarde", "Mag leeg blijven. Een getal met een komma als decimaalteken.", false},
    {"baseline_date", "Nulmeting: peildatum", "jjjj-mm-dd, bijvoorbeeld 2018-01-01.", false},
    {"baseline_source", "Nulmeting: bron", "", false},
    {"comparator", "Doel: vergelijking", "", true},
    {"target_value", "Doel: waarde", "", false, true},
    {"target_year", "Doel: jaar", "Het doel moet op 31 december van dit jaar gehaald zijn.", false, true},
    {"source", "Bron van de metingen", "", false},
    {"frequency", "Meetfrequentie", "Bijvoorbeeld jaarlijks, peildatum 1 januari.", false},
    {"description", "Omschrijving", "", false},
};

std::string InputNumber(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  std::string text = buffer;
  for (char& c : text) {
    if (c == '.') c = ',';
  }
  return text;
}

json ValuesOf(const Kpi& kpi) {
  return {{"code", kpi.code},
          {"name", kpi.name},
          {"unit", kpi.unit},
          {"direction", std::string(DirectionCode(kpi.direction))},
          {"baseline_value", kpi.baseline.value ? InputNumber(*kpi.baseline.value) : ""},
          {"baseline_date", kpi.baseline.date ? FormatIsoDay(*kpi.baseline.date) : ""},
          {"baseline_source", kpi.baseline.source},
          {"comparator", std::string(ComparatorCode(kpi.target.comparator))},
          {"target_value", kpi.target.year ? InputNumber(kpi.target.value) : ""},
          {"target_year", kpi.target.year ? std::to_string(kpi.target.year) : ""},
          {"source", kpi.source},
          {"frequency", kpi.frequency},
          {"description", kpi.description}};
}

json Options(std::string_view field, const std::string& chosen) {
  json options = json::array();
  auto add = [&](std::string_view value, std::string_view label) {
    options.push_back({{"value", value}, {"label", label}, {"selected", chosen == value}});
  };
  if (field == "direction") {
    add("higher", "Hoger is beter");
    add("lower", "Lager is beter");
  } else {
    for (Comparator c : {Comparator::kAtLeast, Comparator::kAbove, Comparator::kAtMost, Comparator::kBelow}) {
      add(ComparatorCode(c), ComparatorLabel(c));
    }
  }
  return options;
}

// The fields for register_edit.mustache (the generic edit form): the code only when creating.
json FieldsView(const json& values, const json& errors, bool creating) {
  json list = json::array();
  for (const Field& f : kFields) {
    if (!creating && std::string_view(f.name) == "code") continue;
    std::string value = values.value(f.name, std::string());
    json error = errors.contains(f.name) ? errors[f.name]["message"] : json(false);
    // The comparator's check names the target as a whole; show it by the comparator.
    list.push_back({{"name", f.name},
                    {"label", f.label},
                    {"hint", *f.hint ? json(f.hint) : json(false)},
                    {"required", f.required},
                    {"is_text", !f.select},
                    {"is_select", f.select},
                    {"inputmode", std::string_view(f.name) == "target_value" || std::string_view(f.name) == "baseline_value"
                                      ? json("decimal")
                                      : json(false)},
                    {"value", value},
                    {"options", f.select ? Options(f.name, value) : json::array()},
                    {"error", error}});
  }
  return list;
}

// Reads the form into `kpi` (a copy of the stored one when editing); errors by the field for what cannot be read.
std::vector<FieldError> ReadForm(const json& values, Kpi& kpi, bool creating) {
  std::vector<FieldError> errors;
  auto get = [&](const char* name) { return values.value(name, std::string()); };
  if (creating) kpi.code = get("code");
  kpi.name = get("name");
  kpi.unit = get("unit");
  kpi.direction = get("direction") == "lower" ? Direction::kLower : Direction::kHigher;
  if (get("direction") != "lower" && get("direction") != "higher") errors.push_back({"direction", "Kies de richting."});
  kpi.baseline.value.reset();
  if (!get("baseline_value").empty()) {
    if (auto v = text::ParseDutchNumber(get("baseline_value"))) kpi.baseline.value = *v;
    else errors.push_back({"baseline_value", "Geef de nulmeting als getal, bijvoorbeeld 21,9, of laat het veld leeg."});
  }
  kpi.baseline.date.reset();
  if (!get("baseline_date").empty()) {
    if (auto d = ParseIsoDay(get("baseline_date"))) kpi.baseline.date = *d;
    else errors.push_back({"baseline_date", "De peildatum van de nulmeting is geen geldige datum (jjjj-mm-dd)."});
  }
  if (kpi.baseline.value.has_value() != kpi.baseline.date.has_value() && errors.empty()) {
    errors.push_back({kpi.baseline.value ? "baseline_date" : "baseline_value",
                      "Geef bij een nulmeting zowel de waarde als de peildatum."});
  }
  kpi.baseline.source = get("baseline_source");
  if (auto c = ParseComparator(get("comparator"))) kpi.target.comparator = *c;
  else errors.push_back({"comparator", "Kies de vergelijking van het doel."});
  if (auto v = text::ParseDutchNumber(get("target_value"))) kpi.target.value = *v;
  else errors.push_back({"target_value", "Geef de streefwaarde als getal, bijvoorbeeld 7,8."});
  long long year = 0;
  if (text::ParseInt(get("target_year"), year) && year >= 2000 && year <= 2100) kpi.target.year = static_cast<int>(year);
  else errors.push_back({"target_year", "Het doeljaar is een jaartal tussen 2000 en 2100."});
  kpi.source = get("source");
  kpi.frequency = get("frequency");
  kpi.description = get("description");
  if (errors.empty()) errors = CheckKpi(kpi);
  return errors;
}

Response FormPage(const Request& request, const Kpi* stored, const json& values, const std::vector<FieldError>& errors,
                  json conflict, int status) {
  bool creating = stored == nullptr;
  web::CsrfToken token = web::CsrfFor(request);
  json error_view = web::ErrorView(errors);
  std::string title = creating ? "KPI toevoegen" : stored->name + " wijzigen";
  std::vector<web::Crumb> crumbs = {{"/", "Home"}, {"/monitor", "Monitor"}};
  if (!creating) crumbs.push_back({KpiUrl(stored->code), stored->name});
  json view = {{"heading", title},
               {"action", creating ? "/monitor/nieuw" : KpiUrl(stored->code) + "/bewerken"},
               {"csrf", token.value},
               {"version", creating ? 0 : stored->version},
               {"fields", FieldsView(values, error_view, creating)},
               {"errors", error_view},
               {"conflict", conflict},
               {"back", creating ? "/monitor" : KpiUrl(stored->code)}};
  Response response = web::RenderPage(request, {title, "/monitor", crumbs, status}, "register_edit", view);
  token.Attach(response);
  return response;
}

json Submitted(const http::Fields& form) {
  json values = json::object();
  for (const Field& f : kFields) values[f.name] = text::Trim(http::FieldValue(form, f.name));
  return values;
}

Response Create(MonitorRepository& repo, const Request& request) {
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  json values = Submitted(form);
  Kpi kpi;
  std::vector<FieldError> errors = ReadForm(values, kpi, true);
  if (errors.empty() && repo.GetKpi(kpi.code)) {
    errors.push_back({"code", "Er is al een KPI met de code " + kpi.code + "."});
  }
  if (!errors.empty()) return FormPage(request, nullptr, values, errors, false, 422);
  auto created = repo.CreateKpi(kpi, accounts::ActorOf(request));
  if (!created.ok()) {
    std::vector<FieldError> field_errors = created.error().field_errors;
    if (field_errors.empty()) field_errors.push_back({"code", created.error().message});
    return FormPage(request, nullptr, values, field_errors, false,
                    created.error().kind == ErrorKind::kConflict ? 409 : 422);
  }
  return Response::Redirect(KpiUrl(created.value().code) + "?aangemaakt=1");
}

Response Update(MonitorRepository& repo, const Request& request) {
  std::string code(request.Param("code"));
  auto stored = repo.GetKpi(code);
  if (!stored) return NotFound(request, "KPI '" + code + "'");
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  long long version = 0;
  if (!text::ParseInt(http::FieldValue(form, "version"), version)) {
    return web::MessagePage(request, 400, "Formulier onvolledig", "De versie van de KPI ontbreekt; er is niets opgeslagen.");
  }
  json values = Submitted(form);
  values["code"] = code;
  Kpi kpi = *stored;
  std::vector<FieldError> errors = ReadForm(values, kpi, false);
  if (!errors.empty()) return FormPage(request, &*stored, values, errors, false, 422);
  auto saved = repo.UpdateKpi(code, kpi, version, accounts::ActorOf(request));
  if (!saved.ok()) {
    const Error& error = saved.error();
    if (error.kind == ErrorKind::kConflict && error.field_errors.empty()) {
      auto current = repo.GetKpi(code);
      json rows = json::array();
      json theirs = current ? ValuesOf(*current) : json::object();
      for (const Field& f : kFields) {
        if (values.value(f.name, "") != theirs.value(f.name, "")) {
          rows.push_back({{"label", f.label}, {"mine", values.value(f.name, "")}, {"theirs", theirs.value(f.name, "")}});
        }
      }
      json conflict = {{"message", error.message}, {"rows", rows}, {"any", !rows.empty()}};
      return FormPage(request, current ? &*current : &*stored, theirs, {}, conflict, 409);
    }
    std::vector<FieldError> field_errors = error.field_errors;
    if (field_errors.empty()) field_errors.push_back({"name", error.message});
    return FormPage(request, &*stored, values, field_errors, false, 422);
  }
  return Response::Redirect(KpiUrl(code) + "?gewijzigd=1");
}

}  // namespace

void AddKpiForms(http::Router& router, MonitorRepository& repo) {
  http::RouteOptions writes{.permission = "monitor.write"};
  router.Add(Method::kGet, "/monitor/nieuw", [](Request& r) {
    Kpi blank;
    blank.target.year = 0;
    json values = ValuesOf(blank);
    values["target_year"] = "";
    values["target_value"] = "";
    return FormPage(r, nullptr, values, {}, false, 200);
  }, writes);
  router.Add(Method::kPost, "/monitor/nieuw", [&repo](Request& r) { return Create(repo, r); }, writes);
  router.Add(Method::kGet, "/monitor/{code}/bewerken", [&repo](Request& r) {
    std::string code(r.Param("code"));
    auto stored = repo.GetKpi(code);
    if (!stored) return NotFound(r, "KPI '" + code + "'");
    return FormPage(r, &*stored, ValuesOf(*stored), {}, false, 200);
  }, writes);
  router.Add(Method::kPost, "/monitor/{code}/bewerken", [&repo](Request& r) { return Update(repo, r); }, writes);
}

}  // namespace stadshart::monitor::pages
