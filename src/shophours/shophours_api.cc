// JSON API of the opening hours: /api/v1/hours/check (live validation), /api/v1/open-now,
// /api/v1/businesses/{id}/hours (GET, PATCH with version), /api/v1/hours/heatmap.
#include <nlohmann/json.hpp>
#include <set>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "shophours/heatmap.h"
#include "shophours/shophours_routes.h"
#include "shophours/shops.h"
#include "shophours/week_view.h"
#include "web/api.h"

namespace stadshart::shophours {
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

json WeekJson(const std::vector<DayLine>& week) {
  json days = json::array();
  for (const DayLine& d : week) {
    days.push_back({{"date", FormatIsoDay(d.day)}, {"day", d.weekday}, {"hours", d.text},
                    {"comment", d.comment.empty() ? json(nullptr) : json(d.comment)}});
  }
  return days;
}

json HoursJson(const BusinessHours& h) {
  json exceptions = json::array();
  for (const HoursException& e : h.exceptions) {
    exceptions.push_back({{"date", FormatIsoDay(e.day)}, {"closed", e.closed},
                          {"hours", e.closed ? json(nullptr) : json(e.hours)}, {"reason", e.reason}});
  }
  return {{"business_id", h.business_id},
          {"opening_hours", h.version == 0 ? json(nullptr) : json(h.expression)},
          {"exceptions", exceptions},
          {"version", h.version},
          {"updated_at", h.updated_at.empty() ? json(nullptr) : json(h.updated_at)}};
}

Response ProblemResponse(const ExpressionProblem& problem, const std::string& field) {
  FieldError f = ProblemField(problem, field);
  return JsonResponse({{"error", {{"code", "invalid"}, {"message", f.message}, {"field", field},
                                  {"fields", json::array({{{"field", field}, {"message", f.message}}})},
                                  {"position", problem.position}, {"message_en", problem.message_en}}}},
                      422);
}

Result<std::vector<HoursException>> ExceptionsFromJson(const json& list) {
  if (!list.is_array()) return Error::Invalid({{"exceptions", "exceptions is een lijst."}});
  std::vector<HoursException> out;
  int index = 0;
  for (const json& item : list) {
    std::string prefix = "exceptions[" + std::to_string(index) + "].";
    if (!item.is_object()) return Error::Invalid({{prefix, "Elke uitzondering is een object."}});
    auto date = item.find("date");
    std::optional<Day> day;
    if (date != item.end() && date->is_string()) day = ParseIsoDay(date->get<std::string>());
    if (!day) return Error::Invalid({{prefix + "date", "date moet een datum zijn als 2025-12-24."}});
    bool closed = item.value("closed", true);
    std::string hours = item.contains("hours") && item["hours"].is_string() ? item["hours"].get<std::string>() : "";
    std::string reason = item.contains("reason") && item["reason"].is_string() ? item["reason"].get<std::string>() : "";
    auto checked = CheckException(*day, closed, hours, reason, index);
    if (!checked.ok()) return checked.error();
    out.push_back(checked.value());
    ++index;
  }
  return out;
}

std::int64_t WeekParam(const Request& request, const Clock& clock, Day& monday) {
  monday = MondayOf(AmsterdamToday(clock.Now()));
  if (auto week = request.Query("week"); week && !week->empty()) {
    auto day = ParseIsoDay(*week);
    if (!day) return -1;
    monday = MondayOf(*day);
  }
  return 0;
}

}  // namespace

