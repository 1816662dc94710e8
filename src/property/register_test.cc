#include "property/register.h"

#include <gtest/gtest.h>

namespace stadshart::property {
namespace {

using namespace std::chrono;

Day D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

OccupancyInterval In(Day from, std::optional<Day> to, std::int64_t business) {
  return {.from = from, .to = to, .kind = OccupancyKind::kInUse, .business_id = business};
}
OccupancyInterval K(Day from, std::optional<Day> to, OccupancyKind kind) { return {.from = from, .to = to, .kind = kind}; }

Unit U(std::int64_t id, std::string street, int number, std::string zone, std::vector<OccupancyInterval> history,
       Floor floor = Floor::kGround) {
  Unit u;
  u.id = id;
  u.street = std::move(street);
  u.number = number;
  u.zone = std::move(zone);
  u.floor = floor;
  u.outlet = floor == Floor::kGround;
  u.floor_area_m2 = 100;
  u.bag_id = "010601000000000" + std::to_string(id % 10);
  u.occupancy = std::move(history);
  return u;
}

Business B(std::int64_t id, Function f, int jobs) {
  Business b;
  b.id = id;
  b.name = "Zaak " + std::to_string(id);
  b.function = f;
  b.jobs = jobs;
  return b;
}

// A small centre: the core wants retail and horeca; the approach streets services, culture, horeca, housing.
Register Centre() {
  Register reg;
  reg.zones = {{"kernwinkelgebied", "Kern", {Function::kFashion, Function::kDaily, Function::kHoreca}},
               {"aanloopstraten", "Aanloop", {Function::kServices, Function::kCulture, Function::kHoreca, Function::kHousing}}};
  reg.businesses = {B(1, Function::kFashion, 4), B(2, Function::kServices, 3), B(3, Function::kFashion, 2),
                    B(4, Function::kHoreca, 6)};
  reg.units = {
      U(1, "Kruisstraat", 1, "kernwinkelgebied", {In(D(2015, 1, 1), std::nullopt, 1)}),
      U(2, "Kruisstraat", 3, "kernwinkelgebied", {K(D(2016, 5, 1), std::nullopt, OccupancyKind::kVacant)}),
      U(3, "Kruisstraat", 5, "kernwinkelgebied", {In(D(2015, 1, 1), std::nullopt, 2)}),  // services in the core
      U(4, "Oudestraat", 2, "aanloopstraten", {In(D(2015, 1, 1), D(2018, 6, 1), 3),
                                               K(D(2018, 6, 1), std::nullopt, OccupancyKind::kVacant)}),
      U(5, "Oudestraat", 4, "aanloopstraten", {In(D(2015, 1, 1), std::nullopt, 3)}),  // fashion, not intended
      U(6, "Oudestraat", 6, "aanloopstraten",
        {K(D(2017, 1, 1), std::nullopt, OccupancyKind::kTemporary)}),
      U(7, "Oudestraat", 8, "aanloopstraten", {K(D(2016, 1, 1), std::nullopt, OccupancyKind::kVacant)}),
      U(8, "Kruisstraat", 2, "kernwinkelgebied", {K(D(2019, 2, 1), std::nullopt, OccupancyKind::kVacant)}),
      U(9, "Kruisstraat", 1, "kernwinkelgebied", {K(D(2010, 1, 1), std::nullopt, OccupancyKind::kHousing)},
        Floor::kUpper),
      U(10, "Oudestraat", 4, "aanloopstraten", {K(D(2010, 1, 1), std::nullopt, OccupancyKind::kVacant)}, Floor::kUpper),
  };
  reg.units[5].occupancy[0].temporary_user = "Pop-up";
  reg.units[5].occupancy[0].temporary_end = D(2020, 3, 1);
  return reg;
}

TEST(Register, FindsByIdAndFunctionOnADay) {
  Register reg = Centre();
  ASSERT_NE(reg.FindUnit(4), nullptr);
  EXPECT_EQ(reg.FindUnit(4)->street, "Oudestraat");
  EXPECT_EQ(reg.FindUnit(99), nullptr);
  EXPECT_EQ(FunctionOn(reg, *reg.FindUnit(4), D(2017, 1, 1)), Function::kFashion);
  EXPECT_EQ(FunctionOn(reg, *reg.FindUnit(4), D(2019, 1, 1)), std::nullopt) << "vacant has no function";
  EXPECT_EQ(FunctionOn(reg, *reg.FindUnit(9), D(2019, 1, 1)), Function::kHousing);
}

TEST(Register, MismatchesListVacantCoreUnitsFirstLongestVacantFirst) {
  Register reg = Centre();
  auto list = Mismatches(reg, D(2020, 1, 1));
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].unit->id, 2);  // vacant in the core since 2016
  EXPECT_EQ(list[0].reason, Mismatch::Reason::kVacantInCore);
  EXPECT_EQ(list[1].unit->id, 8);  // since 2019
  // Then functions their zone does not intend, zone by zone in the register's order: services in the core,
  // fashion in an approach street; the upper-floor dwelling is "wonen boven winkels", not a mismatch.
  EXPECT_EQ(list[2].unit->id, 3);
  EXPECT_EQ(list[2].function, Function::kServices);
  EXPECT_EQ(list[3].unit->id, 5);
  EXPECT_EQ(list[3].reason, Mismatch::Reason::kFunctionNotIntended);
}

