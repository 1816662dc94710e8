#include "hours/evaluate.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include "hours/parse.h"

namespace stadshart::hours {
namespace {

using namespace std::chrono_literals;

// "2025-03-30T01:00:00Z"
Instant Utc(const char* text) {
  std::istringstream in(text);
  Instant t;
  in >> date::parse("%Y-%m-%dT%H:%M:%SZ", t);
  return t;
}

Evaluator Make(std::string_view expression, EvaluationContext context = {}) {
  Result<Parsed> parsed = Parse(expression);
  EXPECT_TRUE(parsed.ok()) << expression << ": " << (parsed.ok() ? "" : parsed.problem().message);
  Result<Evaluator> evaluator = Evaluator::Create(std::move(parsed.value().schedule), std::move(context));
  EXPECT_TRUE(evaluator.ok());
  return std::move(evaluator).value();
}

TEST(Evaluate, WeekdayRangeGivesOneIntervalPerDayInLocalTime) {
  Evaluator e = Make("Mo-Fr 09:00-18:00");
  std::vector<Interval> got = e.Intervals(Utc("2025-06-02T00:00:00Z"), Utc("2025-06-09T00:00:00Z"));
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0].from, Utc("2025-06-02T07:00:00Z"));  // 09:00 CEST
  EXPECT_EQ(got[0].to, Utc("2025-06-02T16:00:00Z"));
  EXPECT_FALSE(got[0].unknown);
  EXPECT_EQ(got[4].from, Utc("2025-06-06T07:00:00Z"));
}

TEST(Evaluate, SpringForwardDayIsTwentyThreeHoursLong) {
  Evaluator e = Make("24/7");
  // Sunday 2025-03-30 in Europe/Amsterdam: 00:00 CET (23:00Z the day before) to 00:00 CEST (22:00Z)
  std::vector<Evaluator::Piece> day = e.DayPieces(date::sys_days{date::year{2025} / 3 / 30});
  ASSERT_EQ(day.size(), 1u);
  EXPECT_EQ(day[0].from, Utc("2025-03-29T23:00:00Z"));
  EXPECT_EQ(day[0].to, Utc("2025-03-30T22:00:00Z"));
}

TEST(Evaluate, RangeOverTheSkippedHourOnSpringForwardDay) {
  Evaluator e = Make("Su 01:00-04:00");
  std::vector<Interval> got = e.Intervals(Utc("2025-03-29T12:00:00Z"), Utc("2025-03-31T00:00:00Z"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].from, Utc("2025-03-30T00:00:00Z"));  // 01:00 CET
  EXPECT_EQ(got[0].to, Utc("2025-03-30T02:00:00Z"));    // 04:00 CEST: two real hours
}

TEST(Evaluate, FallBackDayIsTwentyFiveHoursLong) {
  Evaluator e = Make("Su 00:00-24:00");
  std::vector<Interval> got = e.Intervals(Utc("2025-10-25T00:00:00Z"), Utc("2025-10-28T00:00:00Z"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].from, Utc("2025-10-25T22:00:00Z"));  // 00:00 CEST
  EXPECT_EQ(got[0].to, Utc("2025-10-26T23:00:00Z"));    // 24:00 CET
  EXPECT_EQ(got[0].to - got[0].from, 25h);
}

TEST(Evaluate, ShopHoursOnFallBackDayUseWinterTimeAfterTheChange) {
  Evaluator e = Make("Su 12:00-17:00");
  std::vector<Interval> got = e.Intervals(Utc("2025-10-26T00:00:00Z"), Utc("2025-10-27T00:00:00Z"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].from, Utc("2025-10-26T11:00:00Z"));  // 12:00 CET
  EXPECT_EQ(got[0].to, Utc("2025-10-26T16:00:00Z"));
}

TEST(Evaluate, RangePastMidnightSpillsIntoTheNextDay) {
  Evaluator e = Make("Fr 22:00-02:00");
  std::vector<Interval> got = e.Intervals(Utc("2025-06-02T00:00:00Z"), Utc("2025-06-09T00:00:00Z"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].from, Utc("2025-06-06T20:00:00Z"));  // Friday 22:00 CEST
  EXPECT_EQ(got[0].to, Utc("2025-06-07T00:00:00Z"));    // Saturday 02:00 CEST
  EXPECT_EQ(e.StateAt(Utc("2025-06-06T23:30:00Z")).state, RuleState::kOpen);  // Saturday 01:30
  EXPECT_EQ(e.StateAt(Utc("2025-06-07T00:30:00Z")).state, RuleState::kClosed);
}

TEST(Evaluate, TimesPastMidnightWrittenAsTwentySixHundred) {
  Evaluator a = Make("Sa 20:00-26:00");
  Evaluator b = Make("Sa 20:00-02:00");
  Instant from = Utc("2025-06-01T00:00:00Z");
  Instant to = Utc("2025-06-15T00:00:00Z");
  EXPECT_EQ(a.Intervals(from, to), b.Intervals(from, to));
}

