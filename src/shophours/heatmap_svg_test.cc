#include "shophours/heatmap_svg.h"

#include <gtest/gtest.h>

namespace stadshart::shophours {
namespace {

TEST(HeatStep, SixStepsByShareOfTheMaximum) {
  EXPECT_EQ(HeatStep(0, 1), 0);
  EXPECT_EQ(HeatStep(0.01, 1), 1);
  EXPECT_EQ(HeatStep(0.2, 1), 1);
  EXPECT_EQ(HeatStep(0.21, 1), 2);
  EXPECT_EQ(HeatStep(0.8, 1), 4);
  EXPECT_EQ(HeatStep(1, 1), 5);
  EXPECT_EQ(HeatStep(300, 200), 5);
  EXPECT_EQ(HeatStep(5, 0), 0);
}

TEST(RenderHeatmapSvg, NamedImageWithOneCellPerValueAndEscapedText) {
  HeatmapChart chart{"hm", "Open <winkels>", "Ma & di", {"0", "1", "2"}, {{"ma", {0, 0.5, 1}}, {"di", {1, 1, 0}}}, 1};
  std::string svg = RenderHeatmapSvg(chart);
  EXPECT_NE(svg.find("role=\"img\" aria-labelledby=\"hm-title hm-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"hm-title\">Open &lt;winkels&gt;</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"hm-desc\">Ma &amp; di</desc>"), std::string::npos);
  size_t cells = 0;
  for (size_t at = svg.find("<rect"); at != std::string::npos; at = svg.find("<rect", at + 1)) ++cells;
  EXPECT_EQ(cells, 6u);
  EXPECT_NE(svg.find("stadshart-heat--3"), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos);
}

}  // namespace
}  // namespace stadshart::shophours