TEST(Register, TemporaryPortfolioCountsDownToTheAgreedEnd) {
  Register reg = Centre();
  auto list = TemporaryPortfolio(reg, D(2020, 2, 1));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].unit->id, 6);
  EXPECT_EQ(list[0].days_left, 29);
  EXPECT_EQ(TemporaryPortfolio(reg, D(2020, 4, 1))[0].days_left, -31) << "overdue";
  EXPECT_TRUE(TemporaryPortfolio(reg, D(2016, 1, 1)).empty());
}

TEST(Register, UpperFloors) {
  UpperFloorState s = UpperFloors(Centre(), D(2020, 1, 1));
  EXPECT_EQ(s.units, 2);
  EXPECT_EQ(s.housing, 1);
  EXPECT_EQ(s.vacant, 1);
  EXPECT_EQ(UpperFloors(Centre(), D(2020, 1, 1), {.zone = "kernwinkelgebied"}).units, 1);
}

TEST(Register, MonthlyActivityCountsEachBusinessOnceWithItsJobs) {
  Register reg = Centre();
  auto months = MonthlyActivity(reg, D(2018, 5, 20), D(2018, 7, 1));
  ASSERT_EQ(months.size(), 3u);
  EXPECT_EQ(months[0].day, D(2018, 5, 1));
  // Business 3 uses two units until June: counted once.
  EXPECT_EQ(months[0].businesses, 3);
  EXPECT_EQ(months[0].jobs, 4 + 3 + 2);
  EXPECT_EQ(months[1].businesses, 3) << "still in unit 5";
  EXPECT_EQ(MonthlyActivity(reg, D(2018, 5, 1), D(2018, 5, 1), {.zone = "kernwinkelgebied"})[0].businesses, 2);
  EXPECT_EQ(ActivityOn(reg, D(2018, 6, 1)).businesses, 3);
  EXPECT_EQ(ActivityOn(reg, D(2014, 6, 1)).businesses, 0);
  EXPECT_EQ(ActivityOn(reg, D(2018, 5, 31)).jobs, 9);
}

TEST(Register, FindUnitsSearchesAddressAndStateInAddressOrder) {
  Register reg = Centre();
  auto all = FindUnits(reg, {});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all.value().size(), 10u);
  EXPECT_EQ(all.value()[0]->id, 1);  // Kruisstraat 1, ground floor before upper floor
  EXPECT_EQ(all.value()[1]->id, 9);
  EXPECT_EQ(all.value()[2]->id, 8);  // Kruisstraat 2
  auto found = FindUnits(reg, {.text = "OUDESTRAAT 4"});
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value().size(), 2u);
  auto vacant = FindUnits(reg, {.filter = {.zone = "aanloopstraten"}, .state_on = D(2019, 1, 1), .state = "vacant"});
  ASSERT_TRUE(vacant.ok());
  ASSERT_EQ(vacant.value().size(), 3u);
  auto none = FindUnits(reg, {.state_on = D(2015, 6, 1), .state = "none"});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none.value().size(), 4u);  // units 2, 6, 7, 8 had no state yet
  EXPECT_FALSE(FindUnits(reg, {.state_on = D(2015, 6, 1), .state = "bewoond"}).ok());
}

