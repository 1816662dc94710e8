#include "hours/parse.h"
#include "hours/test_support.h"

#include <gtest/gtest.h>

namespace stadshart::hours {
namespace {

using testing::Normalised;

TEST(Parse, WeekdaysAndTimesRoundTrip) {
  EXPECT_EQ(Normalised("Mo-Fr 09:00-18:00; Sa 10:00-17:00"), "Mo-Fr 09:00-18:00; Sa 10:00-17:00");
  EXPECT_EQ(Normalised("Mo,We,Fr 09:00-12:00,13:00-17:30"), "Mo,We,Fr 09:00-12:00,13:00-17:30");
  EXPECT_EQ(Normalised("24/7"), "24/7");
  EXPECT_EQ(Normalised("Mo 10:00-12:00 || Mo 14:00-16:00, Mo 11:00-15:00 unknown"),
            "Mo 10:00-12:00 || Mo 14:00-16:00 || Mo 11:00-15:00 unknown");  // ',' after '||' is a fallback too
  EXPECT_EQ(Normalised("07:45-12:45,14:00-17:30, 24/7"), "07:45-12:45,14:00-17:30, 24/7");  // a rule, not a time
  EXPECT_EQ(Normalised("Mo-Sa 10:00-18:00; PH off"), "Mo-Sa 10:00-18:00; PH off");
}

TEST(Parse, DutchInputIsAcceptedWithWarningsAndANormalisedSuggestion) {
  Result<Parsed> parsed = Parse("ma-vr 9:00-18:00; za 10.00-17.00; zo gesloten");
  ASSERT_TRUE(parsed.ok()) << parsed.problem().message;
  EXPECT_EQ(parsed.value().normalised, "Mo-Fr 09:00-18:00; Sa 10:00-17:00; Su off");
  ASSERT_FALSE(parsed.value().warnings.empty());
  EXPECT_EQ(parsed.value().warnings[0].position, 0u);
  EXPECT_EQ(parsed.value().warnings[0].message_nl, "'ma' is gelezen als 'Mo'");
}

TEST(Parse, CommonFreeFormIsRepaired) {
  EXPECT_EQ(Normalised("Montag bis Freitag 10-18 Uhr"), "Mo-Fr 10:00-18:00");
  EXPECT_EQ(Normalised("10am-6pm"), "10:00-18:00");
  EXPECT_EQ(Normalised("Mo 12:00–14:00"), "Mo 12:00-14:00");
  EXPECT_EQ(Normalised("dagelijks 08:00-22:00"), "Mo-Su 08:00-22:00");
  EXPECT_EQ(Normalised("17:00 til late"), "17:00+");
}

TEST(Parse, ErrorsSayWhereAndWhatWasExpected) {
  Result<Parsed> r = Parse("Mo-Fr 09:00-");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problem().position, 12u);
  EXPECT_EQ(r.problem().message, "expected a time like 09:00 at the end");
  EXPECT_EQ(r.problem().message_nl, "verwacht: een tijd zoals 09:00 aan het eind");

  r = Parse("Mo-Tr 17:00-20:00");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problem().position, 3u);
  EXPECT_EQ(r.problem().message, "expected a weekday after '-', found 'Tr'");

  r = Parse("Mo 21:00-22:60");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problem().position, 12u);
  EXPECT_EQ(r.problem().message, "minutes go from 00 to 59");
}

TEST(Parse, PositionsCountCharactersNotBytes) {
  Result<Parsed> r = Parse("Mo–Fr 09:00-18:00 \"geöffnet\" xyz");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problem().position, 29u);
}

TEST(Parse, RejectsWhatTheSpecificationRejects) {
  for (const char* bad : {"", " ", ";", "||", "week 00", "week 54", "week 40-30", "Jun 31", "Feb 30",
                          "27:00-29:00", "23:59-48:01", "Su-PH", "Mo,,Th", "2014-2012", "2014/0", "(sunrise)-sunset",
                          "PH + 2 day", "Sa[1,0,3]", "12:00-15:00/60", "\"unclosed", "10:am - 8:pm", "listopad"}) {
    EXPECT_FALSE(Parse(bad).ok()) << bad;
  }
}

TEST(Parse, NormalisedFormParsesToTheSameNormalisedForm) {
  for (const char* text : {"Mo-Fr 09:00-18:00; PH off", "Jan 23-Feb 12 00:00-24:00", "easter -7 days-Nov 01: Tu-Sa 10:00-12:00",
                           "week 02-52/6 Fr", "Mo 22:00-04:00+", "SH Mo-Fr (sunrise+03:00)-sunset"}) {
    std::string once = Normalised(text);
    EXPECT_EQ(Normalised(once), once) << text;
  }
}

}  // namespace
}  // namespace stadshart::hours
