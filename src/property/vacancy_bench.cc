// Vacancy at national scale (not a test; docs/performance.md): 250,000 units with 4 intervals each over ten
// years, generated deterministically.
#include <benchmark/benchmark.h>

#include <random>

#include "property/vacancy.h"
#include "property/vacancy_index.h"

namespace stadshart::property {
namespace {

using namespace std::chrono;

const std::vector<Unit>& NationalRegister() {
  static const std::vector<Unit> units = [] {
    std::mt19937_64 random(2019);
    std::vector<Unit> out;
    out.reserve(250000);
    const Day start = sys_days{year{2015} / January / 1};
    const char* zones[] = {"kernwinkelgebied", "aanloopstraten", "horeca", "overig"};
    for (int i = 0; i < 250000; ++i) {
      Unit u;
      u.id = i + 1;
      u.zone = zones[random() % 4];
      u.street = "straat " + std::to_string(random() % 5000);
      u.floor_area_m2 = 40 + static_cast<std::int64_t>(random() % 400);
      Day from = start;
      for (int k = 0; k < 4; ++k) {
        OccupancyInterval interval;
        interval.from = from;
        interval.kind = random() % 5 == 0 ? OccupancyKind::kVacant : OccupancyKind::kInUse;
        if (k < 3) {
          from += days{200 + static_cast<int>(random() % 700)};
          interval.to = from;
        }
        u.occupancy.push_back(interval);
      }
      out.push_back(std::move(u));
    }
    return out;
  }();
  return units;
}

void BM_VacancyOnADayNational(benchmark::State& state) {
  const auto& units = NationalRegister();
  for (auto _ : state) benchmark::DoNotOptimize(VacancyOn(units, sys_days{year{2019} / January / 1}));
  state.SetLabel("250,000 units");
}
BENCHMARK(BM_VacancyOnADayNational)->Unit(benchmark::kMillisecond);

void BM_VacancyOnADayOneZone(benchmark::State& state) {
  const auto& units = NationalRegister();
  VacancyFilter filter{.zone = "kernwinkelgebied"};
  for (auto _ : state) benchmark::DoNotOptimize(VacancyOn(units, sys_days{year{2019} / January / 1}, filter));
}
BENCHMARK(BM_VacancyOnADayOneZone)->Unit(benchmark::kMillisecond);

void BM_TenYearMonthlyTrendNational(benchmark::State& state) {
  const auto& units = NationalRegister();
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        MonthlyTrend(units, sys_days{year{2015} / January / 1}, sys_days{year{2024} / December / 1}));
  }
  state.SetLabel("120 months x 250,000 units");
}
BENCHMARK(BM_TenYearMonthlyTrendNational)->Unit(benchmark::kMillisecond);

// The same with the columnar index (vacancy_index.h), built once.
const VacancyIndex& NationalIndex() {
  static const VacancyIndex index(NationalRegister());
  return index;
}

void BM_VacancyOnADayNationalIndexed(benchmark::State& state) {
  const VacancyIndex& index = NationalIndex();
  for (auto _ : state) benchmark::DoNotOptimize(VacancyOn(index, sys_days{year{2019} / January / 1}));
}
BENCHMARK(BM_VacancyOnADayNationalIndexed)->Unit(benchmark::kMillisecond);

void BM_VacancyOnADayOneZoneIndexed(benchmark::State& state) {
  const VacancyIndex& index = NationalIndex();
  VacancyFilter filter{.zone = "kernwinkelgebied"};
  for (auto _ : state) benchmark::DoNotOptimize(VacancyOn(index, sys_days{year{2019} / January / 1}, filter));
}
BENCHMARK(BM_VacancyOnADayOneZoneIndexed)->Unit(benchmark::kMillisecond);

void BM_TenYearMonthlyTrendNationalIndexed(benchmark::State& state) {
  const VacancyIndex& index = NationalIndex();
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        MonthlyTrend(index, sys_days{year{2015} / January / 1}, sys_days{year{2024} / December / 1}));
  }
}
BENCHMARK(BM_TenYearMonthlyTrendNationalIndexed)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace stadshart::property
