// The work plan as JSON: the API's contract (field names other tools rely on) and the import format.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "common/result.h"
#include "plan/plan.h"

namespace stadshart::plan {

nlohmann::json ToJson(const Action& action);
nlohmann::json ToJson(const Plan& plan);
nlohmann::json ToJson(const PlanSummary& summary);
nlohmann::json ToJson(const ProgressUpdate& update);
nlohmann::json ToJson(const Goal& goal);
nlohmann::json ToJson(const Progress& progress);

struct ImportedPlan {
  Plan plan;
  std::vector<Goal> goals;
};

// Reads a plan in the API's form (GET /api/v1/plans/{year}) or the demo-data form (data/werkplan-2019.json:
// key points and sub-actions as plain strings, optional "goals"). Every problem is reported with its place
// ("chapters[2].actions[0].status: ..."), and nothing is returned unless all is well.
Result<ImportedPlan> PlanFromJson(const nlohmann::json& json);

}  // namespace stadshart::plan
