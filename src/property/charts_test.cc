#include "property/charts.h"

#include <gtest/gtest.h>

namespace stadshart::property::charts {
namespace {

int Count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

LineChart Trend() {
  LineChart chart;
  chart.id = "trend";
  chart.title = "Leegstand per maand";
  chart.labels = {"2015", "", "", "2016"};
  chart.point_names = {"jan 2015", "feb 2015", "mrt 2015", "jan 2016"};
  chart.series = {{"Leegstand (aantal)", {0.15, 0.12, 0.2, 0.18}}, {"Leegstand (m²)", {0.1, 0.1, 0.1, 0.1}}};
  chart.format = ValueFormat::kPercent;
  return chart;
}

TEST(FormatValueTest, WritesDutchNumbers) {
  EXPECT_EQ(FormatValue(1234, ValueFormat::kCount), "1.234");
  EXPECT_EQ(FormatValue(1234567, ValueFormat::kCount), "1.234.567");
  EXPECT_EQ(FormatValue(12, ValueFormat::kCount), "12");
  EXPECT_EQ(FormatValue(2.5, ValueFormat::kCount), "2,5");
  EXPECT_EQ(FormatValue(0.219, ValueFormat::kPercent), "21,9%");
  EXPECT_EQ(FormatValue(0.2, ValueFormat::kPercent), "20,0%");
  EXPECT_EQ(FormatValue(0, ValueFormat::kPercent), "0,0%");
  EXPECT_EQ(FormatValue(1, ValueFormat::kPercent), "100,0%");
}

TEST(NiceMaxTest, RoundsUpToOneTwoTwoAndAHalfOrFive) {
  EXPECT_DOUBLE_EQ(NiceMax(430, ValueFormat::kCount), 500);
  EXPECT_DOUBLE_EQ(NiceMax(2100, ValueFormat::kCount), 2500);
  EXPECT_DOUBLE_EQ(NiceMax(100, ValueFormat::kCount), 100);
  EXPECT_DOUBLE_EQ(NiceMax(0.219, ValueFormat::kPercent), 0.25);
  EXPECT_DOUBLE_EQ(NiceMax(0.96, ValueFormat::kPercent), 1.0);
  EXPECT_DOUBLE_EQ(NiceMax(0, ValueFormat::kCount), 1);
  EXPECT_DOUBLE_EQ(NiceMax(2, ValueFormat::kCount), 4) << "every tick of four stays a whole number";
}

TEST(LineChartTest, IsAnImageNamedByItsTitleAndDescription) {
  std::string svg = RenderLineChart(Trend());
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-labelledby=\"trend-title trend-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"trend-title\">Leegstand per maand</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"trend-desc\">Leegstand (aantal): van 15,0% (jan 2015) tot 18,0% (jan 2016); "
                     "laagste 12,0% (feb 2015), hoogste 20,0% (mrt 2015)."),
            std::string::npos)
      << svg;
  EXPECT_TRUE(svg.ends_with("</svg>"));
}

TEST(LineChartTest, DrawsOnePolylinePerSeriesWithClassesNotStyles) {
  std::string svg = RenderLineChart(Trend());
  EXPECT_EQ(Count(svg, "<polyline"), 2);
  EXPECT_NE(svg.find("stadshart-chart__series--0"), std::string::npos);
  EXPECT_NE(svg.find("stadshart-chart__series--1"), std::string::npos);
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos) << "the second series differs in more than colour";
  EXPECT_EQ(svg.find("style="), std::string::npos) << "the CSP blocks style attributes";
  EXPECT_EQ(Count(svg, ">2015<") + Count(svg, ">2016<"), 2) << "empty labels get no tick text";
}

TEST(LineChartTest, PlotsTheLargestValueAtTheTopOfTheAxis) {
  LineChart chart;
  chart.id = "c";
  chart.title = "t";
  chart.labels = {"a", "b"};
  chart.series = {{"s", {0, 500}}};
  std::string svg = RenderLineChart(chart);
  // Plot from y=16 (top) to y=264 (bottom), x from 64 to 704: 500 is the axis maximum.
  EXPECT_NE(svg.find("points=\"64,264 704,16\""), std::string::npos) << svg;
  EXPECT_NE(svg.find(">500</text>"), std::string::npos);
}

TEST(ChartsTest, EscapesText) {
  BarChart chart{"b", "<script>", "", {{"A & B", 3}}};
  std::string svg = RenderBarChart(chart);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("A &amp; B: 3."), std::string::npos) << "the bars are the default description";
}

TEST(BarChartTest, DrawsOneBarPerValueScaledToTheLargest) {
  BarChart chart{"duur", "Leegstand naar duur", "", {{"tot 1 jaar", 40}, {"1-3 jaar", 20}, {"meer dan 3 jaar", 0}}};
  std::string svg = RenderBarChart(chart);
  EXPECT_EQ(Count(svg, "<rect"), 3);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"duur-desc\">tot 1 jaar: 40; 1-3 jaar: 20; meer dan 3 jaar: 0.</desc>"),
            std::string::npos);
  // 284 px of room: the longest bar fills it, 20 half of it, 0 nothing.
  EXPECT_NE(svg.find("width=\"284\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("width=\"142\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"0\""), std::string::npos);
}

TEST(SummaryTest, SaysSoWhenThereIsNoData) {
  LineChart chart;
  EXPECT_EQ(Summary(chart), "Geen gegevens.");
}

}  // namespace
}  // namespace stadshart::property::charts