TEST(Evaluate, WrapAroundAcrossSpringForwardNight) {
  Evaluator e = Make("Sa 22:00-04:00");
  std::vector<Interval> got = e.Intervals(Utc("2025-03-29T00:00:00Z"), Utc("2025-03-31T00:00:00Z"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].from, Utc("2025-03-29T21:00:00Z"));  // 22:00 CET
  EXPECT_EQ(got[0].to, Utc("2025-03-30T02:00:00Z"));    // 04:00 CEST: five real hours
}

TEST(Evaluate, LaterNormalRuleReplacesTheDay) {
  Evaluator e = Make("Mo-Fr 09:00-18:00; We 12:00-14:00");
  std::vector<Interval> got = e.Intervals(Utc("2025-06-04T00:00:00Z"), Utc("2025-06-05T00:00:00Z"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].from, Utc("2025-06-04T10:00:00Z"));
}

TEST(Evaluate, ClosedWithTimesOnlyClosesThoseTimes) {
  Evaluator e = Make("10:00-14:00; 12:00-13:00 off");
  std::vector<Interval> got = e.Intervals(Utc("2025-06-04T00:00:00Z"), Utc("2025-06-05T00:00:00Z"));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].to, Utc("2025-06-04T10:00:00Z"));
  EXPECT_EQ(got[1].from, Utc("2025-06-04T11:00:00Z"));
}

TEST(Evaluate, FallbackFillsOnlyTheClosedTimes) {
  Evaluator e = Make("Mo 10:00-12:00 || \"op afspraak\"");
  std::vector<Interval> got = e.Intervals(Utc("2025-06-01T22:00:00Z"), Utc("2025-06-02T22:00:00Z"));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_TRUE(got[0].unknown);
  EXPECT_EQ(got[0].comment, "op afspraak");
  EXPECT_FALSE(got[1].unknown);
  EXPECT_TRUE(got[2].unknown);
}

TEST(Evaluate, OpenEndIsUnknownUntilTheGuessedClosingTime) {
  Evaluator e = Make("Fr 18:00+");
  State s = e.StateAt(Utc("2025-06-06T22:00:00Z"));  // Saturday 00:00
  EXPECT_EQ(s.state, RuleState::kUnknown);
  EXPECT_EQ(s.comment, "Specified as open end. Closing time was guessed.");
  EXPECT_EQ(e.StateAt(Utc("2025-06-07T03:00:00Z")).state, RuleState::kClosed);  // 05:00, after 18:00 + 10 h
}

TEST(Evaluate, PublicHolidaysUseTheConfiguredCalendarAndNameTheDay) {
  EvaluationContext context;
  context.public_holidays = DutchPublicHolidays();
  Evaluator e = Make("Mo-Sa 09:00-18:00; PH off \"feestdag\"", context);
  State s = e.StateAt(Utc("2025-04-26T10:00:00Z"));  // Saturday 26 April 2025: Koningsdag
  EXPECT_EQ(s.state, RuleState::kClosed);
  EXPECT_EQ(s.comment, "feestdag");
  Evaluator named = Make("PH 12:00-16:00", context);
  State easter_monday = named.StateAt(Utc("2025-04-21T12:00:00Z"));
  EXPECT_EQ(easter_monday.state, RuleState::kOpen);
  EXPECT_EQ(easter_monday.comment, "Tweede Paasdag");
}

TEST(Evaluate, CreateRefusesPublicHolidaysWithoutCalendar) {
  Result<Parsed> parsed = Parse("Mo-Fr 09:00-18:00; PH off");
  ASSERT_TRUE(parsed.ok());
  Result<Evaluator> e = Evaluator::Create(parsed.value().schedule, EvaluationContext{});
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.problem().message.find("PH"), std::string::npos);
}

TEST(Evaluate, CreateRefusesUnknownTimeZone) {
  EvaluationContext context;
  context.time_zone = "Europe/Atlantis";
  Result<Evaluator> e = Evaluator::Create(Parse("24/7").value().schedule, context);
  EXPECT_FALSE(e.ok());
}

TEST(Evaluate, NextChangeFindsTheOpeningTimeAndIgnoresCommentOnlyChanges) {
  Evaluator e = Make("Mo-Fr 09:00-18:00");
  EXPECT_EQ(e.NextChange(Utc("2025-06-07T10:00:00Z"), Utc("2026-01-01T00:00:00Z")), Utc("2025-06-09T07:00:00Z"));
  Evaluator always = Make("24/7");
  EXPECT_EQ(always.NextChange(Utc("2025-06-07T10:00:00Z"), Utc("2026-01-01T00:00:00Z")), std::nullopt);
}

