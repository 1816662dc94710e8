// Parsing of times, sun times, open ends and periods (parse_times.cc), through Parse.
#include <gtest/gtest.h>

#include "hours/parse.h"
#include "hours/test_support.h"

namespace stadshart::hours {
namespace {

using testing::Normalised;

TEST(ParseTimes, TimesSunOpenEndRulesAndCommentsRoundTrip) {
  EXPECT_EQ(Normalised("Fr-Sa 22:00-04:00, Su 20:00-26:00"), "Fr-Sa 22:00-04:00, Su 20:00-26:00");
  EXPECT_EQ(Normalised("Tu 23:59-48:00"), "Tu 23:59-48:00");
  EXPECT_EQ(Normalised("(sunrise+01:00)-(sunset-00:30); dawn-dusk"), "(sunrise+01:00)-(sunset-00:30); dawn-dusk");
  EXPECT_EQ(Normalised("Mo-Fr 09:00-17:00 || \"op afspraak\""), "Mo-Fr 09:00-17:00 || \"op afspraak\"");
  EXPECT_EQ(Normalised("Mo 10:00-12:00 unknown \"bel even\""), "Mo 10:00-12:00 unknown \"bel even\"");
}

TEST(ParseTimes, PointsInTimeOnlyWhereTheTagTakesThem) {
  ParseOptions points;
  points.mode = TimeMode::kPoints;
  EXPECT_EQ(Normalised("Mo-Fr 10:00-16:00/90", points), "Mo-Fr 10:00-16:00/01:30");
  EXPECT_EQ(Normalised("Mo 12:00,15:00", points), "Mo 12:00,15:00");
  EXPECT_FALSE(Parse("Mo 12:00").ok());
  EXPECT_FALSE(Parse("Mo 12:00-14:00", points).ok());
}

TEST(ParseTimes, TimesWithoutColonAreReadWithAWarning) {
  Result<Parsed> parsed = Parse("Mo 0900-1730");
  ASSERT_TRUE(parsed.ok()) << parsed.problem().message;
  EXPECT_EQ(parsed.value().normalised, "Mo 09:00-17:30");
  ASSERT_FALSE(parsed.value().warnings.empty());
  EXPECT_EQ(parsed.value().warnings[0].message, "a time without ':' was read as HH:MM");
}

}  // namespace
}  // namespace stadshart::hours
