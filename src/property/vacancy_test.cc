#include "property/vacancy.h"

#include <gtest/gtest.h>

#include <random>

namespace stadshart::property {
namespace {

using namespace std::chrono;

Day D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

OccupancyInterval I(Day from, std::optional<Day> to, OccupancyKind kind) {
  OccupancyInterval i;
  i.from = from;
  i.to = to;
  i.kind = kind;
  return i;
}

Unit U(std::int64_t id, std::string zone, std::int64_t area, std::vector<OccupancyInterval> history,
       std::string street = "Oudestraat") {
  Unit u;
  u.id = id;
  u.zone = std::move(zone);
  u.street = std::move(street);
  u.floor_area_m2 = area;
  u.occupancy = std::move(history);
  return u;
}

TEST(Vacancy, CountsByNumberAndByFloorArea) {
  std::vector<Unit> units = {
      U(1, "kern", 100, {I(D(2015, 1, 1), std::nullopt, OccupancyKind::kInUse)}),
      U(2, "kern", 300, {I(D(2015, 1, 1), std::nullopt, OccupancyKind::kVacant)}),
      U(3, "aanloop", 100, {I(D(2015, 1, 1), std::nullopt, OccupancyKind::kInUse)}),
      U(4, "aanloop", 500, {I(D(2015, 1, 1), std::nullopt, OccupancyKind::kTemporary)}),
  };
  VacancyFigures f = VacancyOn(units, D(2018, 1, 1));
  EXPECT_EQ(f.outlets, 4);
  EXPECT_EQ(f.vacant, 1);
  EXPECT_DOUBLE_EQ(f.RateCount(), 0.25);
  EXPECT_EQ(f.floor_area_m2, 1000);
  EXPECT_EQ(f.vacant_floor_area_m2, 300);
  EXPECT_DOUBLE_EQ(f.RateFloorArea(), 0.3);
  VacancyFigures kern = VacancyOn(units, D(2018, 1, 1), {.zone = "kern"});
  EXPECT_EQ(kern.outlets, 2);
  EXPECT_DOUBLE_EQ(kern.RateCount(), 0.5);
}

TEST(Vacancy, HousingAndTransformationLeaveTheStockAndAtmsNeverCount) {
  std::vector<Unit> units = {
      U(1, "z", 100, {I(D(2015, 1, 1), D(2017, 1, 1), OccupancyKind::kVacant),
                      I(D(2017, 1, 1), std::nullopt, OccupancyKind::kHousing)}),
      U(2, "z", 100, {I(D(2015, 1, 1), std::nullopt, OccupancyKind::kTransformation)}),
      U(3, "z", 100, {I(D(2015, 1, 1), std::nullopt, OccupancyKind::kVacant)}),
      U(4, "z", 100, {I(D(2015, 1, 1), std::nullopt, OccupancyKind::kInUse)}),
  };
  units.push_back(U(5, "z", 10, {I(D(2015, 1, 1), std::nullopt, OccupancyKind::kVacant)}));
  units.back().outlet = false;  // an ATM
  VacancyFigures before = VacancyOn(units, D(2016, 6, 1));
  EXPECT_EQ(before.outlets, 3);
  EXPECT_EQ(before.vacant, 2);
  VacancyFigures after = VacancyOn(units, D(2017, 6, 1));
  EXPECT_EQ(after.outlets, 2) << "the unit converted to housing is out of numerator and denominator";
  EXPECT_EQ(after.vacant, 1);
}

TEST(Vacancy, NextTenantKnownIsNotVacantButStaysInTheStock) {
  std::vector<Unit> units = {
      U(1, "z", 100, {I(D(2018, 1, 1), std::nullopt, OccupancyKind::kVacantLet)}),
      U(2, "z", 100, {I(D(2018, 1, 1), std::nullopt, OccupancyKind::kInUse)}),
  };
  VacancyFigures f = VacancyOn(units, D(2018, 6, 1));
  EXPECT_EQ(f.outlets, 2);
  EXPECT_EQ(f.vacant, 0);
}

TEST(Vacancy, UnitsWithoutAStateThatDayAreNotCounted) {
  std::vector<Unit> units = {U(1, "z", 100, {I(D(2018, 1, 1), std::nullopt, OccupancyKind::kVacant)})};
  EXPECT_EQ(VacancyOn(units, D(2017, 12, 31)).outlets, 0);
  EXPECT_EQ(VacancyOn(units, D(2018, 1, 1)).outlets, 1);
}

TEST(Vacancy, DurationClassesAtTheirBoundaries) {
  Unit u = U(1, "z", 100, {I(D(2015, 3, 1), std::nullopt, OccupancyKind::kVacant)});
  EXPECT_EQ(DurationOn(u, D(2016, 3, 1)), VacancyDuration::kUpTo1Year);
  EXPECT_EQ(DurationOn(u, D(2016, 3, 2)), VacancyDuration::k1To3Years);
  EXPECT_EQ(DurationOn(u, D(2018, 3, 1)), VacancyDuration::k1To3Years);
  EXPECT_EQ(DurationOn(u, D(2018, 3, 2)), VacancyDuration::kOver3Years);
}

TEST(Vacancy, AVacancySplitOverAdjoiningIntervalsCountsFromItsStart) {
  Unit u = U(1, "z", 100, {I(D(2014, 1, 1), D(2015, 1, 1), OccupancyKind::kInUse),
                           I(D(2015, 1, 1), D(2016, 1, 1), OccupancyKind::kVacant),
                           I(D(2016, 1, 1), std::nullopt, OccupancyKind::kVacant)});
  EXPECT_EQ(DurationOn(u, D(2016, 6, 1)), VacancyDuration::k1To3Years);
  EXPECT_FALSE(DurationOn(u, D(2014, 6, 1)));
}

TEST(Vacancy, LeapDayVacancyIsAYearOnTheLast28February) {
  Unit u = U(1, "z", 100, {I(D(2016, 2, 29), std::nullopt, OccupancyKind::kVacant)});
  EXPECT_EQ(DurationOn(u, D(2017, 2, 28)), VacancyDuration::kUpTo1Year);
  EXPECT_EQ(DurationOn(u, D(2017, 3, 1)), VacancyDuration::k1To3Years);
}

TEST(Vacancy, MonthlyTrendHasTheFirstOfEveryMonth) {
  std::vector<Unit> units = {U(1, "z", 100, {I(D(2018, 1, 1), D(2018, 3, 15), OccupancyKind::kVacant),
                                             I(D(2018, 3, 15), std::nullopt, OccupancyKind::kInUse)})};
  auto trend = MonthlyTrend(units, D(2018, 1, 20), D(2018, 4, 2));
  ASSERT_EQ(trend.size(), 4u);
  EXPECT_EQ(trend[0].day, D(2018, 1, 1));
  EXPECT_EQ(trend[2].vacant, 1);  // 1 March: still vacant
  EXPECT_EQ(trend[3].vacant, 0);  // 1 April: let
}

TEST(Vacancy, MonthlyTrendAgreesWithVacancyOnEveryMonthOnRandomHistories) {
  std::mt19937 random(7);
  std::vector<Unit> units;
  const OccupancyKind kinds[] = {OccupancyKind::kInUse, OccupancyKind::kVacant, OccupancyKind::kVacant,
                                 OccupancyKind::kVacantLet, OccupancyKind::kTemporary, OccupancyKind::kHousing,
                                 OccupancyKind::kTransformation};
  for (int i = 0; i < 400; ++i) {
    std::vector<OccupancyInterval> history;
    Day from = D(2013, 1, 1) + days{static_cast<int>(random() % 700)};
    int count = 1 + static_cast<int>(random() % 6);
    for (int k = 0; k < count; ++k) {
      Day to = from + days{1 + static_cast<int>(random() % 900)};
      history.push_back(I(from, k + 1 < count || random() % 2 ? std::optional<Day>(to) : std::nullopt,
                          kinds[random() % 7]));
      from = to + days{static_cast<int>(random() % 3 == 0 ? random() % 60 : 0)};  // sometimes a gap
    }
    units.push_back(U(i, i % 2 ? "kern" : "aanloop", 10 + i, history));
    units.back().outlet = i % 17 != 0;
  }
  for (const VacancyFilter& filter : {VacancyFilter{}, VacancyFilter{.zone = "kern"}}) {
    auto trend = MonthlyTrend(units, D(2013, 1, 1), D(2021, 12, 31), filter);
    ASSERT_EQ(trend.size(), 108u);
    for (const VacancyFigures& month : trend) {
      VacancyFigures direct = VacancyOn(units, month.day, filter);
      ASSERT_EQ(month.outlets, direct.outlets) << DutchDay(month.day);
      ASSERT_EQ(month.vacant, direct.vacant) << DutchDay(month.day);
      ASSERT_EQ(month.floor_area_m2, direct.floor_area_m2);
      ASSERT_EQ(month.vacant_floor_area_m2, direct.vacant_floor_area_m2);
      ASSERT_EQ(month.up_to_1y, direct.up_to_1y) << DutchDay(month.day);
      ASSERT_EQ(month.from_1y_to_3y, direct.from_1y_to_3y) << DutchDay(month.day);
      ASSERT_EQ(month.over_3y, direct.over_3y) << DutchDay(month.day);
    }
  }
}

TEST(Occupancy, OverlapsAreRefusedNamingTheClashingInterval) {
  std::vector<OccupancyInterval> history = {I(D(2016, 1, 1), D(2019, 3, 1), OccupancyKind::kInUse),
                                            I(D(2019, 3, 1), std::nullopt, OccupancyKind::kVacant)};
  ASSERT_TRUE(CheckHistory(history).ok());
  auto clash = WithInterval(history, I(D(2018, 1, 1), D(2018, 6, 1), OccupancyKind::kTemporary));
  ASSERT_FALSE(clash.ok());
  EXPECT_NE(clash.error().message.find("in gebruik vanaf 1-1-2016 tot 1-3-2019"), std::string::npos)
      << clash.error().message;
  auto after_open = WithInterval(history, I(D(2020, 1, 1), std::nullopt, OccupancyKind::kInUse));
  ASSERT_FALSE(after_open.ok()) << "the open vacancy must be closed first";
  history[1].to = D(2020, 1, 1);
  auto next = WithInterval(history, I(D(2020, 1, 1), std::nullopt, OccupancyKind::kInUse));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next.value().size(), 3u);
}

TEST(Occupancy, AnIntervalMustEndAfterItStarts) {
  EXPECT_FALSE(CheckHistory({I(D(2019, 3, 1), D(2019, 3, 1), OccupancyKind::kVacant)}).ok());
}

TEST(Occupancy, StateOnFindsTheIntervalOfTheDay) {
  Unit u = U(1, "z", 100, {I(D(2016, 1, 1), D(2019, 3, 1), OccupancyKind::kInUse),
                           I(D(2019, 3, 1), std::nullopt, OccupancyKind::kVacant)});
  EXPECT_EQ(StateOn(u, D(2019, 2, 28))->kind, OccupancyKind::kInUse);
  EXPECT_EQ(StateOn(u, D(2019, 3, 1))->kind, OccupancyKind::kVacant);
  EXPECT_EQ(StateOn(u, D(2015, 12, 31)), nullptr);
  EXPECT_EQ(ParseKind(KindCode(OccupancyKind::kVacantLet)), OccupancyKind::kVacantLet);
}

TEST(History, TemporaryUseEndsAfterItStarts) {
  OccupancyInterval t = I(D(2019, 1, 1), std::nullopt, OccupancyKind::kTemporary);
  EXPECT_TRUE(CheckHistory({t}).ok());
  t.temporary_user = "Pop-up";
  t.temporary_end = D(2018, 12, 1);
  auto early = CheckHistory({t});
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field_errors.front().field, "temporary_end");
  t.temporary_end = D(2019, 6, 1);
  EXPECT_TRUE(CheckHistory({t}).ok());
}

}  // namespace
}  // namespace stadshart::property
