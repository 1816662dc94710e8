#include "shophours/shop_hours.h"

#include <gtest/gtest.h>

#include "shophours/week_view.h"

namespace stadshart::shophours {
namespace {

using namespace std::chrono;

Day D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

TEST(CheckExpression, DutchInputIsNormalisedWithWarnings) {
  auto checked = CheckExpression("ma-vr 9:00-18:00");
  ASSERT_TRUE(std::holds_alternative<CheckedExpression>(checked));
  const auto& ok = std::get<CheckedExpression>(checked);
  EXPECT_EQ(ok.normalised, "Mo-Fr 09:00-18:00");
  EXPECT_FALSE(ok.warnings.empty());
}

TEST(CheckExpression, ProblemsCarryThePositionInTheInputAsTyped) {
  auto checked = CheckExpression("  Mo-Fr 09:00-");
  ASSERT_TRUE(std::holds_alternative<ExpressionProblem>(checked));
  const auto& problem = std::get<ExpressionProblem>(checked);
  EXPECT_EQ(problem.position, 14u);
  EXPECT_FALSE(problem.message_nl.empty());
  EXPECT_FALSE(problem.message_en.empty());
  FieldError field = ProblemField(problem);
  EXPECT_EQ(field.field, "opening_hours");
  EXPECT_NE(field.message.find("teken 15"), std::string::npos) << field.message;
}

TEST(CheckExpression, RefusesEmptyAndOverlongInput) {
  EXPECT_TRUE(std::holds_alternative<ExpressionProblem>(CheckExpression("   ")));
  EXPECT_TRUE(std::holds_alternative<ExpressionProblem>(CheckExpression(std::string(1001, 'x'))));
}

TEST(CheckException, HoursAreTimesOnlyAndNormalised) {
  auto ok = CheckException(D(2025, 12, 24), false, "9:30-16:00", "Kerstavond");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok.value().hours, "09:30-16:00");
  auto with_days = CheckException(D(2025, 12, 24), false, "Mo 10:00-16:00", "", 2);
  ASSERT_FALSE(with_days.ok());
  EXPECT_EQ(with_days.error().field_errors.front().field, "exceptions[2].hours");
  EXPECT_FALSE(CheckException(D(2025, 12, 24), false, "", "").ok());
  EXPECT_FALSE(CheckException(D(2025, 12, 24), true, "", "zeg \"dicht\"").ok());
  EXPECT_TRUE(CheckException(D(2025, 12, 24), true, "rubbish is ignored when closed", "Inventaris").ok());
}

TEST(CheckExceptions, SortsByDayAndRefusesTwoOnOneDay) {
  auto sorted = CheckExceptions({{D(2025, 12, 31), true, "", ""}, {D(2025, 12, 24), true, "", ""}});
  ASSERT_TRUE(sorted.ok());
  EXPECT_EQ(sorted.value().front().day, D(2025, 12, 24));
  EXPECT_FALSE(CheckExceptions({{D(2025, 12, 24), true, "", ""}, {D(2025, 12, 24), false, "10:00-12:00", ""}}).ok());
}

TEST(EffectiveExpression, ExceptionsBecomeDatedRulesThatOverrideTheWeek) {
  BusinessHours h{1, "Mo-Sa 09:30-18:00", {{D(2025, 12, 24), false, "09:30-16:00", "Kerstavond"},
                                           {D(2025, 12, 27), true, "", "Inventaris"}}};
  EXPECT_EQ(EffectiveExpression(h),
            "Mo-Sa 09:30-18:00; 2025 Dec 24 09:30-16:00 open \"Kerstavond\"; 2025 Dec 27 off \"Inventaris\"");
  auto evaluator = Compile(h, ContextFor({}));
  ASSERT_TRUE(evaluator.ok()) << evaluator.problem().message;
  auto week = Week(evaluator.value(), D(2025, 12, 22), Amsterdam());
  EXPECT_EQ(week[2].text, "09:30–16:00");   // Wednesday 24th
  EXPECT_EQ(week[2].comment, "Kerstavond");
  EXPECT_EQ(week[3].text, "09:30–18:00");   // Christmas: without "PH off" the shop keeps its week
  EXPECT_EQ(week[5].text, "gesloten");      // Saturday 27th: the exception
}

TEST(ContextFor, TheCentresChoicesDecideWhatCountsAsPublicHoliday) {
  BusinessHours h{1, "Mo-Sa 09:00-18:00; PH off", {}};
  Calendar calendar;
  auto plain = Compile(h, ContextFor(calendar));
  ASSERT_TRUE(plain.ok());
  // Goede Vrijdag 2026: 3 April. Not a holiday by default.
  EXPECT_EQ(Week(plain.value(), D(2026, 3, 30), Amsterdam())[4].text, "09:00–18:00");
  calendar.settings.good_friday = true;
  auto with_good_friday = Compile(h, ContextFor(calendar));
  EXPECT_EQ(Week(with_good_friday.value(), D(2026, 3, 30), Amsterdam())[4].text, "gesloten");
  // Bevrijdingsdag 2026 (Tuesday 5 May) is not a lustrum year; every year it is.
  EXPECT_EQ(Week(plain.value(), D(2026, 5, 4), Amsterdam())[1].text, "09:00–18:00");
  calendar.settings.liberation_day = LiberationDay::kYearly;
  EXPECT_EQ(Week(Compile(h, ContextFor(calendar)).value(), D(2026, 5, 4), Amsterdam())[1].text, "gesloten");
}

TEST(ContextFor, SchoolHolidaysOfTheCentresRegionOnly) {
  BusinessHours h{1, "Mo-Fr 14:00-21:00; SH off", {}};
  Calendar calendar;
  calendar.school_holidays = {{1, hours::SchoolRegion::kNoord, "Herfstvakantie", D(2025, 10, 18), D(2025, 10, 26)},
                              {2, hours::SchoolRegion::kZuid, "Herfstvakantie", D(2025, 10, 11), D(2025, 10, 19)}};
  auto noord = Compile(h, ContextFor(calendar));
  ASSERT_TRUE(noord.ok());
  EXPECT_EQ(Week(noord.value(), D(2025, 10, 20), Amsterdam())[0].text, "gesloten");
  EXPECT_EQ(Week(noord.value(), D(2025, 10, 13), Amsterdam())[0].text, "14:00–21:00");
  calendar.settings.region = hours::SchoolRegion::kZuid;
  auto zuid = Compile(h, ContextFor(calendar));
  EXPECT_EQ(Week(zuid.value(), D(2025, 10, 13), Amsterdam())[0].text, "gesloten");
}

TEST(CheckSchoolHoliday, NeedsANameAndAnOrderedShortPeriod) {
  EXPECT_TRUE(CheckSchoolHoliday({0, hours::SchoolRegion::kNoord, "Meivakantie", D(2026, 4, 25), D(2026, 5, 3)}).empty());
  EXPECT_FALSE(CheckSchoolHoliday({0, hours::SchoolRegion::kNoord, "", D(2026, 4, 25), D(2026, 5, 3)}).empty());
  EXPECT_FALSE(CheckSchoolHoliday({0, hours::SchoolRegion::kNoord, "X", D(2026, 5, 3), D(2026, 4, 25)}).empty());
  EXPECT_FALSE(CheckSchoolHoliday({0, hours::SchoolRegion::kNoord, "X", D(2026, 1, 1), D(2026, 12, 1)}).empty());
}

}  // namespace
}  // namespace stadshart::shophours
