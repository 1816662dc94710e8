// Parsing of years, months, dates and date ranges (parse_dates.cc), through Parse.
#include <gtest/gtest.h>

#include "hours/parse.h"
#include "hours/test_support.h"

namespace stadshart::hours {
namespace {

using testing::Normalised;

TEST(ParseDates, YearsMonthsDatesAndEasterRoundTrip) {
  EXPECT_EQ(Normalised("2025 Dec 24 10:00-16:00"), "2025 Dec 24 10:00-16:00");
  EXPECT_EQ(Normalised("Nov-Feb Mo-Sa 10:00-17:00"), "Nov-Feb Mo-Sa 10:00-17:00");
  EXPECT_EQ(Normalised("Dec 11,15-17,24 off"), "Dec 11,Dec 15-17,Dec 24 off");
  EXPECT_EQ(Normalised("easter -2 days-easter +1 day off"), "easter -2 days-easter +1 day off");
  EXPECT_EQ(Normalised("2020-2030/2,2040+ Jan 01 off"), "2020-2030/2,2040+ Jan 01 off");
}

TEST(ParseDates, MonthAndNthWeekdayIsADateOnlyInARangeOrWithAnOffset) {
  EXPECT_EQ(Normalised("Mar Su[-1]-Oct Su[-1] 10:00-18:00"), "Mar Su[-1]-Oct Su[-1] 10:00-18:00");
  EXPECT_EQ(Normalised("Sep Sa[1] +2 days off"), "Sep Sa[1] +2 days off");
  // found by the differential test: opening_hours.js reads a month and a list of nth weekdays here
  EXPECT_EQ(Normalised("2025 Jun Sa[1], Tu[2] 10:00-12:00"), "2025 Jun Sa[1],Tu[2] 10:00-12:00");
  EXPECT_FALSE(Parse("Jun Mo[1,3] 10:00-12:00").ok());  // as opening_hours.js: one nth weekday after a month
  EXPECT_EQ(Normalised("Mo[1,3] 10:00-12:00"), "Mo[1,3] 10:00-12:00");
}

TEST(ParseDates, RejectsDaysThatDoNotExistAndReversedRanges) {
  for (const char* bad : {"Jun 31", "Feb 30", "Dec 24-20", "2014-2012", "2014/0", "2025 Jan 01-Feb 02"}) {
    EXPECT_FALSE(Parse(bad).ok()) << bad;
  }
  EXPECT_EQ(Normalised("Feb 29 off"), "Feb 29 off");
}

}  // namespace
}  // namespace stadshart::hours