void AddShopHoursApiRoutes(http::Router& router, std::shared_ptr<ShopHoursRepository> repo,
                           property::PropertyRepository& reg, const Clock& clock) {
  http::RouteOptions open{.permission = "public"};

  router.Add(Method::kGet, "/api/v1/hours/check", [repo, &clock](Request& request) {
    std::string expression(request.Query("expression").value_or(""));
    auto checked = CheckExpression(expression);
    if (auto* problem = std::get_if<ExpressionProblem>(&checked)) {
      FieldError field = ProblemField(*problem);
      return JsonResponse({{"valid", false},
                           {"error", {{"position", problem->position}, {"message", field.message},
                                      {"message_en", problem->message_en}}}});
    }
    const CheckedExpression& ok = std::get<CheckedExpression>(checked);
    json warnings = json::array();
    for (const hours::Warning& w : ok.warnings) {
      warnings.push_back({{"position", w.position}, {"message", w.message_nl}, {"message_en", w.message}});
    }
    json body = {{"valid", true}, {"normalised", ok.normalised}, {"warnings", warnings}};
    auto evaluator = Compile({0, ok.normalised, {}}, ContextFor(repo->GetCalendar()));
    if (evaluator.ok()) {
      body["week"] = WeekJson(Week(evaluator.value(), MondayOf(AmsterdamToday(clock.Now())), Amsterdam()));
    }
    return JsonResponse(body);
  }, open);

  router.Add(Method::kGet, "/api/v1/open-now", [repo, &reg, &clock](Request& request) {
    Instant at = clock.Now();
    if (auto text = request.Query("at"); text && !text->empty()) {
      auto parsed = ParseInstant(*text, Amsterdam());
      if (!parsed) {
        return JsonError(Error::Invalid(
            {{"at", "at moet een tijdstip zijn als 2025-06-02T14:00:00+02:00, 2025-06-02T12:00:00Z of 2025-06-02T14:00."}}));
      }
      at = *parsed;
    }
    auto snapshot = reg.Snapshot();
    auto shops = ActiveShops(*snapshot, repo->All(), repo->GetCalendar(), LocalDay(at, Amsterdam()));
    json businesses = json::array();
    for (const OpenNowRow& row : OpenAt(shops, at)) {
      const Shop& s = *row.shop;
      const auto& info = property::InfoOf(s.business->function);
      businesses.push_back({{"id", s.business->id},
                            {"name", s.business->name},
                            {"street", s.Street()},
                            {"zone", s.Zone()},
                            {"group", info.code},
                            {"group_label", info.label},
                            {"open", row.state.state == hours::RuleState::kOpen},
                            {"unknown", row.state.state == hours::RuleState::kUnknown},
                            {"has_hours", s.evaluator != nullptr},
                            {"next_change", row.next ? json(IsoLocal(*row.next, Amsterdam())) : json(nullptr)},
                            {"next_change_text", row.next_text},
                            {"comment", row.state.comment ? json(*row.state.comment) : json(nullptr)}});
    }
    return JsonResponse({{"at", IsoLocal(at, Amsterdam())}, {"businesses", businesses}});
  }, open);

  router.Add(Method::kGet, "/api/v1/businesses/{id}/hours", [repo, &reg](Request& request) {
    auto id = IdParam(request);
    auto snapshot = reg.Snapshot();
    if (!id || !snapshot->FindBusiness(*id)) {
      return JsonError(Error::NotFound("Bedrijf " + std::string(request.Param("id")) + " bestaat niet."));
    }
    return JsonResponse(HoursJson(repo->Get(*id)));
  }, open);

  router.Add(Method::kPatch, "/api/v1/businesses/{id}/hours", [repo, &reg](Request& request) {
    auto id = IdParam(request);
    auto snapshot = reg.Snapshot();
    if (!id || !snapshot->FindBusiness(*id)) {
      return JsonError(Error::NotFound("Bedrijf " + std::string(request.Param("id")) + " bestaat niet."));
    }
    if (!accounts::MayChange(request, "business", *id)) {
      return JsonError(403, "forbidden", "U mag alleen de openingstijden wijzigen van het bedrijf waarvoor u optreedt.");
    }
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    const json& b = body.value();
    for (const auto& [key, value] : b.items()) {
      static const std::set<std::string> kKnown = {"version", "opening_hours", "exceptions"};
      if (!kKnown.count(key)) return JsonError(Error::Invalid({{key, "Onbekend veld '" + key + "'."}}));
    }
    auto version = b.find("version");
    if (version == b.end() || version->is_null()) {
      return JsonError(Error{ErrorKind::kVersionRequired,
                             "Geef de versie mee waarop de wijziging is gebaseerd (\"version\"; 0 als er nog geen "
                             "openingstijden zijn), zodat niemands wijziging verloren gaat."});
    }
    if (!version->is_number_integer()) return JsonError(Error::Invalid({{"version", "version moet een geheel getal zijn."}}));
    BusinessHours current = repo->Get(*id);
    std::string expression = current.expression;
    if (auto e = b.find("opening_hours"); e != b.end()) {
      if (!e->is_string()) return JsonError(Error::Invalid({{"opening_hours", "opening_hours is tekst."}}));
      expression = e->get<std::string>();
    }
    auto checked = CheckExpression(expression);
    if (auto* problem = std::get_if<ExpressionProblem>(&checked)) return ProblemResponse(*problem, "opening_hours");
    std::optional<std::vector<HoursException>> exceptions;
    if (auto e = b.find("exceptions"); e != b.end()) {
      auto parsed = ExceptionsFromJson(*e);
      if (!parsed.ok()) return JsonError(parsed.error());
      exceptions = std::move(parsed.value());
    }
    auto saved = repo->Save(*id, expression, exceptions, version->get<std::int64_t>(), accounts::ActorOf(request));
    if (!saved.ok()) return JsonError(saved.error());
    return JsonResponse(HoursJson(saved.value()));
  }, {.permission = "register.own"});

  router.Add(Method::kGet, "/api/v1/hours/heatmap", [repo, &reg, &clock](Request& request) {
    Day monday;
    if (WeekParam(request, clock, monday) != 0) {
      return JsonError(Error::Invalid({{"week", "week moet een datum zijn als 2025-06-02."}}));
    }
    Selection selection{std::string(request.Query("zone").value_or("")), std::string(request.Query("group").value_or(""))};
    auto snapshot = reg.Snapshot();
    auto shops = ActiveShops(*snapshot, repo->All(), repo->GetCalendar(), monday);
    std::vector<WeekGrid> grids;
    for (const Shop& s : shops) {
      if (s.evaluator && Selected(s, selection)) grids.push_back(GridOfWeek(*s.evaluator, monday, Amsterdam()));
    }
    Heatmap map = Aggregate(grids);
    json days = json::array();
    for (int d = 0; d < 7; ++d) {
      json hours = json::array();
      for (int h = 0; h < 24; ++h) hours.push_back({{"hour", h}, {"open", map[d][h].open}, {"unknown", map[d][h].unknown},
                                                     {"share", map[d][h].Share()}});
      days.push_back({{"date", FormatIsoDay(monday + std::chrono::days{d})}, {"day", LongWeekday(d)}, {"hours", hours}});
    }
    return JsonResponse({{"week", FormatIsoDay(monday)}, {"zone", selection.zone}, {"group", selection.group},
                         {"shops", grids.size()}, {"days", days}});
  }, {.permission = "hours.analysis"});
}

void AddShopHoursRoutes(http::Router& router, std::shared_ptr<ShopHoursRepository> hours,
                        property::PropertyRepository& reg, const Clock& clock) {
  AddShopHoursApiRoutes(router, hours, reg, clock);
  AddBusinessHoursPages(router, hours, reg, clock);
  AddOpenNowPages(router, hours, reg, clock);
  AddAnalysisPages(router, hours, reg, clock);
  AddSettingsPages(router, hours);
}

}  // namespace stadshart::shophours
