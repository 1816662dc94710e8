// PlanRepository on SQLite (storage::Database). Queries are the named constants in the .cc file.
#pragma once

#include "common/time.h"
#include "plan/plan_repository.h"
#include "storage/database.h"

namespace stadshart::plan {

class SqlitePlanRepository final : public PlanRepository {
 public:
  // Neither is owned; both must outlive the repository.
  SqlitePlanRepository(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  std::vector<PlanSummary> ListPlans() override;
  std::optional<Plan> GetPlan(int year) override;
  std::optional<Action> GetAction(std::int64_t id) override;
  std::vector<ProgressUpdate> History(std::int64_t action_id) override;
  std::vector<Action> Lineage(std::int64_t action_id) override;
  std::vector<Goal> Goals() override;
  std::vector<audit::Entry> ChangeHistory(std::int64_t action_id) override;
  Result<Action> UpdateAction(std::int64_t id, const ActionEdit& edit, std::int64_t expected_version,
                              const audit::Actor& actor) override;
  Result<ProgressUpdate> AddUpdate(std::int64_t action_id, const ValidProgressUpdate& update,
                                   std::optional<std::int64_t> expected_version, const audit::Actor& actor) override;
  Result<RollOverReport> RollOver(int from_year, const audit::Actor& actor) override;
  Result<Done> ImportPlan(const Plan& plan, const std::vector<Goal>& goals, const audit::Actor& actor) override;
  bool HasData() override;

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace stadshart::plan