TEST(Evaluate, SunTimesFollowTheLocation) {
  EvaluationContext context;
  context.location = Location{52.0907, 5.1214};  // Utrecht
  Evaluator e = Make("sunrise-sunset", context);
  std::vector<Interval> got = e.Intervals(Utc("2025-06-21T00:00:00Z"), Utc("2025-06-22T00:00:00Z"));
  ASSERT_EQ(got.size(), 1u);
  // Utrecht, 21 June 2025: sunrise about 05:19 CEST, sunset about 22:05 CEST
  EXPECT_NEAR(static_cast<double>((got[0].from - Utc("2025-06-21T03:19:00Z")).count()), 0, 180);
  EXPECT_NEAR(static_cast<double>((got[0].to - Utc("2025-06-21T20:05:00Z")).count()), 0, 180);
}

TEST(Evaluate, NthWeekdayAndEasterDates) {
  Evaluator last_sunday = Make("Su[-1] 12:00-17:00");
  std::vector<Interval> got = last_sunday.Intervals(Utc("2025-06-01T00:00:00Z"), Utc("2025-07-01T00:00:00Z"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].from, Utc("2025-06-29T10:00:00Z"));
  Evaluator good_friday = Make("easter -2 days 10:00-12:00");
  got = good_friday.Intervals(Utc("2025-01-01T00:00:00Z"), Utc("2026-01-01T00:00:00Z"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].from, Utc("2025-04-18T08:00:00Z"));
}

// The compiled week (weekday templates, evaluator.h) against rule-by-rule evaluation: the same schedule with a
// year selector 1900-2200 added to every rule is not weekly and is always built rule by rule. Two years with
// holidays, daylight-saving days and past-midnight spills, in two zones.
TEST(Evaluate, CompiledWeekGivesTheSameAsRuleByRuleEvaluation) {
  const char* expressions[] = {
      "Mo-Fr 09:00-18:00; Sa 10:00-17:00; Su,PH off",
      "Mo-Sa 10:00-18:00; Th 10:00-21:00; PH off",
      "Mo-Fr 08:00-12:30,13:30-17:30; Sa 08:00-12:00",
      "Mo-Th 11:00-23:00; Fr-Sa 11:00-02:00; Su 12:00-23:00",
      "Mo-Fr 10:00-18:00; Sa 10:00-17:00; Su 12:00-17:00 \"koopzondag\"; PH off",
      "Mo-Fr 08:00-20:00; Sa 08:00-18:00; Su 10:00-18:00; PH 10:00-16:00",
      "Fr-Sa 22:00-04:00; PH +1 day 12:00-14:00; PH -1 day off",
      "Mo-Su 17:00+; We off",
      "Mo-Fr 09:00-17:00 || \"op afspraak\"",
      "24/7; Su 01:00-04:00 off; Sa 02:30-03:30 closed",
      "Tu-Th 10:00-16:00, 18:00-20:00; Mo 00:00-24:00; Su 20:00-26:00",
      "Mo 12:00-14:00 open \"lunch\"; Mo 13:00-13:30 unknown",
  };
  for (const char* zone : {"Europe/Amsterdam", "America/New_York"}) {
    for (const char* expression : expressions) {
      EvaluationContext context;
      context.time_zone = zone;
      context.public_holidays = DutchPublicHolidays({.good_friday = true});
      Result<Parsed> parsed = Parse(expression);
      ASSERT_TRUE(parsed.ok()) << expression;
      Schedule dated = parsed.value().schedule;
      for (Rule& r : dated.rules) r.years.push_back({YearRange{1900, 2200, 1}});
      Evaluator weekly = Evaluator::Create(parsed.value().schedule, context).value();
      Evaluator by_rule = Evaluator::Create(dated, context).value();
      Instant from = Utc("2024-12-20T00:00:00Z");
      Instant to = Utc("2026-01-10T00:00:00Z");
      ASSERT_EQ(weekly.Intervals(from, to), by_rule.Intervals(from, to)) << zone << " " << expression;
      for (Instant t = from; t < to; t += 97min) {
        ASSERT_EQ(weekly.StateAt(t), by_rule.StateAt(t)) << zone << " " << expression << " " << t.time_since_epoch().count();
      }
      for (Instant t = from; t < to; t += 1001min) {
        ASSERT_EQ(weekly.NextChange(t, t + date::days{30}), by_rule.NextChange(t, t + date::days{30}))
            << zone << " " << expression;
      }
      for (date::sys_days d{date::year{2025} / 3 / 28}; d < date::sys_days{date::year{2025} / 4 / 3}; d += date::days{1}) {
        std::vector<Evaluator::Piece> a = weekly.DayPieces(d);
        std::vector<Evaluator::Piece> b = by_rule.DayPieces(d);
        ASSERT_EQ(a.size(), b.size()) << expression;
        for (std::size_t i = 0; i < a.size(); ++i) {
          EXPECT_EQ(a[i].from, b[i].from);
          EXPECT_EQ(a[i].to, b[i].to);
          EXPECT_EQ(a[i].state, b[i].state);
        }
      }
    }
  }
}

}  // namespace
}  // namespace stadshart::hours
