// The heatmap as an inline SVG image: one row per day (or scenario), one column per hour, each cell shaded by its
// value in six steps (CSS classes stadshart-heat--0 .. --5, static/shophours.css; no style attributes, the CSP
// blocks them). role="img" named by its <title> and <desc>; the page puts a table with the same figures after it.
// All text is escaped. Pure.
#pragma once

#include <string>
#include <vector>

namespace stadshart::shophours {

struct HeatmapRow {
  std::string label;           // "ma"
  std::vector<double> values;  // one per column
};

struct HeatmapChart {
  std::string id;           // unique on the page; "<id>-title" and "<id>-desc" are used inside
  std::string title;
  std::string description;  // the text alternative
  std::vector<std::string> columns;  // "0", "1", ... "23"
  std::vector<HeatmapRow> rows;
  double max = 1.0;  // the value of the darkest step
};

// 0 for value <= 0, else 1..5 by value / max.
int HeatStep(double value, double max);

std::string RenderHeatmapSvg(const HeatmapChart& chart);

}  // namespace stadshart::shophours
