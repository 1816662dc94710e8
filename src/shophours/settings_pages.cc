// /openingstijden/instellingen (hours.manage): the centre's calendar — which contested days count as public
// holidays (Goede Vrijdag, Bevrijdingsdag), whose school holidays SH means, the school holidays themselves (add,
// delete) — and the import of spending or footfall per hour (CSV weekday;hour;value pasted or from Excel).
// Post/redirect/get, CSRF, Dutch errors by the field, the settings guarded by their version.
#include <nlohmann/json.hpp>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "shophours/page_support.h"
#include "shophours/shophours_routes.h"
#include "web/api.h"
#include "web/csrf.h"
#include "web/page.h"

namespace stadshart::shophours {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;
using namespace pages;

constexpr const char* kUrl = "/openingstijden/instellingen";

std::string RegionLabel(hours::SchoolRegion region) {
  switch (region) {
    case hours::SchoolRegion::kNoord: return "noord";
    case hours::SchoolRegion::kMidden: return "midden";
    case hours::SchoolRegion::kZuid: return "zuid";
  }
  return "";
}

struct Problems {
  json settings = false;  // ErrorView of each form, or false
  json holiday = false;
  json footfall = false;
  json holiday_form = json::object();
  json footfall_form = json::object();
};

Response SettingsPage(ShopHoursRepository& repo, const Request& request, const Problems& problems, int status) {
  Calendar calendar = repo.GetCalendar();
  web::CsrfToken token = web::CsrfFor(request);
  json holidays = json::array();
  for (const SchoolHoliday& h : calendar.school_holidays) {
    holidays.push_back({{"id", h.id}, {"region", RegionLabel(h.region)}, {"name", h.name}, {"first", LongDate(h.first)},
                        {"last", LongDate(h.last)}, {"delete_url", "/openingstijden/schoolvakanties/" + std::to_string(h.id) + "/verwijderen"},
                        {"ours", h.region == calendar.settings.region}});
  }
  auto option = [](std::string_view value, std::string_view label, bool selected) {
    return json{{"value", value}, {"label", label}, {"selected", selected}};
  };
  const CentreSettings& s = calendar.settings;
  json regions = json::array();
  for (auto r : {hours::SchoolRegion::kNoord, hours::SchoolRegion::kMidden, hours::SchoolRegion::kZuid}) {
    regions.push_back(option(RegionCode(r), RegionLabel(r), r == s.region));
  }
  json liberation = {option("never", "nooit", s.liberation_day == LiberationDay::kNever),
                     option("lustrum", "alleen in lustrumjaren (2025, 2030, ...)", s.liberation_day == LiberationDay::kLustrum),
                     option("yearly", "elk jaar", s.liberation_day == LiberationDay::kYearly)};
  std::string selected_region = problems.holiday_form.value("region", std::string(RegionCode(s.region)));
  json holiday_regions = json::array();
  for (auto r : {hours::SchoolRegion::kNoord, hours::SchoolRegion::kMidden, hours::SchoolRegion::kZuid}) {
    holiday_regions.push_back(option(RegionCode(r), RegionLabel(r), RegionCode(r) == selected_region));
  }
  auto footfall = repo.GetFootfall();
  json view = {{"csrf", token.value}, {"version", s.version}, {"good_friday", s.good_friday},
               {"liberation_options", liberation}, {"region_options", regions}, {"holidays", holidays},
               {"holiday_regions", holiday_regions}, {"holiday_form", problems.holiday_form},
               {"footfall_form", problems.footfall_form},
               {"settings_errors", problems.settings}, {"holiday_errors", problems.holiday},
               {"footfall_errors", problems.footfall},
               {"footfall", footfall ? json{{"label", footfall->label}, {"hours", footfall->values.Count()},
                                            {"imported_at", WhenText(footfall->imported_at)},
                                            {"by", footfall->imported_by}}
                                     : json(false)}};
  if (auto done = request.Query("opgeslagen")) view["notice"] = "De wijziging is opgeslagen.";
  Response response = web::RenderPage(
      request, {"Instellingen openingstijden", "/openingstijden/analyse",
                {{"/", "Home"}, {"/openingstijden/analyse", "Analyse openingstijden"}}, status},
      "shophours_settings", view);
  token.Attach(response);
  return response;
}

json Errors(const Error& error) {
  std::vector<FieldError> fields = error.field_errors;
  if (fields.empty()) fields.push_back({"form", error.message});
  return web::ErrorView(fields);
}

Response SaveSettings(ShopHoursRepository& repo, const Request& request) {
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  long long version = 0;
  if (!text::ParseInt(http::FieldValue(form, "version"), version)) {
    return web::MessagePage(request, 400, "Formulier onvolledig", "De versie van de instellingen ontbreekt; er is niets opgeslagen.");
  }
  CentreSettings settings = repo.GetCalendar().settings;
  settings.good_friday = http::FieldValue(form, "good_friday") == "ja";
  auto liberation = ParseLiberationDay(http::FieldValue(form, "liberation_day"));
  auto region = ParseRegion(http::FieldValue(form, "school_region"));
  std::vector<FieldError> errors;
  if (!liberation) errors.push_back({"liberation_day", "Kies wanneer Bevrijdingsdag een feestdag is."});
  if (!region) errors.push_back({"school_region", "Kies de regio van de schoolvakanties."});
  if (!errors.empty()) return SettingsPage(repo, request, {.settings = web::ErrorView(errors)}, 422);
  settings.liberation_day = *liberation;
  settings.region = *region;
  auto saved = repo.SaveSettings(settings, version, accounts::ActorOf(request));
  if (!saved.ok()) return SettingsPage(repo, request, {.settings = Errors(saved.error())}, web::HttpStatus(saved.error().kind));
  return Response::Redirect(std::string(kUrl) + "?opgeslagen=1");
}

int StatusOf(const Error& error) { return error.kind == ErrorKind::kInvalid ? 422 : error.kind == ErrorKind::kNotFound ? 404 : 409; }

Response AddHoliday(ShopHoursRepository& repo, const Request& request) {
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  json submitted = {{"region", http::FieldValue(form, "region")}, {"name", text::Trim(http::FieldValue(form, "name"))},
                    {"first", http::FieldValue(form, "first")}, {"last", http::FieldValue(form, "last")}};
  std::vector<FieldError> errors;
  auto region = ParseRegion(submitted["region"].get<std::string>());
  auto first = ParseIsoDay(submitted["first"].get<std::string>());
  auto last = ParseIsoDay(submitted["last"].get<std::string>());
  if (!region) errors.push_back({"region", "Kies de regio."});
  if (!first) errors.push_back({"first", "Vul de eerste dag in."});
  if (!last) errors.push_back({"last", "Vul de laatste dag in."});
  if (errors.empty()) {
    auto added = repo.AddSchoolHoliday({0, *region, submitted["name"], *first, *last}, accounts::ActorOf(request));
    if (added.ok()) return Response::Redirect(std::string(kUrl) + "?opgeslagen=1#schoolvakanties");
    return SettingsPage(repo, request, {.holiday = Errors(added.error()), .holiday_form = submitted}, StatusOf(added.error()));
  }
  return SettingsPage(repo, request, {.holiday = web::ErrorView(errors), .holiday_form = submitted}, 422);
}

Response DeleteHoliday(ShopHoursRepository& repo, const Request& request) {
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  auto id = IdParam(request);
  if (!id) return NotFound(request, "Schoolvakantie " + std::string(request.Param("id")));
  auto deleted = repo.DeleteSchoolHoliday(*id, accounts::ActorOf(request));
  if (!deleted.ok()) return NotFound(request, "Schoolvakantie " + std::to_string(*id));
  return Response::Redirect(std::string(kUrl) + "?opgeslagen=1#schoolvakanties");
}

Response ImportFootfall(ShopHoursRepository& repo, const Request& request) {
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  std::string label = text::Trim(http::FieldValue(form, "label"));
  std::string csv = http::FieldValue(form, "csv");
  json submitted = {{"label", label}, {"csv", csv}};
  auto parsed = ParseFootfallCsv(csv);
  if (!parsed.ok()) return SettingsPage(repo, request, {.footfall = Errors(parsed.error()), .footfall_form = submitted}, 422);
  auto stored = repo.ReplaceFootfall(parsed.value(), label, accounts::ActorOf(request));
  if (!stored.ok()) return SettingsPage(repo, request, {.footfall = Errors(stored.error()), .footfall_form = submitted}, 422);
  return Response::Redirect("/openingstijden/analyse#bezoekers");
}

}  // namespace

void AddSettingsPages(http::Router& router, std::shared_ptr<ShopHoursRepository> repo) {
  http::RouteOptions manage{.permission = "hours.manage"};
  router.Add(Method::kGet, kUrl, [repo](Request& r) { return SettingsPage(*repo, r, {}, 200); }, manage);
  router.Add(Method::kPost, kUrl, [repo](Request& r) { return SaveSettings(*repo, r); }, manage);
  router.Add(Method::kPost, "/openingstijden/schoolvakanties", [repo](Request& r) { return AddHoliday(*repo, r); }, manage);
  router.Add(Method::kPost, "/openingstijden/schoolvakanties/{id}/verwijderen",
             [repo](Request& r) { return DeleteHoliday(*repo, r); }, manage);
  router.Add(Method::kPost, "/openingstijden/bezoekers", [repo](Request& r) { return ImportFootfall(*repo, r); }, manage);
}

}  // namespace stadshart::shophours
