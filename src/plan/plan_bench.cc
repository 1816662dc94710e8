// Benchmarks of the work plan's core (not tests; see docs/performance.md). The demo plan: 7 chapters, 32 actions.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include "common/resources.h"
#include "plan/plan_json.h"

namespace stadshart::plan {
namespace {

Plan DemoPlan() {
  auto imported = PlanFromJson(nlohmann::json::parse(*resources::Find("data/werkplan-2019.json")));
  Plan plan = imported.value().plan;
  std::int64_t id = 1;
  for (Chapter& chapter : plan.chapters) {
    for (Action& action : chapter.actions) action.id = id++;
  }
  return plan;
}

void BM_PlanToJsonText(benchmark::State& state) {
  Plan plan = DemoPlan();
  for (auto _ : state) benchmark::DoNotOptimize(ToJson(plan).dump());
}
BENCHMARK(BM_PlanToJsonText);

void BM_PlanFromJson(benchmark::State& state) {
  auto doc = nlohmann::json::parse(*resources::Find("data/werkplan-2019.json"));
  for (auto _ : state) benchmark::DoNotOptimize(PlanFromJson(doc));
}
BENCHMARK(BM_PlanFromJson);

void BM_FilterByOwnerAndStatus(benchmark::State& state) {
  Plan plan = DemoPlan();
  ActionFilter filter{.owner = "gemeente", .status = ActionStatus::kPlanned};
  for (auto _ : state) benchmark::DoNotOptimize(Filtered(plan, filter));
}
BENCHMARK(BM_FilterByOwnerAndStatus);

void BM_ProgressOfPlan(benchmark::State& state) {
  Plan plan = DemoPlan();
  for (auto _ : state) benchmark::DoNotOptimize(ProgressOf(plan));
}
BENCHMARK(BM_ProgressOfPlan);

}  // namespace
}  // namespace stadshart::plan
