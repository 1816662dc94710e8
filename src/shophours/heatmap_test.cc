#include "shophours/heatmap.h"

#include <gtest/gtest.h>

#include "shophours/shop_hours.h"
#include "shophours/week_view.h"

namespace stadshart::shophours {
namespace {

using namespace std::chrono;

Day D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

WeekGrid Grid(const std::string& expression, Day monday = D(2025, 6, 2)) {
  auto e = Compile({1, expression, {}}, ContextFor({}));
  EXPECT_TRUE(e.ok()) << expression;
  return GridOfWeek(e.value(), monday, Amsterdam());
}

TEST(GridOfDay, AnHourIsOpenWhenOpenForAtLeastHalfOfIt) {
  WeekGrid g = Grid("Mo 09:30-18:00; Tu 09:31-17:29");
  EXPECT_EQ(g[0][8], HourState::kClosed);
  EXPECT_EQ(g[0][9], HourState::kOpen);    // 30 minutes
  EXPECT_EQ(g[0][17], HourState::kOpen);
  EXPECT_EQ(g[0][18], HourState::kClosed);
  EXPECT_EQ(g[1][9], HourState::kClosed);  // 29 minutes
  EXPECT_EQ(g[1][17], HourState::kClosed);
  EXPECT_EQ(g[6][12], HourState::kClosed);
}

TEST(GridOfDay, UnknownAndTheSpringForwardHour) {
  WeekGrid g = Grid("Su 12:00-17:00 \"op afspraak\"");
  EXPECT_EQ(g[6][13], HourState::kUnknown);
  // 30 March 2025: 02:00-03:00 does not exist, so a 24/7 shop is "closed" in that hour only.
  WeekGrid dst = Grid("24/7", D(2025, 3, 24));
  EXPECT_EQ(dst[6][1], HourState::kOpen);
  EXPECT_EQ(dst[6][2], HourState::kClosed);
  EXPECT_EQ(dst[6][3], HourState::kOpen);
}

TEST(Aggregate, SharePerHourOfTheWeek) {
  std::vector<WeekGrid> grids = {Grid("Mo-Sa 09:00-18:00"), Grid("Mo-Fr 10:00-17:00"), Grid("Tu-Sa 09:00-21:00"),
                                 Grid("Mo-Su 12:00-17:00 \"op afspraak\"")};
  Heatmap map = Aggregate(grids);
  EXPECT_EQ(map[0][9].open, 1);   // Monday 9-10: only the first
  EXPECT_EQ(map[1][10].open, 3);  // Tuesday 10-11
  EXPECT_EQ(map[1][10].shops, 4);
  EXPECT_DOUBLE_EQ(map[1][10].Share(), 0.75);
  EXPECT_EQ(map[1][13].unknown, 1);
  EXPECT_EQ(map[3][20].open, 1);  // Thursday evening
  EXPECT_EQ(map[6][12].open, 0);
  EXPECT_EQ(map[6][12].unknown, 1);
  EXPECT_DOUBLE_EQ(HeatCell{}.Share(), 0.0);
}

TEST(CoreWindows, LongestWindowThatEnoughShopsCoverThroughout) {
  std::vector<WeekGrid> grids = {Grid("Mo-Sa 09:00-18:00"), Grid("Mo-Sa 10:00-18:00"), Grid("Mo-Sa 10:00-17:00"),
                                 Grid("Mo-Fr 10:00-18:00; Sa 12:00-16:00"), Grid("Tu-Sa 13:00-18:00")};
  auto windows = CoreWindows(grids, 0.8);  // 4 of 5 throughout
  EXPECT_TRUE(windows[0].found);
  EXPECT_EQ(windows[0].from_hour, 10);  // Monday: shops 1-4 share 10-17
  EXPECT_EQ(windows[0].to_hour, 17);
  EXPECT_EQ(windows[0].covering, 4);
  // Tuesday: all five share 13-17, but four of five share the longer 10-17.
  EXPECT_EQ(windows[1].from_hour, 10);
  EXPECT_EQ(windows[1].to_hour, 17);
  EXPECT_FALSE(windows[6].found);  // nobody opens on Sunday
  auto lower = CoreWindows(grids, 0.6);  // 3 of 5
  EXPECT_EQ(lower[0].from_hour, 10);
  EXPECT_EQ(lower[0].to_hour, 18);
}

TEST(Shortfalls, WhatAShopWouldHaveToChange) {
  std::vector<WeekGrid> grids = {Grid("Mo-Sa 09:00-18:00"), Grid("Mo-Sa 09:00-18:00"), Grid("Mo-Sa 09:00-18:00"),
                                 Grid("Mo-Sa 09:00-18:00"), Grid("Tu-Sa 10:00-17:00")};
  auto windows = CoreWindows(grids, 0.8);
  EXPECT_EQ(windows[0].from_hour, 9);
  EXPECT_EQ(windows[0].to_hour, 18);
  EXPECT_TRUE(ShortfallsOf(grids[0], windows).empty());
  auto late = ShortfallsOf(grids[4], windows);
  ASSERT_EQ(late.size(), 6u);  // Monday to Saturday
  EXPECT_TRUE(late[0].closed_all_day);
  EXPECT_EQ(late[1].missing, (std::vector<std::pair<int, int>>{{9, 10}, {17, 18}}));
  std::string text = ShortfallText(late, windows);
  EXPECT_EQ(text.rfind("ma: gesloten (venster 09:00–18:00); ", 0), 0u) << text;
  EXPECT_NE(text.find("di: ook open 09:00–10:00 en 17:00–18:00"), std::string::npos) << text;
}

TEST(Coverage, KoopavondAndKoopzondag) {
  std::vector<WeekGrid> grids = {Grid("Mo-Sa 09:00-18:00; Th 09:00-21:00"), Grid("Mo-Sa 09:00-18:00; Fr 09:00-21:00"),
                                 Grid("Mo-Sa 09:00-18:00; Su[1] 12:00-17:00")};
  auto evening = EveningCoverage(grids);
  EXPECT_EQ(evening[3].open, 1);
  EXPECT_EQ(evening[4].open, 1);
  EXPECT_EQ(evening[0].open, 0);
  EXPECT_EQ(evening[3].shops, 3);
  // 1 June 2025 is the first Sunday of June; 8 June is not.
  WeekGrid first = Grid("Mo-Sa 09:00-18:00; Su[1] 12:00-17:00", D(2025, 5, 26));
  WeekGrid second = Grid("Mo-Sa 09:00-18:00; Su[1] 12:00-17:00", D(2025, 6, 2));
  EXPECT_TRUE(OpenOnSundayAfternoon(first[6]));
  EXPECT_FALSE(OpenOnSundayAfternoon(second[6]));
}

TEST(SuperSunday, ChosenShopsOpenTheWindowAndTheRowChanges) {
  std::vector<DayGrid> sunday = {Grid("Su 12:00-17:00")[6], Grid("Mo-Sa 09:00-18:00")[6], Grid("Su 13:00-16:00")[6],
                                 Grid("Mo-Sa 09:00-18:00")[6]};
  auto result = SuperSunday(sunday, {true, true, true, false}, 12, 17);
  EXPECT_EQ(result.already, (std::vector<std::size_t>{0}));
  EXPECT_EQ(result.joining, (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(result.before[12].open, 1);
  EXPECT_EQ(result.after[12].open, 3);
  EXPECT_EQ(result.after[17].open, 0);
  EXPECT_EQ(result.after[12].shops, 4);
}

TEST(ParseFootfallCsv, DutchExcelWithHeaderNamesAndNumbers) {
  std::string csv = "\xEF\xBB\xBFweekdag;uur;bestedingen\r\nma;9;1.234,5\r\nmaandag;10:00;2000\r\n6;14;\"3.800\"\r\n";
  auto parsed = ParseFootfallCsv(csv);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed.value().Count(), 3);
  EXPECT_DOUBLE_EQ(*parsed.value().values[0][9], 1234.5);
  EXPECT_DOUBLE_EQ(*parsed.value().values[0][10], 2000);
  EXPECT_DOUBLE_EQ(*parsed.value().values[5][14], 3800);
}

TEST(ParseFootfallCsv, EveryBadLineIsReportedAndNothingIsKept) {
  auto parsed = ParseFootfallCsv("weekdag;uur;waarde\nma;9;10\nxx;9;10\nma;24;10\nma;9;12\ndi;8;-1\n");
  ASSERT_FALSE(parsed.ok());
  const auto& errors = parsed.error().field_errors;
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].message.substr(0, 8), "Regel 3:");
  EXPECT_EQ(errors[1].message.substr(0, 8), "Regel 4:");
  EXPECT_EQ(errors[2].message.substr(0, 8), "Regel 5:");
  EXPECT_EQ(errors[3].message.substr(0, 8), "Regel 6:");
  EXPECT_FALSE(ParseFootfallCsv("weekdag;uur;waarde\n").ok());
}

TEST(Correlation, FollowsTheOpenShare) {
  std::vector<WeekGrid> grids = {Grid("Mo-Sa 09:00-18:00"), Grid("Mo-Sa 12:00-18:00")};
  Heatmap map = Aggregate(grids);
  Footfall footfall;
  footfall.values[0][8] = 0;
  footfall.values[0][10] = 50;
  footfall.values[0][14] = 100;
  auto r = Correlation(map, footfall);
  ASSERT_TRUE(r);
  EXPECT_GT(*r, 0.9);
  Footfall two;
  two.values[0][8] = 1;
  two.values[0][9] = 2;
  EXPECT_FALSE(Correlation(map, two));
}

}  // namespace
}  // namespace stadshart::shophours
