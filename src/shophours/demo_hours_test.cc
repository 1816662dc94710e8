#include "shophours/demo_hours.h"

#include <gtest/gtest.h>

#include <set>

#include "property/demo_register.h"
#include "shophours/heatmap.h"
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

}  // namespace
}  // namespace stadshart::shophours
