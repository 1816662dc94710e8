#include "property/vacancy_index.h"

#include <gtest/gtest.h>

#include <random>

namespace stadshart::property {
namespace {

using namespace std::chrono;

Day D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

std::string Describe(const VacancyFigures& f) {
  return DutchDay(f.day) + ": " + std::to_string(f.outlets) + " outlets, " + std::to_string(f.vacant) + " vacant, " +
         std::to_string(f.floor_area_m2) + "/" + std::to_string(f.vacant_floor_area_m2) + " m2, by duration " +
         std::to_string(f.up_to_1y) + "/" + std::to_string(f.from_1y_to_3y) + "/" + std::to_string(f.over_3y);
}

// Random valid histories (CheckHistory) with every kind, gaps, open and closed ends, runs of adjoining vacant
// intervals, intervals starting and ending on 29 February and on the first of a month; some units are not
// outlets; zones and streets crossed.
std::vector<Unit> RandomUnits(std::uint32_t seed, int count) {
  std::mt19937 random(seed);
  const OccupancyKind kinds[] = {OccupancyKind::kInUse,     OccupancyKind::kVacant,  OccupancyKind::kVacant,
                                 OccupancyKind::kVacantLet, OccupancyKind::kTemporary, OccupancyKind::kHousing,
                                 OccupancyKind::kTransformation};
  const char* zones[] = {"kern", "aanloop", "horeca"};
  const Day leap_days[] = {D(2012, 2, 29), D(2016, 2, 29), D(2020, 2, 29)};
  std::vector<Unit> units;
  for (int u = 0; u < count; ++u) {
    Unit unit;
    unit.id = u + 1;
    unit.zone = zones[random() % 3];
    unit.street = "Straat " + std::to_string(random() % 7);
    unit.floor_area_m2 = 10 + static_cast<std::int64_t>(random() % 900);
    unit.outlet = random() % 13 != 0;
    Day from = random() % 5 == 0 ? leap_days[random() % 3] : D(2011, 1, 1) + days{static_cast<int>(random() % 1500)};
    int intervals = static_cast<int>(random() % 7);  // 0: a unit without history
    for (int k = 0; k < intervals; ++k) {
      OccupancyInterval interval;
      interval.from = from;
      interval.kind = kinds[random() % 7];
      if (k > 0 && random() % 4 == 0) interval.kind = OccupancyKind::kVacant;  // often right after a vacancy
      Day to;
      switch (random() % 4) {
        case 0: to = leap_days[random() % 3]; break;
        case 1: to = Day{year_month_day{from + days{400}}.year() / month{1 + static_cast<unsigned>(random() % 12)} / 1}; break;
        default: to = from + days{1 + static_cast<int>(random() % 1200)};
      }
      if (to <= from) to = from + days{1 + static_cast<int>(random() % 30)};
      bool last = k + 1 == intervals;
      if (!(last && random() % 2)) interval.to = to;
      unit.occupancy.push_back(interval);
      from = to + days{random() % 3 == 0 ? static_cast<int>(random() % 90) : 0};  // sometimes a gap
    }
    EXPECT_TRUE(CheckHistory(unit.occupancy).ok());
    units.push_back(std::move(unit));
  }
  return units;
}

void ExpectSame(const VacancyFigures& plain, const VacancyFigures& indexed) {
  EXPECT_EQ(Describe(plain), Describe(indexed));
}

std::vector<VacancyFilter> Filters() {
  return {VacancyFilter{},
          {.zone = "kern"},
          {.zone = "horeca"},
          {.zone = "onbekend"},
          {.street = "Straat 3"},
          {.zone = "aanloop", .street = "Straat 5"},
          {.street = "Nergensstraat"}};
}

TEST(VacancyIndex, VacancyOnEqualsThePlainComputationOnEveryDayTried) {
  for (std::uint32_t seed : {1u, 2u, 3u}) {
    std::vector<Unit> units = RandomUnits(seed, 300);
    VacancyIndex index(units);
    for (const VacancyFilter& filter : Filters()) {
      for (Day day = D(2010, 12, 1); day < D(2026, 1, 1); day += days{13}) {
        ExpectSame(VacancyOn(units, day, filter), VacancyOn(index, day, filter));
      }
      for (Day day : {D(2012, 2, 29), D(2013, 2, 28), D(2013, 3, 1), D(2015, 2, 28), D(2015, 3, 1), D(2016, 2, 29),
                      D(2017, 2, 28), D(2017, 3, 1), D(2019, 3, 1), D(2020, 2, 29), D(2021, 3, 1)}) {
        ExpectSame(VacancyOn(units, day, filter), VacancyOn(index, day, filter));
      }
    }
    if (HasFailure()) return;
  }
}

TEST(VacancyIndex, MonthlyTrendEqualsThePlainComputation) {
  for (std::uint32_t seed : {4u, 5u}) {
    std::vector<Unit> units = RandomUnits(seed, 300);
    VacancyIndex index(units);
    for (const VacancyFilter& filter : Filters()) {
      for (auto [from, to] : {std::pair{D(2010, 1, 1), D(2026, 12, 31)}, std::pair{D(2016, 2, 29), D(2016, 3, 1)},
                              std::pair{D(2013, 5, 17), D(2019, 11, 2)}, std::pair{D(2018, 6, 1), D(2018, 6, 30)},
                              std::pair{D(2019, 1, 1), D(2018, 1, 1)}}) {
        auto plain = MonthlyTrend(units, from, to, filter);
        auto indexed = MonthlyTrend(index, from, to, filter);
        ASSERT_EQ(plain.size(), indexed.size());
        for (size_t i = 0; i < plain.size(); ++i) ExpectSame(plain[i], indexed[i]);
      }
    }
  }
}

TEST(VacancyIndex, AdjoiningVacanciesCountFromTheStartOfTheirRun) {
  Unit unit;
  unit.zone = "kern";
  unit.floor_area_m2 = 100;
  auto interval = [](Day from, std::optional<Day> to, OccupancyKind kind) {
    OccupancyInterval i;
    i.from = from;
    i.to = to;
    i.kind = kind;
    return i;
  };
  unit.occupancy = {interval(D(2014, 1, 1), D(2015, 1, 1), OccupancyKind::kVacant),
                    interval(D(2015, 1, 1), D(2016, 1, 1), OccupancyKind::kVacant),
                    interval(D(2016, 1, 1), std::nullopt, OccupancyKind::kVacant)};
  std::vector<Unit> units{unit};
  VacancyIndex index(units);
  VacancyFigures f = VacancyOn(index, D(2017, 1, 2));
  EXPECT_EQ(f.vacant, 1);
  EXPECT_EQ(f.over_3y, 1) << "vacant since 1-1-2014, not since 1-1-2016";
  EXPECT_EQ(VacancyOn(index, D(2017, 1, 1)).from_1y_to_3y, 1);
}

TEST(VacancyIndex, HousingTransformationAndNonOutletsAreOutsideTheStock) {
  std::vector<Unit> units(3);
  for (Unit& u : units) {
    u.zone = "z";
    u.floor_area_m2 = 50;
    OccupancyInterval i;
    i.from = D(2015, 1, 1);
    u.occupancy = {i};
  }
  units[0].occupancy[0].kind = OccupancyKind::kHousing;
  units[1].occupancy[0].kind = OccupancyKind::kTransformation;
  units[2].outlet = false;
  VacancyIndex index(units);
  EXPECT_EQ(index.intervals(), 0u);
  EXPECT_EQ(VacancyOn(index, D(2018, 1, 1)).outlets, 0);
}

}  // namespace
}  // namespace stadshart::property
