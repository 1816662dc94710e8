// Storage of the work plan. Every successful write leaves exactly one audit row (audit/audit.h), written in the
// same transaction: an action's edit or progress update as entity "action", a roll-over or import as "plan".
// One interface, one implementation per database backend (SQLite now, PostgreSQL
// later). Implementations are thread-safe: each call takes its own connection and every write is one
// transaction. Calls block: run them on the worker pool, never on an HTTP I/O thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "audit/audit.h"
#include "common/result.h"
#include "plan/plan.h"

namespace stadshart::plan {

struct RollOverReport {
  int from_year = 0;
  int to_year = 0;
  bool plan_created = false;  // false: next year's plan existed already
  int carried = 0;            // actions copied now
  int already_carried = 0;    // carried by an earlier roll-over; left alone
  int finished = 0;           // gereed or vervallen; not carried
};

class PlanRepository {
 public:
  virtual ~PlanRepository() = default;

  virtual std::vector<PlanSummary> ListPlans() = 0;
  virtual std::optional<Plan> GetPlan(int year) = 0;
  virtual std::optional<Action> GetAction(std::int64_t id) = 0;
  // Progress updates of the action and of the actions it continues from earlier years, newest first.
  virtual std::vector<ProgressUpdate> History(std::int64_t action_id) = 0;
  // The same action in other years' plans (earlier and later), oldest first, without the action itself.
  virtual std::vector<Action> Lineage(std::int64_t action_id) = 0;
  virtual std::vector<Goal> Goals() = 0;
  // The audit trail of one action ("Geschiedenis"), newest first.
  virtual std::vector<audit::Entry> ChangeHistory(std::int64_t action_id) = 0;

  // Applies the edit when `expected_version` is still the stored version; otherwise kConflict and nothing
  // changes. kNotFound for an unknown id. Returns the new state (version raised by one).
  virtual Result<Action> UpdateAction(std::int64_t id, const ActionEdit& edit, std::int64_t expected_version,
                                      const audit::Actor& actor) = 0;

  // Records a progress update; when it sets a status, the action's status changes too, guarded by
  // `expected_version` as in UpdateAction.
  virtual Result<ProgressUpdate> AddUpdate(std::int64_t action_id, const ValidProgressUpdate& update,
                                           std::optional<std::int64_t> expected_version,
                                           const audit::Actor& actor) = 0;

  // "Jaarplan actualiseren": makes the plan of from_year + 1 (chapters and key points copied) if it does not
  // exist, and copies into it every action of from_year that CarriesOver() and was not carried before.
  // Idempotent. kNotFound when there is no plan for from_year.
  virtual Result<RollOverReport> RollOver(int from_year, const audit::Actor& actor) = 0;

  // Stores a whole plan (ids in `plan` are ignored) and, when given, the akkoord goals. kConflict when a plan
  // for that year exists. All or nothing.
  virtual Result<Done> ImportPlan(const Plan& plan, const std::vector<Goal>& goals, const audit::Actor& actor) = 0;

  virtual bool HasData() = 0;
};

}  // namespace stadshart::plan
