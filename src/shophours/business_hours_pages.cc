// /bedrijven/{id}/openingstijden: the business's week (this week and the next), its exceptions, and for whoever may
// change the business (accounts::MayChange: its ondernemer, a beheerder) the form: the opening_hours expression
// (Dutch input accepted and normalised; validated on the server always, live as they type with
// static/shophours-edit.js), exceptions by date, the version it was based on (409 with the stored text when someone
// else saved first). Post/redirect/get, CSRF.
#include <nlohmann/json.hpp>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "shophours/page_support.h"
#include "shophours/shophours_routes.h"
#include "shophours/shops.h"
#include "web/csrf.h"
#include "web/page.h"

namespace stadshart::shophours {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;
using namespace pages;

constexpr int kBlankExceptions = 3;

struct Form {
  std::string expression;
  json exceptions = json::array();  // {index, date, closed, hours, reason, errors...}
  std::vector<FieldError> errors;
  std::vector<hours::Warning> warnings;
  std::string suggestion;  // normalised form of what was typed, when it differs
};

json ExceptionRow(int index, const std::string& date, bool closed, const std::string& hours, const std::string& reason) {
  return {{"index", index}, {"number", index + 1}, {"date", date}, {"closed", closed}, {"hours", hours},
          {"reason", reason}};
}

Form FormOf(const BusinessHours& stored) {
  Form form{stored.expression};
  int i = 0;
  for (const HoursException& e : stored.exceptions) {
    form.exceptions.push_back(ExceptionRow(i++, FormatIsoDay(e.day), e.closed, e.hours, e.reason));
  }
  return form;
}

Response HoursPage(ShopHoursRepository& repo, property::PropertyRepository& reg, const Clock& clock,
                   const Request& request, std::int64_t id, std::optional<Form> submitted, json conflict, int status) {
  auto snapshot = reg.Snapshot();
  const property::Business* business = snapshot->FindBusiness(id);
  if (!business) return NotFound(request, "Bedrijf " + std::to_string(id));
  BusinessHours stored = repo.Get(id);
  Calendar calendar = repo.GetCalendar();
  Day today = AmsterdamToday(clock.Now());
  json view = {{"name", business->name}, {"business_url", "/bedrijven/" + std::to_string(id)}, {"has_hours", stored.version > 0},
               {"expression", stored.expression}};
  if (stored.version > 0) {
    auto evaluator = Compile(stored, ContextFor(calendar));
    if (evaluator.ok()) {
      Day monday = MondayOf(today);
      view["this_week"] = WeekRows(Week(evaluator.value(), monday, Amsterdam()), today);
      view["next_week"] = WeekRows(Week(evaluator.value(), monday + std::chrono::days{7}, Amsterdam()), today);
      Instant now = clock.Now();
      auto state = evaluator.value().StateAt(now);
      view["now"] = {{"open", state.state == hours::RuleState::kOpen},
                     {"text", NextChangeText(state.state, evaluator.value().NextChange(now, now + std::chrono::days{8}),
                                             now, Amsterdam())}};
    }
    json exceptions = json::array();
    for (const HoursException& e : stored.exceptions) {
      exceptions.push_back({{"date", LongDate(e.day)}, {"what", e.closed ? "gesloten" : e.hours}, {"reason", e.reason}});
    }
    view["exceptions"] = exceptions;
    view["has_exceptions"] = !exceptions.empty();
    view["updated_at"] = WhenText(stored.updated_at);
  }
  bool may_change = accounts::Can(request, "register.own") && accounts::MayChange(request, "business", id);
  view["may_change"] = may_change;
  if (auto saved = request.Query("opgeslagen")) {
    view["notice"] = *saved == "omgezet" ? "De openingstijden zijn opgeslagen, omgezet naar de standaardnotatie: " +
                                               stored.expression + "."
                                         : std::string("De openingstijden zijn opgeslagen.");
  }
  web::CsrfToken token = web::CsrfFor(request);
  if (may_change) {
    Form form = submitted ? *submitted : FormOf(stored);
    int next = static_cast<int>(form.exceptions.size());
    for (int i = 0; i < kBlankExceptions; ++i) form.exceptions.push_back(ExceptionRow(next + i, "", true, "", ""));
    json errors = web::ErrorView(form.errors);
    for (json& row : form.exceptions) {
      std::string prefix = "exceptions[" + std::to_string(row["index"].get<int>()) + "].";
      for (const char* field : {"date", "hours", "reason"}) {
        row[std::string(field) + "_error"] = errors.contains(prefix + field) ? errors[prefix + field]["message"] : json(false);
      }
    }
    json warnings = json::array();
    for (const hours::Warning& w : form.warnings) warnings.push_back(w.message_nl);
    view["form"] = {{"action", HoursUrl(id)},
                    {"csrf", token.value},
                    {"version", stored.version},
                    {"expression", form.expression},
                    {"expression_error", errors.contains("opening_hours") ? errors["opening_hours"]["message"] : json(false)},
                    {"errors", errors},
                    {"exceptions", form.exceptions},
                    {"exception_count", form.exceptions.size()},
                    {"suggestion", form.suggestion.empty() ? json(false) : json(form.suggestion)},
                    {"warnings", warnings},
                    {"has_warnings", !warnings.empty()}};
    view["conflict"] = conflict;
  }
  Response response = web::RenderPage(
      request, {"Openingstijden van " + business->name, "/panden",
                {{"/", "Home"}, {"/bedrijven", "Bedrijven"}, {"/bedrijven/" + std::to_string(id), business->name}}, status},
      "shophours_business", view);
  token.Attach(response);
  return response;
}

Response SaveHours(ShopHoursRepository& repo, property::PropertyRepository& reg, const Clock& clock,
                   const Request& request) {
  auto id = IdParam(request);
  if (!id || !reg.Snapshot()->FindBusiness(*id)) return NotFound(request, "Bedrijf " + std::string(request.Param("id")));
  if (!accounts::MayChange(request, "business", *id)) {
    return web::MessagePage(request, 403, "Niet toegestaan voor dit bedrijf",
                            "U kunt alleen de openingstijden van uw eigen bedrijf wijzigen. Er is niets gewijzigd.");
  }
  http::Fields fields = request.Form();
  if (!web::CsrfValid(request, fields)) return CsrfRefused(request);
  long long version = 0;
  if (!text::ParseInt(http::FieldValue(fields, "version"), version)) {
    return web::MessagePage(request, 400, "Formulier onvolledig", "De versie van de openingstijden ontbreekt; er is niets opgeslagen.");
  }
  Form form{http::FieldValue(fields, "opening_hours")};
  auto checked = CheckExpression(form.expression);
  if (auto* problem = std::get_if<ExpressionProblem>(&checked)) {
    form.errors.push_back(ProblemField(*problem));
  } else {
    const auto& ok = std::get<CheckedExpression>(checked);
    form.warnings = ok.warnings;
    if (ok.normalised != text::Trim(form.expression)) form.suggestion = ok.normalised;
  }
  long long count = 0;
  text::ParseInt(http::FieldValue(fields, "exception_count"), count);
  std::vector<HoursException> exceptions;
  for (int i = 0, kept = 0; i < std::min<long long>(count, 400); ++i) {
    std::string n = std::to_string(i);
    std::string date = text::Trim(http::FieldValue(fields, "exc_date_" + n));
    bool closed = http::FieldValue(fields, "exc_closed_" + n) != "nee";
    std::string hours = text::Trim(http::FieldValue(fields, "exc_hours_" + n));
    std::string reason = text::Trim(http::FieldValue(fields, "exc_reason_" + n));
    if (date.empty() && hours.empty() && reason.empty()) continue;  // a blank row, or one cleared to remove it
    int index = kept++;
    form.exceptions.push_back(ExceptionRow(index, date, closed, hours, reason));
    auto day = ParseIsoDay(date);
    if (!day) {
      form.errors.push_back({"exceptions[" + std::to_string(index) + "].date",
                             "Uitzondering " + std::to_string(index + 1) + ": vul een datum in."});
      continue;
    }
    auto exception = CheckException(*day, closed, hours, reason, index);
    if (!exception.ok()) {
      for (FieldError e : exception.error().field_errors) {
        e.message = "Uitzondering " + std::to_string(index + 1) + ": " + e.message;
        form.errors.push_back(std::move(e));
      }
    } else {
      exceptions.push_back(exception.value());
    }
  }
  if (form.errors.empty()) {
    if (auto sorted = CheckExceptions(exceptions); !sorted.ok()) form.errors = sorted.error().field_errors;
  }
  if (!form.errors.empty()) return HoursPage(repo, reg, clock, request, *id, form, false, 422);
  auto saved = repo.Save(*id, form.expression, exceptions, version, accounts::ActorOf(request));
  if (!saved.ok()) {
    const Error& error = saved.error();
    if (error.kind == ErrorKind::kConflict) {
      BusinessHours current = repo.Get(*id);
      json conflict = {{"message", error.message}, {"mine", text::Trim(form.expression)}, {"theirs", current.expression}};
      return HoursPage(repo, reg, clock, request, *id, std::nullopt, conflict, 409);
    }
    form.errors = error.field_errors.empty() ? std::vector<FieldError>{{"opening_hours", error.message}} : error.field_errors;
    return HoursPage(repo, reg, clock, request, *id, form, false, 422);
  }
  return Response::Redirect(HoursUrl(*id) + (form.suggestion.empty() ? "?opgeslagen=1" : "?opgeslagen=omgezet"));
}

}  // namespace

void AddBusinessHoursPages(http::Router& router, std::shared_ptr<ShopHoursRepository> repo,
                           property::PropertyRepository& reg, const Clock& clock) {
  router.Add(Method::kGet, "/bedrijven/{id}/openingstijden", [repo, &reg, &clock](Request& r) {
    auto id = IdParam(r);
    if (!id) return NotFound(r, "Bedrijf " + std::string(r.Param("id")));
    return HoursPage(*repo, reg, clock, r, *id, std::nullopt, false, 200);
  }, {.permission = "public"});
  router.Add(Method::kPost, "/bedrijven/{id}/openingstijden",
             [repo, &reg, &clock](Request& r) { return SaveHours(*repo, reg, clock, r); }, {.permission = "register.own"});
}

}  // namespace stadshart::shophours
