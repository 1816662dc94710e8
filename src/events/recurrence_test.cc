#include "events/recurrence.h"

#include <gtest/gtest.h>

namespace stadshart::events {
namespace {

using namespace std::chrono;

Instant Utc(const char* text) { return ParseUtc(text).value(); }

EventRecord Weekly(const char* start, const char* end, std::string rrule) {
  EventRecord e;
  e.uid = "markt@test";
  e.start = Utc(start);
  e.end = Utc(end);
  e.rrule = std::move(rrule);
  return e;
}

std::vector<std::string> Starts(const std::vector<Occurrence>& occurrences) {
  std::vector<std::string> out;
  for (const Occurrence& o : occurrences) out.push_back(FormatAmsterdamIso(o.start));
  return out;
}

TEST(AmsterdamTime, SpringGapTakesTheOffsetBeforeIt) {
  // Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 does not exist and reads as 03:30 CEST.
  LocalTime gap = local_days{2026y / March / 29} + hours{2} + minutes{30};
  EXPECT_EQ(FormatUtc(FromAmsterdam(gap)), "2026-03-29T01:30:00Z");
  EXPECT_EQ(FormatAmsterdamIso(FromAmsterdam(gap)), "2026-03-29T03:30:00+02:00");
}

TEST(AmsterdamTime, AutumnOverlapTakesSummerTime) {
  // Sunday 25 October 2026: 02:30 happens twice; the first is CEST (00:30Z).
  LocalTime twice = local_days{2026y / October / 25} + hours{2} + minutes{30};
  EXPECT_EQ(FormatUtc(FromAmsterdam(twice)), "2026-10-25T00:30:00Z");
  EXPECT_EQ(ToAmsterdam(Utc("2026-10-25T01:30:00Z")), twice) << "the second 02:30 is CET";
}

TEST(Expand, WeeklyMarketKeepsItsWallClockAcrossTheMarchChange) {
  // Saturday market 08:00-13:00 from 21 March 2026 (CET) through the change on 29 March.
  EventRecord market = Weekly("2026-03-21T07:00:00Z", "2026-03-21T12:00:00Z", "FREQ=WEEKLY;BYDAY=SA");
  auto occurrences = Expand(market, Utc("2026-03-01T00:00:00Z"), Utc("2026-04-12T00:00:00Z"));
  EXPECT_EQ(Starts(occurrences), (std::vector<std::string>{"2026-03-21T08:00:00+01:00", "2026-03-28T08:00:00+01:00",
                                                           "2026-04-04T08:00:00+02:00", "2026-04-11T08:00:00+02:00"}));
  EXPECT_EQ(FormatUtc(occurrences[2].start), "2026-04-04T06:00:00Z");
  EXPECT_EQ(occurrences[2].end - occurrences[2].start, hours{5});
}

TEST(Expand, SundayEventOnTheOctoberChangeDay) {
  // Every Sunday 12:00-17:00 (koopzondag-like) from 18 October 2026; 25 October is the change day itself.
  EventRecord sunday = Weekly("2026-10-18T10:00:00Z", "2026-10-18T15:00:00Z", "FREQ=WEEKLY;BYDAY=SU;COUNT=3");
  auto occurrences = Expand(sunday, Utc("2026-10-01T00:00:00Z"), Utc("2027-01-01T00:00:00Z"));
  EXPECT_EQ(Starts(occurrences), (std::vector<std::string>{"2026-10-18T12:00:00+02:00", "2026-10-25T12:00:00+01:00",
                                                           "2026-11-01T12:00:00+01:00"}));
  EXPECT_EQ(FormatUtc(occurrences[1].start), "2026-10-25T11:00:00Z");
}

TEST(Expand, ExdateLeavesOutAndAChangeCancelsOrMoves) {
  EventRecord market = Weekly("2026-03-21T07:00:00Z", "2026-03-21T12:00:00Z", "FREQ=WEEKLY;BYDAY=SA");
  market.exdates = {Utc("2026-03-28T07:00:00Z")};
  market.changes.push_back({Utc("2026-04-04T06:00:00Z"), true, std::nullopt, std::nullopt});
  market.changes.push_back({Utc("2026-04-11T06:00:00Z"), false, Utc("2026-04-11T08:00:00Z"), std::nullopt});
  auto occurrences = Expand(market, Utc("2026-03-20T00:00:00Z"), Utc("2026-04-12T00:00:00Z"));
  ASSERT_EQ(occurrences.size(), 3u);
  EXPECT_FALSE(occurrences[0].cancelled);
  EXPECT_TRUE(occurrences[1].cancelled);
  EXPECT_TRUE(occurrences[1].changed);
  EXPECT_EQ(FormatAmsterdamIso(occurrences[2].start), "2026-04-11T10:00:00+02:00");
  EXPECT_EQ(FormatAmsterdamIso(occurrences[2].recurrence_id), "2026-04-11T08:00:00+02:00");
  EXPECT_EQ(occurrences[2].end - occurrences[2].start, hours{5});
}

TEST(Expand, UnboundedRuleIsBoundedByTheRange) {
  EventRecord daily = Weekly("2019-01-01T09:00:00Z", "2019-01-01T10:00:00Z", "FREQ=DAILY");
  auto occurrences = Expand(daily, Utc("2030-06-01T00:00:00Z"), Utc("2030-06-08T00:00:00Z"));
  ASSERT_EQ(occurrences.size(), 7u);
  EXPECT_EQ(FormatAmsterdamIso(occurrences[0].start), "2030-06-01T10:00:00+02:00");
  EXPECT_EQ(Expand(daily, Utc("2030-06-01T00:00:00Z"), Utc("2031-06-01T00:00:00Z"), 20).size(), 20u);
}

TEST(Expand, SingleEventOverlappingTheRangeBoundaries) {
  EventRecord once = Weekly("2026-12-06T11:00:00Z", "2026-12-06T16:00:00Z", "");
  EXPECT_EQ(Expand(once, Utc("2026-12-06T15:00:00Z"), Utc("2026-12-07T00:00:00Z")).size(), 1u);
  EXPECT_TRUE(Expand(once, Utc("2026-12-06T16:00:00Z"), Utc("2026-12-07T00:00:00Z")).empty());
  EXPECT_TRUE(Expand(once, Utc("2026-12-01T00:00:00Z"), Utc("2026-12-06T11:00:00Z")).empty());
}

TEST(Expand, RdatesAddOccurrences) {
  EventRecord e = Weekly("2026-06-06T10:00:00Z", "2026-06-06T12:00:00Z", "FREQ=MONTHLY;COUNT=2");
  e.rdates = {Utc("2026-06-20T10:00:00Z")};
  EXPECT_EQ(Expand(e, Utc("2026-06-01T00:00:00Z"), Utc("2026-08-01T00:00:00Z")).size(), 3u);
}

TEST(Expand, AllDayOccurrencesAreWholeAmsterdamDaysAcrossTheMarchChange) {
  // Saturdays and Sundays, all day, from 20 March 2027; Sunday 28 March is the change day: 23 hours long.
  EventRecord weekend = Weekly("2027-03-19T23:00:00Z", "2027-03-20T23:00:00Z", "FREQ=WEEKLY;BYDAY=SA,SU;COUNT=6");
  weekend.all_day = true;
  auto occurrences = Expand(weekend, Utc("2027-03-01T00:00:00Z"), Utc("2027-05-01T00:00:00Z"));
  ASSERT_EQ(occurrences.size(), 6u);
  std::vector<std::string> days;
  for (const Occurrence& o : occurrences) days.push_back(FormatAmsterdamIso(o.start) + " " + FormatAmsterdamIso(o.end));
  EXPECT_EQ(days, (std::vector<std::string>{
                      "2027-03-20T00:00:00+01:00 2027-03-21T00:00:00+01:00",
                      "2027-03-21T00:00:00+01:00 2027-03-22T00:00:00+01:00",
                      "2027-03-27T00:00:00+01:00 2027-03-28T00:00:00+01:00",
                      "2027-03-28T00:00:00+01:00 2027-03-29T00:00:00+02:00",
                      "2027-04-03T00:00:00+02:00 2027-04-04T00:00:00+02:00",
                      "2027-04-04T00:00:00+02:00 2027-04-05T00:00:00+02:00",
                  }));
  EXPECT_EQ(occurrences[3].end - occurrences[3].start, hours{23});
}

TEST(Expand, TwoDayAllDayEventOverTheOctoberChangeLasts49Hours) {
  // The 30th of every month, two days; 30-31 October 2027 holds the change (31 October).
  EventRecord fair = Weekly("2027-08-29T22:00:00Z", "2027-08-31T22:00:00Z", "FREQ=MONTHLY;COUNT=4");
  fair.all_day = true;
  auto occurrences = Expand(fair, Utc("2027-08-01T00:00:00Z"), Utc("2028-01-01T00:00:00Z"));
  ASSERT_EQ(occurrences.size(), 4u);
  EXPECT_EQ(FormatAmsterdamIso(occurrences[2].start), "2027-10-30T00:00:00+02:00");
  EXPECT_EQ(FormatAmsterdamIso(occurrences[2].end), "2027-11-01T00:00:00+01:00");
  EXPECT_EQ(occurrences[2].end - occurrences[2].start, hours{49});
  EXPECT_EQ(FormatAmsterdamIso(occurrences[3].end), "2027-12-02T00:00:00+01:00");
}

TEST(Expand, AllDayExdateAndChangeMatchTheirDayAsTheFeedsDateValuesDo) {
  // The feed writes EXDATE;VALUE=DATE and RECURRENCE-ID;VALUE=DATE: whatever time of day was given, the day counts.
  EventRecord weekend = Weekly("2027-03-19T23:00:00Z", "2027-03-20T23:00:00Z", "FREQ=WEEKLY;BYDAY=SA,SU;COUNT=6");
  weekend.all_day = true;
  weekend.exdates = {Utc("2027-03-21T11:00:00Z")};                          // Sunday 21 March, at noon
  weekend.changes.push_back({Utc("2027-03-27T09:00:00Z"), true, std::nullopt, std::nullopt});  // Saturday 27th, 10:00
  weekend.changes.push_back({Utc("2027-03-27T23:00:00Z"), false, Utc("2027-03-29T22:00:00Z"), std::nullopt});  // 28th to 30th
  auto occurrences = Expand(weekend, Utc("2027-03-01T00:00:00Z"), Utc("2027-05-01T00:00:00Z"));
  ASSERT_EQ(occurrences.size(), 5u);
  EXPECT_EQ(FormatAmsterdamIso(occurrences[1].start), "2027-03-27T00:00:00+01:00");
  EXPECT_TRUE(occurrences[1].cancelled);
  EXPECT_EQ(FormatAmsterdamIso(occurrences[2].recurrence_id), "2027-03-28T00:00:00+01:00");
  EXPECT_EQ(FormatAmsterdamIso(occurrences[2].start), "2027-03-30T00:00:00+02:00");
  EXPECT_EQ(FormatAmsterdamIso(occurrences[2].end), "2027-03-31T00:00:00+02:00") << "a moved day is a whole day";
}

TEST(Expand, AllDayUntilIncludesItsDay) {
  // UNTIL as a DATE (the value type of an all-day DTSTART, RFC 5545) or as UTC midnight of that date: 18 April is in.
  for (const char* until : {"20270418", "20270418T000000Z"}) {
    EventRecord weekend = Weekly("2027-03-12T23:00:00Z", "2027-03-13T23:00:00Z",
                                 std::string("FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=") + until);
    weekend.all_day = true;
    auto occurrences = Expand(weekend, Utc("2027-03-01T00:00:00Z"), Utc("2027-05-01T00:00:00Z"));
    ASSERT_EQ(occurrences.size(), 12u) << until;
    EXPECT_EQ(FormatAmsterdamIso(occurrences.back().start), "2027-04-18T00:00:00+02:00") << until;
  }
  // An unbounded all-day rule skipped ahead still starts at midnight.
  EventRecord daily = Weekly("2019-01-01T23:00:00Z", "2019-01-02T23:00:00Z", "FREQ=DAILY");
  daily.all_day = true;
  auto later = Expand(daily, Utc("2030-06-01T00:00:00Z"), Utc("2030-06-08T00:00:00Z"));
  ASSERT_EQ(later.size(), 8u) << "1 June (it overlaps 00:00Z = 02:00 local) to 8 June (begins 22:00Z on the 7th)";
  EXPECT_EQ(FormatAmsterdamIso(later[0].start), "2030-06-01T00:00:00+02:00");
  EXPECT_EQ(FormatAmsterdamIso(later[0].end), "2030-06-02T00:00:00+02:00");
  EXPECT_EQ(FormatAmsterdamIso(later.back().start), "2030-06-08T00:00:00+02:00");
}

TEST(CheckRrule, LibicalDecides) {
  EXPECT_FALSE(CheckRrule("FREQ=WEEKLY;BYDAY=SA").has_value());
  EXPECT_FALSE(CheckRrule("RRULE:FREQ=MONTHLY;BYDAY=1SU;COUNT=10").has_value());
  EXPECT_TRUE(CheckRrule("FREQ=FORTNIGHTLY").has_value());
  EXPECT_TRUE(CheckRrule("elke zaterdag").has_value());
  EXPECT_TRUE(CheckRrule("").has_value());
  EXPECT_TRUE(CheckRrule("FREQ=MINUTELY").has_value()) << "events do not repeat every minute";
}

}  // namespace
}  // namespace stadshart::events
