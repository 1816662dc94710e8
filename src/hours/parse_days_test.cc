// Parsing of ISO weeks, weekdays and holidays (parse_days.cc), through Parse.
#include <gtest/gtest.h>

#include "hours/parse.h"
#include "hours/test_support.h"

namespace stadshart::hours {
namespace {

using testing::Normalised;

TEST(ParseDays, WeeksNthWeekdaysAndHolidaysRoundTrip) {
  EXPECT_EQ(Normalised("week 01-53/2 Fr 09:00-12:00"), "week 01-53/2 Fr 09:00-12:00");
  EXPECT_EQ(Normalised("week 30-31/2 Fr 09:00-12:00"), "week 30-31/2 Fr 09:00-12:00");  // a step past the end: week 30
  EXPECT_EQ(Normalised("Su[1],Su[-1] 12:00-17:00"), "Su[1],Su[-1] 12:00-17:00");
  EXPECT_EQ(Normalised("Sa[-1] +1 day 10:00-12:00"), "Sa[-1] +1 day 10:00-12:00");
  EXPECT_EQ(Normalised("PH -1 day 09:00-16:00; SH Mo-Fr 10:00-15:00"), "PH -1 day 09:00-16:00; SH Mo-Fr 10:00-15:00");
}

TEST(ParseDays, RejectsWeeksAndNthOutsideTheirRange) {
  for (const char* bad : {"week 00", "week 54", "week 40-30", "week 01-10/27", "week 01-10/1", "Su[6]", "Sa[1,0,3]", "Su-PH"}) {
    EXPECT_FALSE(Parse(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace stadshart::hours
