#include "monitor/kpi_chart.h"

#include <gtest/gtest.h>

#include <regex>

namespace stadshart::monitor::chart {
namespace {

using namespace std::chrono;

Day D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TimeChart VacancyChart() {
  TimeChart chart{.id = "kpi-vacancy", .title = "Leegstand <verkooppunten>", .unit = "%"};
  chart.series = {
      {"Metingen", SeriesKind::kMeasured, {{D(2019, 1, 1), 19.5}, {D(2018, 1, 1), 21.9}, {D(2020, 1, 1), 17.0}}},
      {"Landelijk", SeriesKind::kNational, {{D(2018, 1, 1), 7.8}, {D(2019, 1, 1), 6.7}}},
      {"Projectie", SeriesKind::kProjection, {{D(2018, 1, 1), 22.0}, {D(2030, 12, 31), 0.0}}},
  };
  chart.target = 7.8;
  chart.target_label = "Doel: onder 7,8% in 2030";
  chart.until = D(2030, 12, 31);
  return chart;
}

TEST(NiceValueAxis, StartsAtZeroForSmallNonNegativeValuesAndRoundsTheTop) {
  ValueAxis axis = NiceValueAxis(5.8, 21.9);
  EXPECT_EQ(axis.min, 0);
  EXPECT_EQ(axis.step, 10);
  EXPECT_EQ(axis.max, 30);
}

TEST(NiceValueAxis, KeepsAnOffsetWhenTheValuesAreFarFromZero) {
  ValueAxis axis = NiceValueAxis(3800, 5000);
  EXPECT_EQ(axis.step, 500);
  EXPECT_EQ(axis.min, 3500);
  EXPECT_EQ(axis.max, 5000);
}

TEST(NiceValueAxis, NeverGoesBelowZeroForNonNegativeDataAndHandlesOneValue) {
  ValueAxis flat = NiceValueAxis(7.5, 7.5);
  EXPECT_GE(flat.min, 0);
  EXPECT_GT(flat.max, flat.min);
  EXPECT_LE(flat.min, 7.5);
  EXPECT_GE(flat.max, 7.5);
  ValueAxis negative = NiceValueAxis(-3, 4);
  EXPECT_LE(negative.min, -3);
  EXPECT_GE(negative.max, 4);
}

TEST(YearTicks, EveryYearOnShortSpansAndEveryFifthOnLongOnes) {
  EXPECT_EQ(YearTicks(D(2015, 1, 1), D(2020, 6, 1)), (std::vector<int>{2015, 2016, 2017, 2018, 2019, 2020}));
  EXPECT_EQ(YearTicks(D(2015, 3, 1), D(2018, 6, 1)), (std::vector<int>{2016, 2017, 2018})) << "1-1-2015 lies before";
  EXPECT_EQ(YearTicks(D(2000, 1, 1), D(2030, 12, 31)), (std::vector<int>{2000, 2005, 2010, 2015, 2020, 2025, 2030}));
}

TEST(Describe, NamesEverySeriesWithFirstLastLowestHighestAndTheTarget) {
  std::string text = Describe(VacancyChart());
  EXPECT_EQ(text,
            "Metingen: 3 waarden, van 21,9% (1-1-2018) tot 17% (1-1-2020); laagste 17% (1-1-2020), hoogste 21,9% "
            "(1-1-2018). Landelijk: 2 waarden, van 7,8% (1-1-2018) tot 6,7% (1-1-2019). Projectie: 2 waarden, van 22% "
            "(1-1-2018) tot 0% (31-12-2030). Doel: onder 7,8% in 2030.");
}

TEST(Describe, SaysSoWhenThereIsNothing) {
  TimeChart chart{.id = "x", .title = "Leeg", .unit = "%"};
  chart.series = {{"Metingen", SeriesKind::kMeasured, {}}};
  chart.target = 7.5;
  EXPECT_EQ(Describe(chart), "Geen gegevens.");
}

TEST(RenderTimeChart, IsAnImageNamedByItsTitleAndDescriptionWithEscapedText) {
  std::string svg = RenderTimeChart(VacancyChart());
  EXPECT_NE(svg.find("role=\"img\" aria-labelledby=\"kpi-vacancy-title kpi-vacancy-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"kpi-vacancy-title\">Leegstand &lt;verkooppunten&gt;</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"kpi-vacancy-desc\">Metingen: 3 waarden"), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos) << "the CSP blocks style attributes";
  EXPECT_EQ(svg.find("<script"), std::string::npos);
}

TEST(RenderTimeChart, DrawsMarkersPerMeasurementTheTargetLineAndADashedProjection) {
  std::string svg = RenderTimeChart(VacancyChart());
  // Three measurement markers plus one in the legend; two national squares plus one in the legend.
  EXPECT_EQ(Count(svg, "<circle"), 4u);
  EXPECT_EQ(Count(svg, "stadshart-kpi-chart__marker--national"), 3u);
  EXPECT_EQ(Count(svg, "class=\"stadshart-kpi-chart__target\""), 2u) << "the line and its legend sample";
  EXPECT_NE(svg.find("stadshart-kpi-chart__series--projection\" fill=\"none\" stroke-width=\"2.5\" stroke-dasharray="),
            std::string::npos);
  // Years on the x axis up to the target year, which comes from `until`.
  EXPECT_NE(svg.find(">2018</text>"), std::string::npos);
  EXPECT_NE(svg.find(">2030</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Doel: onder 7,8% in 2030</text>"), std::string::npos);
}

TEST(RenderTimeChart, PutsEarlierDatesLeftAndHigherValuesUp) {
  TimeChart chart{.id = "c", .title = "t", .unit = "bedrijven"};
  chart.series = {{"Metingen", SeriesKind::kMeasured, {{D(2020, 1, 1), 500}, {D(2010, 1, 1), 400}}}};
  std::string svg = RenderTimeChart(chart);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, std::regex(R"re(points="([\d.]+),([\d.]+) ([\d.]+),([\d.]+)")re")));
  EXPECT_LT(std::stod(m[1]), std::stod(m[3])) << "2010 left of 2020";
  EXPECT_GT(std::stod(m[2]), std::stod(m[4])) << "400 below 500 (SVG y grows downwards)";
  EXPECT_EQ(std::stod(m[1]), 64) << "the first date on the left edge of the plot";
  EXPECT_EQ(std::stod(m[3]), 720 - 24) << "the last on the right edge";
}

TEST(RenderTimeChart, WithoutPointsSaysThereAreNoFigures) {
  TimeChart chart{.id = "c", .title = "Nog niets"};
  std::string svg = RenderTimeChart(chart);
  EXPECT_NE(svg.find("<desc id=\"c-desc\">Geen gegevens.</desc>"), std::string::npos);
  EXPECT_NE(svg.find(">Geen gegevens</text>"), std::string::npos);
}

TEST(RenderSparkline, IsASmallNamedImageWithoutAxes) {
  TimeChart chart = VacancyChart();
  chart.id = "spark-vacancy";
  chart.description = "Leegstand van 21,9% naar 17%.";
  std::string svg = RenderSparkline(chart);
  EXPECT_NE(svg.find("stadshart-kpi-chart--spark\" viewBox=\"0 0 160 44\" role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"spark-vacancy-desc\">Leegstand van 21,9% naar 17%.</desc>"), std::string::npos);
  EXPECT_EQ(svg.find("<text"), std::string::npos) << "no axis labels";
  EXPECT_EQ(svg.find("style="), std::string::npos);
  EXPECT_EQ(Count(svg, "<polyline"), 3u);
}

}  // namespace
}  // namespace stadshart::monitor::chart
