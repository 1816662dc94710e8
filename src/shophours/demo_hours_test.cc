#include "shophours/demo_hours.h"

#include <gtest/gtest.h>

#include <set>

#include "property/demo_register.h"
#include "shophours/heatmap.h"
#include "shophours/shops.h"
#include "shophours/shop_hours.h"
#include "shophours/week_view.h"

namespace stadshart::shophours {
namespace {

using namespace std::chrono;

TEST(DemoOpeningHours, EveryDemoBusinessGetsValidVariedDeterministicHours) {
  auto demo = property::AssenDemoRegister(sys_days{year{2025} / 6 / 1});
  ASSERT_GT(demo.businesses.size(), 100u);
  std::set<std::string> distinct;
  int koopavond = 0, koopzondag = 0, retail = 0;
  for (const property::Business& b : demo.businesses) {
    std::string hours = DemoOpeningHours(b, "kernwinkelgebied");
    EXPECT_EQ(hours, DemoOpeningHours(b, "kernwinkelgebied"));
    auto checked = CheckExpression(hours);
    ASSERT_TRUE(std::holds_alternative<CheckedExpression>(checked)) << hours;
    EXPECT_EQ(std::get<CheckedExpression>(checked).normalised, hours) << "stored as written";
    auto evaluator = Compile({b.id, hours, {}}, ContextFor({}));
    ASSERT_TRUE(evaluator.ok()) << hours;
    distinct.insert(hours);
    if (property::InfoOf(b.function).retail) {
      ++retail;
      WeekGrid week = GridOfWeek(evaluator.value(), sys_days{year{2025} / 6 / 2}, Amsterdam());
      koopavond += week[3][20] == HourState::kOpen || week[4][20] == HourState::kOpen;
      koopzondag += hours.find("Su") != std::string::npos;
    }
  }
  EXPECT_GT(distinct.size(), 20u);
  EXPECT_GT(koopavond, retail / 5);
  EXPECT_LT(koopavond, retail);
  EXPECT_GT(koopzondag, retail / 10);
  EXPECT_LT(koopzondag, retail);
}

TEST(ActiveShops, ShopsWithTheSameHoursShareOneEvaluatorUntilTheCalendarChanges) {
  Day day = sys_days{year{2025} / 6 / 4};
  auto demo = property::AssenDemoRegister(day);
  property::Register reg;
  reg.units = demo.units;
  reg.businesses = demo.businesses;
  std::vector<BusinessHours> hours;
  for (const property::Business& b : reg.businesses) hours.push_back({b.id, DemoOpeningHours(b, "kernwinkelgebied"), {}});
  Calendar calendar;
  auto first = ActiveShops(reg, hours, calendar, day);
  ASSERT_GT(first.size(), 100u);
  auto again = ActiveShops(reg, hours, calendar, day);
  ASSERT_EQ(again.size(), first.size());
  std::set<const hours::Evaluator*> compiled;
  for (std::size_t i = 0; i < first.size(); ++i) {
    ASSERT_NE(first[i].evaluator, nullptr) << first[i].hours.expression;
    EXPECT_EQ(again[i].evaluator.get(), first[i].evaluator.get()) << "kept between calls";
    compiled.insert(first[i].evaluator.get());
    // The shared evaluator is the business's own: its state equals a fresh compilation's.
    auto fresh = Compile(first[i].hours, ContextFor(calendar));
    ASSERT_TRUE(fresh.ok());
    Instant at = sys_days{year{2025} / 6 / 7} + std::chrono::hours{14};
    EXPECT_EQ(first[i].evaluator->StateAt(at), fresh.value().StateAt(at)) << first[i].hours.expression;
  }
  EXPECT_LT(compiled.size(), first.size()) << "shops with the same hours share one";
  calendar.settings.good_friday = !calendar.settings.good_friday;
  auto changed = ActiveShops(reg, hours, calendar, day);
  EXPECT_NE(changed[0].evaluator.get(), first[0].evaluator.get()) << "another calendar compiles anew";
}

}  // namespace
}  // namespace stadshart::shophours
