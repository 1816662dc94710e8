// JSON API of the work plan: /api/v1/plans, /api/v1/actions, /api/v1/goals.
#include <nlohmann/json.hpp>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "plan/plan_json.h"
#include "plan/plan_routes.h"
#include "web/api.h"

namespace stadshart::plan {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;
using web::JsonError;
using web::JsonResponse;

std::optional<std::int64_t> IdParam(const Request& request, std::string_view name) {
  long long id = 0;
  if (!text::ParseInt(request.Param(name), id) || id <= 0) return std::nullopt;
  return id;
}

Response NoSuchAction(std::string_view raw) {
  return JsonError(Error::NotFound("Actie " + std::string(raw) + " bestaat niet."));
}

// Reads the editable fields of a PATCH body; unknown fields are refused so that a typo does not pass silently.
Result<ActionEditInput> EditInputFromJson(const json& body) {
  ActionEditInput input;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : body.items()) {
    if (key == "version") continue;
    if (key == "title" || key == "status" || key == "thematafel") {
      if (!value.is_string()) {
        errors.push_back({key, key + " moet tekst zijn."});
        continue;
      }
      std::string text = value.get<std::string>();
      if (key == "title") input.title = text;
      if (key == "status") input.status = text;
      if (key == "thematafel") input.thematafel = text;
    } else if (key == "priority") {
      if (!value.is_boolean()) {
        errors.push_back({key, "priority moet true of false zijn."});
        continue;
      }
      input.priority = value.get<bool>();
    } else if (key == "owners") {
      if (!value.is_array() || !std::all_of(value.begin(), value.end(), [](const json& o) { return o.is_string(); })) {
        errors.push_back({key, "owners moet een lijst met namen zijn."});
        continue;
      }
      input.owners = value.get<std::vector<std::string>>();
    } else {
      errors.push_back({key, "Onbekend veld '" + key + "'; te wijzigen zijn title, status, priority, thematafel, owners."});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return input;
}

Result<std::int64_t> VersionFromJson(const json& body) {
  auto it = body.find("version");
  if (it == body.end() || it->is_null()) {
    return Error{ErrorKind::kVersionRequired,
                 "Geef de versie mee waarop de wijziging is gebaseerd (\"version\"), zodat niemands wijziging verloren "
                 "gaat."};
  }
  if (!it->is_number_integer()) return Error::Invalid({{"version", "version moet een geheel getal zijn."}});
  return it->get<std::int64_t>();
}

}  // namespace

void AddPlanApiRoutes(http::Router& router, PlanRepository& repo, const Clock& clock) {
  http::RouteOptions cached{.cacheable = true, .permission = "public"};
  http::RouteOptions writes{.permission = "plan.write"};

  router.Add(
      Method::kGet, "/api/v1/plans",
      [&repo](Request&) {
        json plans = json::array();
        for (const PlanSummary& summary : repo.ListPlans()) plans.push_back(ToJson(summary));
        return JsonResponse({{"plans", std::move(plans)}});
      },
      cached);

  router.Add(
      Method::kGet, "/api/v1/plans/{year}",
      [&repo](Request& request) {
        long long year = 0;
        std::optional<Plan> plan;
        if (text::ParseInt(request.Param("year"), year) && year > 0 && year < 10000) plan = repo.GetPlan(int(year));
        if (!plan) return JsonError(Error::NotFound("Er is geen jaarplan " + std::string(request.Param("year")) + "."));
        return JsonResponse(ToJson(*plan));
      },
      cached);

  router.Add(Method::kPost, "/api/v1/plans/{year}/rollover", [&repo](Request& request) {
    long long year = 0;
    if (!text::ParseInt(request.Param("year"), year) || year < 2000 || year > 2099) {
      return JsonError(Error::NotFound("Er is geen jaarplan " + std::string(request.Param("year")) + "."));
    }
    auto body = web::ParseJsonObject(request);
    if (!body.ok() && !request.body.empty()) return JsonError(body.error());
    auto report = repo.RollOver(int(year), accounts::ActorOf(request));
    if (!report.ok()) return JsonError(report.error());
    const RollOverReport& r = report.value();
    return JsonResponse({{"from_year", r.from_year},
                         {"to_year", r.to_year},
                         {"plan_created", r.plan_created},
                         {"carried", r.carried},
                         {"already_carried", r.already_carried},
                         {"finished", r.finished}},
                        r.plan_created ? 201 : 200);
  }, writes);

  router.Add(
      Method::kGet, "/api/v1/actions/{id}",
      [&repo](Request& request) {
        auto id = IdParam(request, "id");
        std::optional<Action> action;
        if (id) action = repo.GetAction(*id);
        if (!action) return NoSuchAction(request.Param("id"));
        return JsonResponse(ToJson(*action));
      },
      cached);

  router.Add(Method::kPatch, "/api/v1/actions/{id}", [&repo](Request& request) {
    auto id = IdParam(request, "id");
    if (!id || !repo.GetAction(*id)) return NoSuchAction(request.Param("id"));
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    auto input = EditInputFromJson(body.value());
    if (!input.ok()) return JsonError(input.error());
    auto edit = ValidateEdit(input.value());
    if (!edit.ok()) return JsonError(edit.error());
    auto version = VersionFromJson(body.value());
    if (!version.ok()) return JsonError(version.error());
    auto updated = repo.UpdateAction(*id, edit.value(), version.value(), accounts::ActorOf(request));
    if (!updated.ok()) {
      Response response = JsonError(updated.error());
      if (updated.error().kind == ErrorKind::kConflict) {
        // The current state, so the client can show both versions and decide.
        if (auto current = repo.GetAction(*id)) {
          json with_current = json::parse(response.body);
          with_current["current"] = ToJson(*current);
          response = JsonResponse(with_current, 409);
        }
      }
      return response;
    }
    return JsonResponse(ToJson(updated.value()));
  }, writes);

  router.Add(
      Method::kGet, "/api/v1/actions/{id}/updates",
      [&repo](Request& request) {
        auto id = IdParam(request, "id");
        if (!id || !repo.GetAction(*id)) return NoSuchAction(request.Param("id"));
        json updates = json::array();
        for (const ProgressUpdate& update : repo.History(*id)) updates.push_back(ToJson(update));
        return JsonResponse({{"updates", std::move(updates)}});
      },
      cached);

  router.Add(Method::kPost, "/api/v1/actions/{id}/updates", [&repo, &clock](Request& request) {
    auto id = IdParam(request, "id");
    if (!id || !repo.GetAction(*id)) return NoSuchAction(request.Param("id"));
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    const json& b = body.value();
    ProgressUpdateInput input;
    input.date = b.value("date", AmsterdamDate(clock.Now()));
    if (!b.contains("text") || !b["text"].is_string()) {
      return JsonError(Error::Invalid({{"text", "text (de beschrijving van de voortgang) ontbreekt."}}));
    }
    input.text = b["text"].get<std::string>();
    if (b.contains("status") && b["status"].is_string()) input.status = b["status"].get<std::string>();
    auto valid = ValidateUpdate(input, AmsterdamDate(clock.Now()));
    if (!valid.ok()) return JsonError(valid.error());
    std::optional<std::int64_t> version;
    if (b.contains("version") && b["version"].is_number_integer()) version = b["version"].get<std::int64_t>();
    if (valid.value().status && !version) {
      return JsonError(Error{ErrorKind::kVersionRequired,
                             "Een statuswijziging vraagt de versie van de actie (\"version\")."});
    }
    auto stored = repo.AddUpdate(*id, valid.value(), version, accounts::ActorOf(request));
    if (!stored.ok()) return JsonError(stored.error());
    return JsonResponse(ToJson(stored.value()), 201);
  }, writes);

  router.Add(
      Method::kGet, "/api/v1/goals",
      [&repo](Request&) {
        json goals = json::array();
        for (const Goal& goal : repo.Goals()) goals.push_back(ToJson(goal));
        return JsonResponse({{"goals", std::move(goals)}});
      },
      cached);
}

}  // namespace stadshart::plan
