// Inputs found by the parser's fuzz target (fuzz/parse_fuzz.cc, scripts/fuzz-hours.sh), kept as regression tests
// of the properties it checks: the normalised form parses again to itself, and evaluation keeps intervals ordered.
#include <gtest/gtest.h>

#include "hours/evaluate.h"
#include "hours/parse.h"

namespace stadshart::hours {
namespace {

// The normalised form parses to itself and means the same: equal intervals over a week.
void ExpectStableNormalisedForm(const std::string& input) {
  Result<Parsed> parsed = Parse(input);
  ASSERT_TRUE(parsed.ok()) << input;
  Result<Parsed> again = Parse(parsed.value().normalised);
  ASSERT_TRUE(again.ok()) << parsed.value().normalised;
  EXPECT_EQ(again.value().normalised, parsed.value().normalised) << input;
  Evaluator a = Evaluator::Create(parsed.value().schedule, {}).value();
  Evaluator b = Evaluator::Create(again.value().schedule, {}).value();
  Instant from{std::chrono::seconds{1748815200}};  // Monday 2025-06-02
  EXPECT_EQ(a.Intervals(from, from + std::chrono::days{7}), b.Intervals(from, from + std::chrono::days{7})) << input;
}

// A "," rule of times alone was written back as more times of the rule before it, which changed its meaning.
TEST(ParseFuzzRegressions, AdditionalRuleOfTimesAloneKeepsItsMeaningWhenNormalised) {
  ExpectStableNormalisedForm(
      "Nov-Feb Mo-Sa 10:00-16:00, Su 13:00-16:00; Mar-Oct Mo-Sa 10:00-17:00, off 12:00-13:00, Su 14:00-17:00");
  EXPECT_EQ(Parse("Mo-Sa 10:00-17:00, off 12:00-13:00").value().normalised, "Mo-Sa 10:00-17:00; 12:00-13:00 off");
  ExpectStableNormalisedForm("10:00-11:00, open 12:00-13:00");
  ExpectStableNormalisedForm("Mo 10:00-11:00, unknown 12:00-13:00");
}

// A range within one month that wraps into the next year was written "Jan 11-06", which is refused.
TEST(ParseFuzzRegressions, DateRangeThatWrapsInItsOwnMonthKeepsTheMonthWhenNormalised) {
  EXPECT_EQ(Parse("Jan 11-Jan06").value().normalised, "Jan 11-Jan 06");
  ExpectStableNormalisedForm("Jan 11-Jan06");
  ExpectStableNormalisedForm("Dec 24-Dec 20 10:00-12:00");
}

// A period of 220801 minutes was accepted and written "3680:01", which is refused.
TEST(ParseFuzzRegressions, PeriodLongerThanADayIsRefused) {
  ParseOptions points{TimeMode::kRangesAndPoints};
  EXPECT_FALSE(Parse("SU-Safr21-2/220801mo4:00", points).ok());
  EXPECT_FALSE(Parse("10:00-16:00/1441", points).ok());
  EXPECT_EQ(Parse("10:00-16:00/90", points).value().normalised, "10:00-16:00/01:30");
}

// A run of digits longer than an int overflowed while the lenient pass looked for "10.00" (UBSan; the exact input
// found by the fuzzer).
TEST(ParseFuzzRegressions, LongDigitRunsAreRefusedWithoutOverflow) {
  std::string input = "10." + std::string(112, '4') + "00-14\xff\xff_\xe0" + std::string(1, '\0') +
                      "\x12+u.00; f";
  Result<Parsed> parsed = Parse(input);
  EXPECT_FALSE(parsed.ok());
  EXPECT_FALSE(Parse(std::string(40, '9') + ":00-18:00").ok());
}

// A one-day range of an nth weekday was written "Jan Su[-2]", which reads back as a month and a weekday; in a ','
// list of date ranges that is refused (the exact input found by the fuzzer in make test).
TEST(ParseFuzzRegressions, OneDayRangeOfAnNthWeekdayStaysARange) {
  ExpectStableNormalisedForm(
      "Jan Su[-2]-Jan Su[-2],Feb Su[-2]-Feb Su[-1]: Fr-Su 12:00+; Mar 01-Dec 31: Tu&Su 12:00+; Dec 24-26,Dec 31: off");
  EXPECT_EQ(Parse("Jan Su[-2]-Jan Su[-2],Feb Su[-2]-Feb Su[-1] Fr-Su 12:00+").value().normalised,
            "Jan Su[-2]-Jan Su[-2],Feb Su[-2]-Feb Su[-1] Fr-Su 12:00+");
  EXPECT_EQ(Parse("Dec 25-Dec 25 off").value().normalised, "Dec 25 off");
  ExpectStableNormalisedForm("Feb: Su[5] -1 day 12:00-22:00");  // with an offset it is a date either way
  EXPECT_EQ(Parse("Sep Sa[1] +2 days-Sep Sa[1] +2 days off").value().normalised, "Sep Sa[1] +2 days off");
}

// "We[4,5]abril" (weekday before month, repaired leniently) was written "Apr We[4,5]", which reads as a date with
// two nth values and is refused; the ':' keeps month and weekdays apart.
TEST(ParseFuzzRegressions, MonthBeforeAWeekdayWithSeveralNthKeepsItsColon) {
  ExpectStableNormalisedForm("We[4,5]abril 15:00-12:00");
  EXPECT_EQ(Parse("Apr: We[4,5] 15:00-18:00").value().normalised, "Apr: We[4,5] 15:00-18:00");
  EXPECT_EQ(Parse("Apr: We[4] 15:00-18:00").value().normalised, "Apr We[4] 15:00-18:00");
}

// "week 01-01/2" was written "week 01/2", which is refused (a step needs a range).
TEST(ParseFuzzRegressions, OneWeekRangeWithAStepStaysARange) {
  ExpectStableNormalisedForm("week 01-01/2 00:00-24:00");
  EXPECT_EQ(Parse("week 01-01/2 00:00-24:00").value().normalised, "week 01-01/2 00:00-24:00");
  EXPECT_EQ(Parse("week 05-05 off").value().normalised, "week 05 off");
}

// A year selector with a date range that names a second month ("Jan 05-Feb 20 2012") was written
// "2012 Jan 05-Feb 20", which reads as a range with a year on one side and is refused.
TEST(ParseFuzzRegressions, AYearBesideARangeOfTwoDatesGoesAfterIt) {
  ExpectStableNormalisedForm("Jan Su[1] +2 days-Jan Su[3] -2 days2012");
  ExpectStableNormalisedForm("Jan 05-Feb 20 2012 10:00-12:00");
  EXPECT_EQ(Parse("Jan 05-Feb 20 2012 10:00-12:00").value().normalised, "Jan 05-Feb 20 2012 10:00-12:00");
  EXPECT_EQ(Parse("Jan 05-20 2012 off").value().normalised, "2012 Jan 05-20 off");
  EXPECT_EQ(Parse("2012 Jan 05-2012 Feb 20 off").value().normalised, "2012 Jan 05-2012 Feb 20 off");  // a dated range
}

}  // namespace
}  // namespace stadshart::hours
