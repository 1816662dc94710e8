// The work plan's HTTP surface: pages under /werkplan and /acties, the JSON API under /api/v1. Handlers are
// thin: parse the request, call the domain and the repository, render.
#pragma once

#include "common/time.h"
#include "http/router.h"
#include "plan/plan_repository.h"

namespace stadshart::plan {

// The repository and clock must outlive the router.
void AddPlanApiRoutes(http::Router& router, PlanRepository& repository, const Clock& clock);
void AddPlanPageRoutes(http::Router& router, PlanRepository& repository, const Clock& clock);

// The plan as CSV for Dutch Excel (one row per action).
std::string PlanCsv(const Plan& plan, PlanRepository& repository);

}  // namespace stadshart::plan
