#include "property/synthetic.h"

#include <gtest/gtest.h>

#include "property/register_csv.h"

namespace stadshart::property {
namespace {

using namespace std::chrono;

TEST(Synthetic, IsDeterministicForASeed) {
  SyntheticOptions options{.units = 500, .seed = 7};
  Register a = SyntheticRegister(options);
  Register b = SyntheticRegister(options);
  EXPECT_EQ(UnitsCsv(a), UnitsCsv(b));
  EXPECT_EQ(OccupancyCsv(a), OccupancyCsv(b));
  EXPECT_EQ(BusinessesCsv(a), BusinessesCsv(b));
  options.seed = 8;
  EXPECT_NE(OccupancyCsv(SyntheticRegister(options)), OccupancyCsv(a));
}

TEST(Synthetic, HasTheCountsAskedForAndValidRecords) {
  Register reg = SyntheticRegister({.units = 2000, .seed = 1});
  ASSERT_EQ(reg.units.size(), 2000u);
  EXPECT_EQ(reg.businesses.size(), 1600u);
  size_t intervals = 0;
  for (const Unit& u : reg.units) {
    EXPECT_TRUE(CheckUnit(u, reg.zones).empty()) << u.bag_id;
    EXPECT_TRUE(CheckHistory(u.occupancy).ok()) << u.bag_id;
    ASSERT_FALSE(u.occupancy.empty());
    EXPECT_FALSE(u.occupancy.back().to) << "the last interval is open";
    for (const OccupancyInterval& i : u.occupancy) {
      EXPECT_EQ(i.kind == OccupancyKind::kInUse, i.business_id.has_value());
      if (i.business_id) {
        EXPECT_NE(reg.FindBusiness(*i.business_id), nullptr);
      }
    }
    intervals += u.occupancy.size();
  }
  for (const Business& b : reg.businesses) EXPECT_TRUE(CheckBusiness(b).empty()) << b.vestiging;
  // About four intervals per unit over ten years.
  EXPECT_GT(intervals, 3 * reg.units.size());
  EXPECT_LT(intervals, 5 * reg.units.size());
  // The synthetic CSV passes the importer's parsing.
  EXPECT_TRUE(ParseUnitsCsv(UnitsCsv(reg)).ok());
  EXPECT_TRUE(ParseBusinessesCsv(BusinessesCsv(reg)).ok());
  EXPECT_TRUE(ParseOccupancyCsv(OccupancyCsv(reg)).ok());
}

TEST(Synthetic, VacancyIsRealisticThroughoutThePeriod) {
  Register reg = SyntheticRegister({.units = 5000, .seed = 3});
  for (int y = 2015; y <= 2024; ++y) {
    VacancyFigures f = VacancyOn(reg.units, sys_days{year{y} / July / 1});
    EXPECT_GT(f.RateCount(), 0.10) << y;
    EXPECT_LT(f.RateCount(), 0.20) << y;
    EXPECT_GT(f.up_to_1y + f.from_1y_to_3y + f.over_3y, 0);
  }
}

}  // namespace
}  // namespace stadshart::property
