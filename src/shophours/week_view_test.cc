#include "shophours/week_view.h"

#include <gtest/gtest.h>

#include "hours/parse.h"
#include "shophours/shop_hours.h"

namespace stadshart::shophours {
namespace {

using namespace std::chrono;

Day D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }
Instant At(int y, unsigned m, unsigned d, int hh, int mm) {  // UTC
  return sys_days{year{y} / month{m} / day{d}} + std::chrono::hours{hh} + minutes{mm};
}

hours::Evaluator Eval(const std::string& expression) {
  auto e = Compile({1, expression, {}}, ContextFor({}));
  EXPECT_TRUE(e.ok()) << expression;
  return std::move(e).value();
}

TEST(Week, ReadableDutchWeekWithSplitDaysAndClosedDays) {
  auto week = Week(Eval("Mo 13:00-18:00; Tu-Fr 09:30-12:30,13:30-18:00; Sa 09:30-17:00"), D(2025, 6, 2), Amsterdam());
  ASSERT_EQ(week.size(), 7u);
  EXPECT_EQ(week[0].weekday, "Ma");
  EXPECT_EQ(week[0].text, "13:00–18:00");
  EXPECT_EQ(week[1].text, "09:30–12:30, 13:30–18:00");
  EXPECT_EQ(week[6].weekday, "Zo");
  EXPECT_EQ(week[6].text, "gesloten");
  EXPECT_FALSE(week[6].open);
}

TEST(Week, ANightRangeStaysOnTheDayItStarts) {
  auto week = Week(Eval("Mo 00:00-24:00; Fr-Sa 20:00-02:00"), D(2025, 6, 2), Amsterdam());
  EXPECT_EQ(week[0].text, "hele dag");
  EXPECT_EQ(week[4].text, "20:00–02:00");
  EXPECT_EQ(week[5].text, "20:00–02:00");
  EXPECT_EQ(week[6].text, "gesloten");
}

TEST(Week, HolidayNameAsComment) {
  // Whit Monday 9 June 2025.
  auto week = Week(Eval("Mo-Sa 10:00-17:00; PH 12:00-16:00"), D(2025, 6, 9), Amsterdam());
  EXPECT_EQ(week[0].text, "12:00–16:00");
  EXPECT_EQ(week[0].comment, "Tweede Pinksterdag");
}

TEST(NextChangeText, SaysWhenInDutchWallClockTime) {
  auto shop = Eval("Mo-Sa 09:30-18:00");
  auto zone = Amsterdam();
  // Monday 2 June 2025 12:00 in Amsterdam is 10:00 UTC: open, closes at 18:00.
  Instant noon = At(2025, 6, 2, 10, 0);
  EXPECT_EQ(NextChangeText(shop.StateAt(noon).state, shop.NextChange(noon, noon + days{8}), noon, zone),
            "sluit om 18:00");
  // 20:00 local: opens tomorrow at 9:30.
  Instant evening = At(2025, 6, 2, 18, 0);
  EXPECT_EQ(NextChangeText(shop.StateAt(evening).state, shop.NextChange(evening, evening + days{8}), evening, zone),
            "opent morgen om 9:30");
  // Saturday 20:00: opens Monday.
  Instant saturday = At(2025, 6, 7, 18, 0);
  EXPECT_EQ(NextChangeText(shop.StateAt(saturday).state, shop.NextChange(saturday, saturday + days{8}), saturday, zone),
            "opent maandag om 9:30");
  // Early morning: opens today.
  Instant early = At(2025, 6, 3, 5, 0);
  EXPECT_EQ(NextChangeText(shop.StateAt(early).state, shop.NextChange(early, early + days{8}), early, zone),
            "opent om 9:30");
  EXPECT_EQ(NextChangeText(hours::RuleState::kOpen, std::nullopt, early, zone), "blijft open");
  EXPECT_EQ(NextChangeText(hours::RuleState::kClosed, std::nullopt, early, zone), "de komende week niet open");
}

TEST(NextChangeText, CorrectOnTheDaylightSavingDays) {
  auto shop = Eval("Su 01:00-04:00");
  auto zone = Amsterdam();
  // 30 March 2025: 02:00 local jumps to 03:00. At 00:30 UTC it is 01:30 CET: open, closes at 04:00 CEST (02:00 UTC).
  Instant at = At(2025, 3, 30, 0, 30);
  EXPECT_EQ(shop.StateAt(at).state, hours::RuleState::kOpen);
  auto next = shop.NextChange(at, at + days{8});
  ASSERT_TRUE(next);
  EXPECT_EQ(*next, At(2025, 3, 30, 2, 0));
  EXPECT_EQ(NextChangeText(hours::RuleState::kOpen, next, at, zone), "sluit om 4:00");
  // 26 October 2025: 03:00 CEST becomes 02:00 CET. Closing at 04:00 CET is 03:00 UTC.
  Instant autumn = At(2025, 10, 26, 1, 30);  // 02:30 CET (second pass)
  auto autumn_next = shop.NextChange(autumn, autumn + days{8});
  ASSERT_TRUE(autumn_next);
  EXPECT_EQ(*autumn_next, At(2025, 10, 26, 3, 0));
  EXPECT_EQ(NextChangeText(hours::RuleState::kOpen, autumn_next, autumn, zone), "sluit om 4:00");
}

TEST(ParseInstant, UtcOffsetsAndAmsterdamWallClock) {
  auto zone = Amsterdam();
  EXPECT_EQ(ParseInstant("2025-03-30T01:30:00Z", zone), At(2025, 3, 30, 1, 30));
  EXPECT_EQ(ParseInstant("2025-03-30T03:30:00+02:00", zone), At(2025, 3, 30, 1, 30));
  EXPECT_EQ(ParseInstant("2025-03-30T00:30-01:00", zone), At(2025, 3, 30, 1, 30));
  EXPECT_EQ(ParseInstant("2025-06-02T14:00", zone), At(2025, 6, 2, 12, 0));
  EXPECT_EQ(ParseInstant("2025-03-30T02:30", zone), At(2025, 3, 30, 1, 0));  // in the gap: 03:00 CEST
  EXPECT_EQ(IsoLocal(At(2025, 10, 26, 3, 0), zone), "2025-10-26T04:00:00+01:00");
  for (const char* bad : {"", "2025-06-02", "2025-06-02 14:00", "2025-06-02T24:00", "2025-02-30T10:00", "2025-06-02T14:00+2",
                          "2025-06-02T14:00:00Zx", "2025-06-02T14:0a"}) {
    EXPECT_FALSE(ParseInstant(bad, zone)) << bad;
  }
}

TEST(LocalInstant, GapMovesForwardAndRepeatedHourTakesTheFirst) {
  auto zone = Amsterdam();
  EXPECT_EQ(LocalInstant(D(2025, 3, 30), 150, zone), At(2025, 3, 30, 1, 0));  // 02:30 does not exist -> 03:00 CEST
  EXPECT_EQ(LocalInstant(D(2025, 10, 26), 150, zone), At(2025, 10, 26, 0, 30));  // first 02:30 is CEST
  EXPECT_EQ(MondayOf(D(2025, 6, 8)), D(2025, 6, 2));
  EXPECT_EQ(WeekdayIndex(D(2025, 6, 8)), 6);
}

}  // namespace
}  // namespace stadshart::shophours
