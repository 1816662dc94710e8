#include "common/time.h"

#include <gtest/gtest.h>

namespace stadshart {
namespace {

Instant At(const char* utc) { return *ParseUtc(utc); }

TEST(Time, UtcRoundTrips) { EXPECT_EQ(FormatUtc(At("2019-03-31T01:30:00Z")), "2019-03-31T01:30:00Z"); }

TEST(Time, ParseUtcRefusesOtherForms) {
  EXPECT_FALSE(ParseUtc("2019-03-31 01:30"));
  EXPECT_FALSE(ParseUtc("2019-03-31T01:30:00+01:00"));
  EXPECT_FALSE(ParseUtc("gisteren"));
}

TEST(Time, SpringForwardSkipsTwoOClockInAmsterdam) {
  // 31 March 2019: at 02:00 CET the clocks jump to 03:00 CEST.
  EXPECT_EQ(AmsterdamDateTime(At("2019-03-31T00:59:59Z")), "31-03-2019 01:59");
  EXPECT_EQ(AmsterdamDateTime(At("2019-03-31T01:00:00Z")), "31-03-2019 03:00");
}

TEST(Time, FallBackRepeatsTwoOClockInAmsterdam) {
  // 27 October 2019: at 03:00 CEST the clocks go back to 02:00 CET, so 02:30 happens twice.
  EXPECT_EQ(AmsterdamDateTime(At("2019-10-27T00:30:00Z")), "27-10-2019 02:30");
  EXPECT_EQ(AmsterdamDateTime(At("2019-10-27T01:30:00Z")), "27-10-2019 02:30");
}

TEST(Time, AmsterdamDateChangesAtLocalMidnightNotUtcMidnight) {
  EXPECT_EQ(AmsterdamDate(At("2019-06-30T21:59:59Z")), "2019-06-30");
  EXPECT_EQ(AmsterdamDate(At("2019-06-30T22:00:00Z")), "2019-07-01");  // CEST, UTC+2
  EXPECT_EQ(AmsterdamDate(At("2019-12-31T22:59:59Z")), "2019-12-31");  // CET, UTC+1
  EXPECT_EQ(AmsterdamDate(At("2019-12-31T23:00:00Z")), "2020-01-01");
}

TEST(Time, DutchDateNamesTheMonth) {
  EXPECT_EQ(DutchDate("2018-02-07"), "7 februari 2018");
  EXPECT_EQ(DutchDate("2019-13-01"), "2019-13-01");
}

TEST(IsoDay, ParsesOnlyRealDatesInTheStrictForm) {
  using namespace std::chrono;
  EXPECT_EQ(ParseIsoDay("2024-02-29"), sys_days{2024y / February / 29});
  EXPECT_EQ(ParseIsoDay("2023-02-29"), std::nullopt);
  EXPECT_EQ(ParseIsoDay("2019-3-01"), std::nullopt);
  EXPECT_EQ(ParseIsoDay("2019-03-01 "), std::nullopt);
  EXPECT_EQ(ParseIsoDay("0999-03-01"), std::nullopt);
  EXPECT_EQ(ParseIsoDay("2019-13-01"), std::nullopt);
  EXPECT_EQ(FormatIsoDay(sys_days{2019y / March / 1}), "2019-03-01");
}

TEST(IsoDay, TodayIsTheAmsterdamCalendarDay) {
  using namespace std::chrono;
  // 23:30 UTC on 31 March 2019 is already 1 April in Amsterdam (summer time began that night).
  EXPECT_EQ(FormatIsoDay(AmsterdamToday(*ParseUtc("2019-03-31T23:30:00Z"))), "2019-04-01");
  EXPECT_EQ(FormatIsoDay(AmsterdamToday(*ParseUtc("2019-12-31T22:59:59Z"))), "2019-12-31");
}

}  // namespace
}  // namespace stadshart
