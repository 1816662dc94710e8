// Benchmarks of the opening-hours engine (not tests; figures and the comparison with opening_hours.js in
// docs/performance.md, "Opening hours engine"). Typical Dutch shop expressions, Europe/Amsterdam, Utrecht, the
// Dutch PH default, the week of Monday 2 June 2025.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "hours/evaluate.h"
#include "hours/parse.h"

namespace stadshart::hours {
namespace {

constexpr std::array<const char*, 5> kShops = {
    "Mo-Fr 09:00-18:00; Sa 10:00-17:00; Su,PH off",
    "Mo-Sa 10:00-18:00; Th 10:00-21:00; PH off",
    "Mo-Fr 08:00-12:30,13:30-17:30; Sa 08:00-12:00",
    "Mo-Th 11:00-23:00; Fr-Sa 11:00-02:00; Su 12:00-23:00",
    "Mo-Fr 10:00-18:00; Sa 10:00-17:00; Su 12:00-17:00 \"koopzondag\"; PH off",
};

// 2025-06-02T00:00:00+02:00 (Monday) and a week later.
constexpr Instant kWeekStart{std::chrono::seconds{1748815200}};
constexpr Instant kWeekEnd = kWeekStart + std::chrono::hours{24 * 7};

EvaluationContext Utrecht() {
  EvaluationContext context;
  context.time_zone = "Europe/Amsterdam";
  context.location = Location{52.0907, 5.1214};
  context.public_holidays = DutchPublicHolidays();
  return context;
}

Evaluator Make(const std::string& expression) {
  return Evaluator::Create(Parse(expression).value().schedule, Utrecht()).value();
}

void BM_Parse(benchmark::State& state) {
  const char* expression = kShops[static_cast<std::size_t>(state.range(0))];
  for (auto _ : state) benchmark::DoNotOptimize(Parse(expression));
  state.SetLabel(expression);
}
BENCHMARK(BM_Parse)->DenseRange(0, kShops.size() - 1);

// The state at 97 instants spread over the week (every 1h44m), one per iteration.
void BM_StateAt(benchmark::State& state) {
  Evaluator evaluator = Make(kShops[static_cast<std::size_t>(state.range(0))]);
  std::vector<Instant> instants;
  for (Instant t = kWeekStart; t < kWeekEnd; t += std::chrono::minutes{104}) instants.push_back(t);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(evaluator.StateAt(instants[i]));
    i = (i + 1) % instants.size();
  }
  state.SetLabel(kShops[static_cast<std::size_t>(state.range(0))]);
}
BENCHMARK(BM_StateAt)->DenseRange(0, kShops.size() - 1);

void BM_WeekIntervals(benchmark::State& state) {
  Evaluator evaluator = Make(kShops[static_cast<std::size_t>(state.range(0))]);
  for (auto _ : state) benchmark::DoNotOptimize(evaluator.Intervals(kWeekStart, kWeekEnd));
  state.SetLabel(kShops[static_cast<std::size_t>(state.range(0))]);
}
BENCHMARK(BM_WeekIntervals)->DenseRange(0, kShops.size() - 1);

// Shop k of the heatmap: one of five patterns with opening and closing hours varied by k. The node script in
// docs/performance.md builds the same 1,000 strings.
std::string ShopExpression(int k) {
  int a = 7 + k % 4;
  int b = 17 + k % 5;
  char text[160];
  switch (k % 5) {
    case 0: std::snprintf(text, sizeof text, "Mo-Fr %02d:00-%02d:00; Sa %02d:00-17:00; Su,PH off", a, b, a + 1); break;
    case 1: std::snprintf(text, sizeof text, "Mo-Sa %02d:30-%02d:00; Th %02d:30-21:00; PH off", a, b, a); break;
    case 2: std::snprintf(text, sizeof text, "Mo-Fr %02d:00-12:30,13:30-%02d:30; Sa %02d:00-12:00", a, b, a); break;
    case 3: std::snprintf(text, sizeof text, "Mo-Th 11:00-23:00; Fr-Sa 11:00-02:00; Su 12:00-%02d:00", b); break;
    default:
      std::snprintf(text, sizeof text, "Tu-Sa %02d:00-%02d:00; Su 12:00-17:00 \"koopzondag\"; Mo off; PH off", a, b);
  }
  return text;
}

// Share of 1,000 shops open per hour of one week (168 hours): the open seconds of every shop's week intervals
// added to hour buckets, divided by 1,000 hours. The schedules are parsed and evaluators created beforehand, as a
// page would hold them; the loop evaluates the week of every shop.
void BM_Heatmap1000Shops(benchmark::State& state) {
  std::vector<Evaluator> shops;
  for (int k = 0; k < 1000; ++k) shops.push_back(Make(ShopExpression(k)));
  std::array<double, 168> share{};
  for (auto _ : state) {
    std::array<std::int64_t, 168> open_seconds{};
    for (const Evaluator& shop : shops) {
      for (const Interval& i : shop.Intervals(kWeekStart, kWeekEnd)) {
        if (i.unknown) continue;
        std::int64_t from = (i.from - kWeekStart).count();
        std::int64_t to = (i.to - kWeekStart).count();
        for (std::int64_t h = from / 3600; h * 3600 < to && h < 168; ++h) {
          open_seconds[static_cast<std::size_t>(h)] += std::min(to, (h + 1) * 3600) - std::max(from, h * 3600);
        }
      }
    }
    for (std::size_t h = 0; h < 168; ++h) share[h] = static_cast<double>(open_seconds[h]) / (1000.0 * 3600.0);
    benchmark::DoNotOptimize(share);
  }
  state.counters["wed_12h_share"] = share[2 * 24 + 12];
}
BENCHMARK(BM_Heatmap1000Shops)->Unit(benchmark::kMillisecond);

// The same heatmap with shops grouped by schedule, as a page that holds many shops would keep them: each distinct
// expression (here 20 among the 1,000) is evaluated once per week and its open seconds count once per shop that
// has it. Grouping is done beforehand, like parsing.
void BM_Heatmap1000ShopsGrouped(benchmark::State& state) {
  std::map<std::string, int> shops_per_expression;
  for (int k = 0; k < 1000; ++k) ++shops_per_expression[ShopExpression(k)];
  std::vector<std::pair<Evaluator, int>> groups;
  for (const auto& [expression, shops] : shops_per_expression) groups.emplace_back(Make(expression), shops);
  std::array<double, 168> share{};
  for (auto _ : state) {
    std::array<std::int64_t, 168> open_seconds{};
    for (const auto& [evaluator, shops] : groups) {
      for (const Interval& i : evaluator.Intervals(kWeekStart, kWeekEnd)) {
        if (i.unknown) continue;
        std::int64_t from = (i.from - kWeekStart).count();
        std::int64_t to = (i.to - kWeekStart).count();
        for (std::int64_t h = from / 3600; h * 3600 < to && h < 168; ++h) {
          open_seconds[static_cast<std::size_t>(h)] +=
              shops * (std::min(to, (h + 1) * 3600) - std::max(from, h * 3600));
        }
      }
    }
    for (std::size_t h = 0; h < 168; ++h) share[h] = static_cast<double>(open_seconds[h]) / (1000.0 * 3600.0);
    benchmark::DoNotOptimize(share);
  }
  state.counters["wed_12h_share"] = share[2 * 24 + 12];
  state.counters["distinct"] = static_cast<double>(groups.size());
}
BENCHMARK(BM_Heatmap1000ShopsGrouped)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace stadshart::hours
