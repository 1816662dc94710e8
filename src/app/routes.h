// Assembles the router of the whole application from the modules' routes, plus /, /healthz and /static.
#pragma once

#include "accounts/accounts_repository.h"
#include "common/time.h"
#include "http/message.h"
#include "http/router.h"
#include "monitor/monitor_repository.h"
#include "plan/plan_repository.h"
#include "property/property_repository.h"
#include "property/property_routes.h"
#include "storage/database.h"

namespace stadshart::app {

struct Services {
  storage::Database& db;
  plan::PlanRepository& plans;
  accounts::AccountsRepository& accounts;
  property::PropertyRepository& register_;
  monitor::MonitorRepository& monitor;
  const Clock& clock;
  property::MapSettings map = {};
};

// Routes refer to the services, which must outlive the router. Every route is behind the guard (app/guard.h).
http::Router BuildRouter(Services services);

// Headers sent with every response: a Content-Security-Policy without inline script or style, and friends.
http::Fields SecurityHeaders();

}  // namespace stadshart::app
