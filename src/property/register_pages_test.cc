// The pure helpers of the register's pages: search, paging, the street plan, months.
#include <gtest/gtest.h>

#include "property/register_pages.h"

namespace stadshart::property::pages {
namespace {

using std::chrono::year;

Day D(int y, unsigned m, unsigned d) { return Day{year{y} / m / d}; }

Unit U(std::int64_t id, std::string street, int number, std::string letter = "", std::string zone = "kernwinkelgebied") {
  Unit u;
  u.id = id;
  u.street = std::move(street);
  u.number = number;
  u.letter = std::move(letter);
  u.zone = std::move(zone);
  u.postcode = "9401 AB";
  return u;
}

Register Sample() {
  Register reg;
  reg.units = {U(1, "Kruisstraat", 12), U(2, "Brink", 3, "", "horecagebied"), U(3, "Kruisstraat", 2),
               U(4, "Kruisstraat", 12, "a"), U(5, "Brink", 1, "", "horecagebied")};
  reg.units[0].occupancy = {{.from = D(2015, 1, 1), .kind = OccupancyKind::kVacant}};
  reg.units[2].occupancy = {{.from = D(2015, 1, 1), .to = D(2020, 1, 1), .kind = OccupancyKind::kVacant},
                            {.from = D(2020, 1, 1), .kind = OccupancyKind::kHousing}};
  reg.units[2].lat = 52.99;
  reg.units[2].lon = 6.56;
  reg.businesses = {{.id = 1, .name = "Bakkerij Zonnig", .kvk = "12345678"}, {.id = 2, .name = "Anna's Boeken"}};
  return reg;
}

std::vector<std::int64_t> Ids(const std::vector<const Unit*>& units) {
  std::vector<std::int64_t> ids;
  for (const Unit* u : units) ids.push_back(u->id);
  return ids;
}

TEST(SearchUnitsTest, ListsEveryUnitInAddressOrderWithoutAQuery) {
  Register reg = Sample();
  EXPECT_EQ(Ids(SearchUnits(reg, {.day = D(2019, 1, 1)})), (std::vector<std::int64_t>{5, 2, 3, 1, 4}));
}

TEST(SearchUnitsTest, MatchesPartOfTheAddressIgnoringCase) {
  Register reg = Sample();
  EXPECT_EQ(Ids(SearchUnits(reg, {.text = "kruisstraat 12", .day = D(2019, 1, 1)})), (std::vector<std::int64_t>{1, 4}));
  EXPECT_EQ(Ids(SearchUnits(reg, {.text = "  BRINK ", .day = D(2019, 1, 1)})), (std::vector<std::int64_t>{5, 2}));
}

TEST(SearchUnitsTest, FiltersByZoneStreetAndStateOnTheDay) {
  Register reg = Sample();
  EXPECT_EQ(Ids(SearchUnits(reg, {.zone = "horecagebied", .day = D(2019, 1, 1)})), (std::vector<std::int64_t>{5, 2}));
  EXPECT_EQ(Ids(SearchUnits(reg, {.street = "Kruisstraat", .state = "vacant", .day = D(2019, 1, 1)})),
            (std::vector<std::int64_t>{3, 1}));
  EXPECT_EQ(Ids(SearchUnits(reg, {.state = "vacant", .day = D(2021, 1, 1)})), (std::vector<std::int64_t>{1}))
      << "unit 3 became housing in 2020";
  EXPECT_EQ(Ids(SearchUnits(reg, {.state = "none", .day = D(2021, 1, 1)})), (std::vector<std::int64_t>{5, 2, 4}));
}

TEST(SearchBusinessesTest, MatchesNameOrKvkAndSortsByName) {
  Register reg = Sample();
  auto all = SearchBusinesses(reg, "", std::nullopt);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]->name, "Anna's Boeken");
  ASSERT_EQ(SearchBusinesses(reg, "zonnig", std::nullopt).size(), 1u);
  ASSERT_EQ(SearchBusinesses(reg, "345", std::nullopt).size(), 1u);
  EXPECT_TRUE(SearchBusinesses(reg, "", Function::kHoreca).empty());
}

TEST(PaginateTest, ClampsThePageAndCutsTheList) {
  Slice s = Paginate(120, 2, 50);
  EXPECT_EQ(s.pages, 3);
  EXPECT_EQ(s.page, 2);
  EXPECT_EQ(s.begin, 50u);
  EXPECT_EQ(s.end, 100u);
  s = Paginate(120, 9, 50);
  EXPECT_EQ(s.page, 3);
  EXPECT_EQ(s.begin, 100u);
  EXPECT_EQ(s.end, 120u);
  s = Paginate(0, -4, 50);
  EXPECT_EQ(s.pages, 1);
  EXPECT_EQ(s.page, 1);
  EXPECT_EQ(s.begin, s.end);
}

TEST(StreetPlanTest, GroupsUnitsPerStreetInAddressOrder) {
  Register reg = Sample();
  auto rows = StreetPlan(reg, "", false);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].street, "Brink");
  EXPECT_EQ(Ids(rows[0].units), (std::vector<std::int64_t>{5, 2}));
  EXPECT_EQ(rows[1].street, "Kruisstraat");
  EXPECT_EQ(Ids(rows[1].units), (std::vector<std::int64_t>{3, 1, 4})) << "2, 12, 12a";
}

TEST(StreetPlanTest, CanLeaveOutUnitsTheMapShowsAndFilterByZone) {
  Register reg = Sample();
  auto rows = StreetPlan(reg, "kernwinkelgebied", true);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(Ids(rows[0].units), (std::vector<std::int64_t>{1, 4})) << "unit 3 has coordinates";
}

TEST(MonthTest, ParsesAndWritesMonths) {
  EXPECT_EQ(ParseMonth("2019-03"), D(2019, 3, 1));
  EXPECT_FALSE(ParseMonth("2019-13").has_value());
  EXPECT_FALSE(ParseMonth("2019-3").has_value());
  EXPECT_FALSE(ParseMonth("").has_value());
  EXPECT_EQ(FormatMonth(D(2019, 3, 17)), "2019-03");
  EXPECT_EQ(DutchMonth(D(2019, 3, 17)), "mrt 2019");
  EXPECT_EQ(DutchMonth(D(2026, 10, 1)), "okt 2026");
}

}  // namespace
}  // namespace stadshart::property::pages
