#include "property/demo_register.h"

#include <gtest/gtest.h>

#include <set>

#include "property/register.h"
#include "property/vacancy.h"

namespace stadshart::property {
namespace {

using namespace std::chrono;

const Day kToday = sys_days{2026y / November / 28};

const DemoRegister& Demo() {
  static const DemoRegister demo = AssenDemoRegister(kToday);
  return demo;
}

TEST(DemoRegister, HasTheSizeOfAssensCentre) {
  const DemoRegister& demo = Demo();
  EXPECT_GE(demo.units.size(), 520u);
  EXPECT_LE(demo.units.size(), 580u);
  // About 430 businesses in the centre around 2018 (more have come and gone over the years).
  Register reg{demo.units, demo.businesses, {}};
  auto activity = MonthlyActivity(reg, sys_days{2018y / January / 1}, sys_days{2018y / January / 1});
  ASSERT_EQ(activity.size(), 1u);
  EXPECT_GE(activity[0].businesses, 390);
  EXPECT_LE(activity[0].businesses, 470);
}

TEST(DemoRegister, VacancyOnFirstJanuary2018IsThePlansFigure) {
  VacancyFigures f = VacancyOn(Demo().units, sys_days{2018y / January / 1});
  EXPECT_NEAR(f.RateCount(), 0.219, 0.005) << f.vacant << " of " << f.outlets;
}

TEST(DemoRegister, TellsTheStoryOfTheCentre) {
  const auto& units = Demo().units;
  VacancyFigures core2018 = VacancyOn(units, sys_days{2018y / January / 1}, {.zone = "kernwinkelgebied"});
  VacancyFigures approach2018 = VacancyOn(units, sys_days{2018y / January / 1}, {.zone = "aanloopstraten"});
  EXPECT_GT(approach2018.RateCount(), core2018.RateCount()) << "retail leaves the approach streets first";
  VacancyFigures y2015 = VacancyOn(units, sys_days{2015y / January / 1});
  VacancyFigures y2018 = VacancyOn(units, sys_days{2018y / January / 1});
  VacancyFigures now = VacancyOn(units, kToday);
  EXPECT_LT(y2015.RateCount(), y2018.RateCount()) << "vacancy climbed towards 2018";
  EXPECT_LT(now.RateCount(), y2018.RateCount()) << "and came down after the plan";
  EXPECT_LT(now.outlets, y2018.outlets) << "units left the stock (transformed to housing)";
  int housing_after_2019 = 0, temporary = 0;
  for (const Unit& unit : units) {
    for (const OccupancyInterval& i : unit.occupancy) {
      if (i.kind == OccupancyKind::kHousing && i.from >= sys_days{2019y / January / 1} && unit.floor == Floor::kGround) {
        ++housing_after_2019;
      }
      if (i.kind == OccupancyKind::kTemporary) ++temporary;
    }
  }
  EXPECT_GE(housing_after_2019, 10);
  EXPECT_GE(temporary, 10);
  int with_coordinates = 0;
  for (const Unit& unit : units) with_coordinates += unit.lat.has_value();
  EXPECT_GT(with_coordinates, static_cast<int>(units.size()) * 3 / 4);
  EXPECT_LT(with_coordinates, static_cast<int>(units.size())) << "some units need the street plan";
}

TEST(DemoRegister, EveryRecordIsValidAndUnique) {
  std::vector<Zone> zones{{"kernwinkelgebied"}, {"aanloopstraten"}, {"horecagebied"}, {"overig"}};
  std::set<std::string> bag_ids, vestigingen;
  for (const Unit& unit : Demo().units) {
    EXPECT_EQ(CheckUnit(unit, zones).size(), 0u) << unit.Address() << ": " << CheckUnit(unit, zones).front().message;
    EXPECT_TRUE(CheckHistory(unit.occupancy).ok()) << unit.Address();
    EXPECT_FALSE(unit.occupancy.empty()) << unit.Address();
    EXPECT_TRUE(bag_ids.insert(unit.bag_id).second) << unit.bag_id;
    for (const OccupancyInterval& i : unit.occupancy) {
      if (i.kind == OccupancyKind::kInUse) {
        ASSERT_TRUE(i.business_id.has_value());
        EXPECT_GE(*i.business_id, 1);
        EXPECT_LE(*i.business_id, static_cast<std::int64_t>(Demo().businesses.size()));
      }
      EXPECT_LE(i.from, kToday);
    }
  }
  for (size_t i = 0; i < Demo().businesses.size(); ++i) {
    const Business& b = Demo().businesses[i];
    EXPECT_EQ(b.id, static_cast<std::int64_t>(i) + 1);
    auto errors = CheckBusiness(b);
    EXPECT_TRUE(errors.empty()) << b.name << ": " << (errors.empty() ? "" : errors.front().message);
    EXPECT_TRUE(vestigingen.insert(b.vestiging).second) << b.vestiging;
    EXPECT_TRUE(b.website.ends_with(".example")) << "fictitious businesses have no real website";
  }
}

TEST(DemoRegister, IsTheSameEveryTime) {
  DemoRegister again = AssenDemoRegister(kToday);
  ASSERT_EQ(again.units.size(), Demo().units.size());
  ASSERT_EQ(again.businesses.size(), Demo().businesses.size());
  for (size_t i = 0; i < again.units.size(); ++i) {
    EXPECT_EQ(again.units[i].occupancy.size(), Demo().units[i].occupancy.size());
  }
}

}  // namespace
}  // namespace stadshart::property
