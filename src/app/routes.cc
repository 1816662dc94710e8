#include "app/routes.h"

#include <nlohmann/json.hpp>

#include "app/account_routes.h"
#include "app/guard.h"
#include "events/events_routes.h"
#include "events/sqlite_events_repository.h"
#include "monitor/monitor_routes.h"
#include "plan/plan_routes.h"
#include "shophours/shophours_routes.h"
#include "shophours/sqlite_shophours_repository.h"
#include "web/api.h"
#include "web/page.h"
#include "web/static_files.h"

namespace stadshart::app {
namespace {

using http::Method;
using http::Request;
using http::Response;

Response Home(const Request& request, plan::PlanRepository& plans) {
  nlohmann::json view = nlohmann::json::object();
  auto summaries = plans.ListPlans();
  if (!summaries.empty()) {
    const auto& latest = summaries.back();
    view["plan"] = {{"year", latest.year},
                    {"url", "/werkplan/" + std::to_string(latest.year)},
                    {"actions", latest.actions},
                    {"done", latest.done}};
  }
  nlohmann::json goals = nlohmann::json::array();
  for (const auto& goal : plans.Goals()) goals.push_back({{"text", goal.text}});
  view["has_goals"] = !goals.empty();
  view["goals"] = std::move(goals);
  return web::RenderPage(request, {"Binnenstad Assen", "/", {}}, "home", view);
}

}  // namespace

http::Fields SecurityHeaders() {
  return {{"Content-Security-Policy",
           "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
          {"X-Content-Type-Options", "nosniff"},
          {"Referrer-Policy", "same-origin"},
          {"X-Frame-Options", "DENY"},
          {"Cross-Origin-Opener-Policy", "same-origin"},
          {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"}};
}

http::Router BuildRouter(Services s) {
  http::Router router;
  router.Add(Method::kGet, "/", [&plans = s.plans](Request& r) { return Home(r, plans); },
             {.cacheable = true, .permission = "public"});
  router.Add(Method::kGet, "/healthz", [&db = s.db](Request&) {
    if (db.Ping()) return web::JsonResponse({{"status", "ok"}});
    return web::JsonError(503, "unavailable", "De database is niet bereikbaar.");
  }, {.permission = "public"});
  web::AddStaticRoutes(router);
  plan::AddPlanPageRoutes(router, s.plans, s.clock);
  plan::AddPlanApiRoutes(router, s.plans, s.clock);
  property::AddRegisterPageRoutes(router, s.register_, s.clock, s.map);
  property::AddRegisterApiRoutes(router, s.register_, s.clock);
  monitor::AddMonitorPageRoutes(router, s.monitor, s.register_, s.clock);
  monitor::AddMonitorApiRoutes(router, s.monitor, s.register_, s.clock);
  shophours::AddShopHoursRoutes(router, std::make_shared<shophours::SqliteShopHoursRepository>(s.db, s.clock),
                                s.register_, s.clock);
  events::AddEventRoutes(router, std::make_shared<events::SqliteEventsRepository>(s.db, s.clock), s.clock);
  AddAccountRoutes(router, s.accounts);
  AddAdminRoutes(router, s.accounts, s.db);
  InstallGuard(router, s.accounts);
  return router;
}

}  // namespace stadshart::app
