#include "hours/sun.h"

#include <gtest/gtest.h>

namespace stadshart::hours {
namespace {

double MinutesAfterMidnightUtc(std::chrono::sys_seconds t, date::year_month_day day) {
  return static_cast<double>((t - std::chrono::sys_seconds{date::sys_days{day}}).count()) / 60.0;
}

TEST(Sun, UtrechtMidsummerMatchesPublishedTimes) {
  auto day = date::year{2025} / 6 / 21;
  SunTimes s = SunTimesOn(day, 52.0907, 5.1214);
  // KNMI/timeanddate: sunrise 05:19 CEST (03:19Z), sunset 22:05 CEST (20:05Z)
  EXPECT_NEAR(MinutesAfterMidnightUtc(s.sunrise, day), 3 * 60 + 19, 2);
  EXPECT_NEAR(MinutesAfterMidnightUtc(s.sunset, day), 20 * 60 + 5, 2);
  EXPECT_LT(s.dawn, s.sunrise);
  EXPECT_GT(s.dusk, s.sunset);
}

TEST(Sun, UtrechtMidwinterMatchesPublishedTimes) {
  auto day = date::year{2025} / 12 / 21;
  SunTimes s = SunTimesOn(day, 52.0907, 5.1214);
  // sunrise 08:47 CET (07:47Z), sunset 16:29 CET (15:29Z)
  EXPECT_NEAR(MinutesAfterMidnightUtc(s.sunrise, day), 7 * 60 + 47, 2);
  EXPECT_NEAR(MinutesAfterMidnightUtc(s.sunset, day), 15 * 60 + 29, 2);
}

TEST(Sun, PolarNightCollapsesToSolarNoon) {
  auto day = date::year{2025} / 12 / 21;
  SunTimes s = SunTimesOn(day, 78.22, 15.65);  // Longyearbyen
  EXPECT_EQ(s.sunrise, s.sunset);
}

}  // namespace
}  // namespace stadshart::hours