TEST(Register, ScenarioTransformsChosenUnitsWithoutTouchingTheRegister) {
  Register reg = Centre();
  Scenario scenario{.name = "Oudestraat wonen", .date = D(2020, 1, 1), .target = Function::kHousing,
                    .vacant_retail_outside_core = true};
  auto result = Evaluate(reg, scenario);
  ASSERT_TRUE(result.ok()) << result.error().message;
  // Unit 4 was fashion before it fell vacant, unit 7 never had a use: both go. Unit 10 is no outlet.
  EXPECT_EQ(result.value().units, (std::vector<std::int64_t>{4, 7}));
  const ScenarioZoneResult& whole = result.value().zones[0];
  EXPECT_EQ(whole.zone, "");
  EXPECT_EQ(whole.before.outlets, 8);
  EXPECT_EQ(whole.before.vacant, 4);
  EXPECT_EQ(whole.after.outlets, 6);
  EXPECT_EQ(whole.after.vacant, 2);
  const ScenarioZoneResult& core = result.value().zones[1];
  EXPECT_EQ(core.zone, "kernwinkelgebied");
  EXPECT_EQ(core.before.vacant, core.after.vacant);
  EXPECT_EQ(reg.FindUnit(4)->occupancy.size(), 2u) << "the register itself is unchanged";

  // To a function instead: the units stay in the stock, now in use.
  Scenario to_services{.name = "Diensten", .date = D(2020, 1, 1), .target = Function::kServices, .unit_ids = {2}};
  auto services = Evaluate(reg, to_services);
  ASSERT_TRUE(services.ok());
  EXPECT_EQ(services.value().zones[0].after.outlets, 8);
  EXPECT_EQ(services.value().zones[0].after.vacant, 3);

  Scenario bad{.name = "", .date = D(2020, 1, 1), .unit_ids = {42}};
  auto refused = Evaluate(reg, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field_errors.size(), 2u);
}

TEST(Records, IdentifiersAreChecked) {
  EXPECT_FALSE(CheckBagId("0106010000012345").has_value());
  EXPECT_TRUE(CheckBagId("0106020000012345").has_value()) << "a pand id (type 10/20), not a verblijfsobject";
  EXPECT_TRUE(CheckBagId("010601000001234").has_value());
  EXPECT_TRUE(CheckBagId("01060100000123a5").has_value());
  EXPECT_FALSE(CheckKvk("01234567").has_value());
  EXPECT_TRUE(CheckKvk("1234567").has_value());
  EXPECT_FALSE(CheckVestiging("000012345678").has_value());
  EXPECT_TRUE(CheckVestiging("12345678").has_value());
  EXPECT_FALSE(CheckSbi("4771").has_value());
  EXPECT_TRUE(CheckSbi("47.71").has_value());
  EXPECT_EQ(NormalisePostcode("9401ab"), "9401 AB");
  EXPECT_FALSE(CheckPostcode("9401ab").has_value());
  EXPECT_TRUE(CheckPostcode("0401 AB").has_value());
  EXPECT_EQ(ParseFunction("22"), Function::kFashion);
  EXPECT_EQ(ParseFunction("horeca"), Function::kHoreca);
  EXPECT_EQ(ParseFunction("00"), std::nullopt) << "00 is Locatus' code for vacancy, not a function";
}

TEST(Records, UnitAndBusinessChecksNameEveryBadField) {
  Unit unit;
  unit.street = "";
  unit.number = 0;
  unit.bag_id = "123";
  unit.zone = "nergens";
  unit.lat = 52.99;
  auto errors = CheckUnit(unit, std::vector<Zone>{{"kernwinkelgebied"}});
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"street", "number", "bag_id", "lat", "zone"}));
  Business business;
  business.name = "Zaak";
  business.kvk = "12345678";
  business.vestiging = "000012345678";
  business.function = Function::kHousing;
  business.memberships = {"onbekend"};
  business.website = "javascript:alert(1)";
  fields.clear();
  for (const auto& e : CheckBusiness(business)) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"function", "memberships", "website"}));
}

}  // namespace
}  // namespace stadshart::property
