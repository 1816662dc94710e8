#include "monitor/projection.h"

#include <gtest/gtest.h>

#include <cmath>

namespace stadshart::monitor {
namespace {

using namespace std::chrono;

Day D(int y, unsigned m = 1, unsigned d = 1) { return sys_days{year{y} / month{m} / day{d}}; }
// A day `years` (of 365.2425 days) after 1 January 2015, so that x is exact in the fit.
Day Years(double years) { return D(2015) + days{static_cast<int>(std::lround(years * 365.2425))}; }

TEST(FitLine, KnownLeastSquaresAnswers) {
  // y = 1 + 2x exactly.
  Measurement exact[] = {{Years(0), 1}, {Years(1), 3}, {Years(2), 5}};
  auto line = FitLine(exact);
  ASSERT_TRUE(line);
  // Days are whole, so x is within half a day of the exact year: allow 0.005.
  EXPECT_NEAR(line->slope_per_year, 2.0, 5e-3);
  EXPECT_NEAR(line->value_at_first, 1.0, 5e-3);
  // (0,0) (1,1) (2,1) (3,3): slope (4*12-6*5)/(4*14-6*6) = 0.9, intercept (5-0.9*6)/4 = -0.1.
  Measurement noisy[] = {{Years(0), 0}, {Years(1), 1}, {Years(2), 1}, {Years(3), 3}};
  line = FitLine(noisy);
  ASSERT_TRUE(line);
  EXPECT_NEAR(line->slope_per_year, 0.9, 5e-3);
  EXPECT_NEAR(line->value_at_first, -0.1, 5e-3);
}

TEST(FitLine, NeedsTwoDistinctDays) {
  Measurement one[] = {{D(2018), 21.9}};
  EXPECT_FALSE(FitLine(one));
  Measurement same_day[] = {{D(2018), 21.9}, {D(2018), 20.0}};
  EXPECT_FALSE(FitLine(same_day));
}

TEST(Project, TooFewPointsGiveNoVerdict) {
  Target target{7.8, 2021, Comparator::kBelow};
  Measurement two[] = {{D(2017), 21.9}, {D(2019), 19.0}};
  EXPECT_EQ(Project(two, target).verdict, Verdict::kInsufficientData);
  Measurement within_a_year[] = {{D(2018, 1), 22}, {D(2018, 6), 21}, {D(2018, 12), 20}};
  Projection p = Project(within_a_year, target);
  EXPECT_EQ(p.verdict, Verdict::kInsufficientData);
  EXPECT_FALSE(p.projected);
}

TEST(Project, VacancyFallingTooSlowlyIsOffTrack) {
  // 21.9% in 2017, falling 1 point a year: about 16.9% at the end of 2021, far above 7.8%.
  Measurement series[] = {{D(2017), 21.9}, {D(2018), 20.9}, {D(2019), 19.9}};
  Projection p = Project(series, {7.8, 2021, Comparator::kBelow});
  EXPECT_EQ(p.verdict, Verdict::kOffTrack);
  EXPECT_NEAR(*p.projected, 21.9 - 5.0, 0.01);
  EXPECT_NEAR(*p.pace_needed_per_year, (7.8 - 19.9) / 3.0, 0.01);
}

TEST(Project, OnTrackWhenTheLineReachesTheTarget) {
  // Jobs 3,800 rising 400 a year: 5,000 reached well before the end of 2021.
  Measurement series[] = {{D(2017), 3800}, {D(2018), 4200}, {D(2019), 4600}};
  EXPECT_EQ(Project(series, {5000, 2021, Comparator::kAtLeast}).verdict, Verdict::kOnTrack);
}

TEST(Project, NoPaceNeededOnceTheTargetIsMet) {
  Measurement series[] = {{D(2017), 12}, {D(2018), 9}, {D(2019), 7}};
  Projection p = Project(series, {7.8, 2021, Comparator::kBelow});
  EXPECT_EQ(p.verdict, Verdict::kOnTrack);
  EXPECT_FALSE(p.pace_needed_per_year) << "7% already meets 'below 7.8%': no pace to ask for";
}

TEST(Project, AtRiskWhenItMissesByLittle) {
  // Businesses 430 -> 500 by end 2021; +15 a year from 445 at 1-1-2019 projects ~490: misses by 10 of 55 to go.
  Measurement series[] = {{D(2017), 415}, {D(2018), 430}, {D(2019), 445}};
  Projection p = Project(series, {500, 2021, Comparator::kAtLeast});
  EXPECT_EQ(p.verdict, Verdict::kAtRisk);
}

TEST(Project, TheWrongDirectionIsOffTrackHoweverClose) {
  Measurement series[] = {{D(2017), 7.6}, {D(2018), 7.5}, {D(2019), 7.4}};
  EXPECT_EQ(Project(series, {7.5, 2021, Comparator::kAtLeast}).verdict, Verdict::kOffTrack);
}

TEST(Project, TheWindowLeavesOldMeasurementsOut) {
  Measurement series[] = {{D(2010), 30}, {D(2017), 21.9}, {D(2018), 20.9}, {D(2019), 19.9}};
  Projection all = Project(series, {7.8, 2021, Comparator::kBelow});
  Projection recent = Project(series, {7.8, 2021, Comparator::kBelow}, D(2015));
  EXPECT_EQ(all.points, 4);
  EXPECT_EQ(recent.points, 3);
  EXPECT_NEAR(recent.line->slope_per_year, -1.0, 0.01);
}

}  // namespace
}  // namespace stadshart::monitor
