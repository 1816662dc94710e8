// Server-rendered charts for the register's pages: a line chart and a bar chart as inline SVG strings. Pure.
//
// Every chart is an image with a text alternative: role="img", aria-labelledby naming its <title> and <desc>.
// The page must still put a table with the same figures beside or below the chart (the SVG is a picture of the
// table, not a replacement). No `style` attributes (the Content-Security-Policy blocks them): colours come from
// CSS classes (`stadshart-chart__series--N`, see static/stadshart.css) and presentation attributes. All text is
// escaped, so titles and labels may carry user input.
#pragma once

#include <string>
#include <vector>

namespace stadshart::property::charts {

enum class ValueFormat {
  kCount,    // 1234 -> "1.234"
  kPercent,  // 0.219 -> "21,9%" (values are fractions)
};

// Dutch number text: thousands with '.', decimals with ',' ("1.234", "21,9%").
std::string FormatValue(double value, ValueFormat format);

struct Series {
  std::string name;             // legend text, e.g. "Leegstand (aantal)"
  std::vector<double> values;   // one per point; the same length as the chart's labels
};

struct LineChart {
  std::string id;           // unique on the page; the ids "<id>-title" and "<id>-desc" are used inside
  std::string title;        // short, e.g. "Leegstand per maand"
  std::string description;  // the text alternative; empty: Summary() of the series
  std::vector<std::string> labels;  // one per point (x axis); an empty label gets no tick text
  std::vector<std::string> point_names;  // full name of each point for Summary ("jan 2015"); empty: labels
  std::vector<Series> series;       // colour by position: series 0 is stadshart-chart__series--0, ...
  ValueFormat format = ValueFormat::kCount;
};

struct Bar {
  std::string label;
  double value = 0;
};

struct BarChart {
  std::string id;
  std::string title;
  std::string description;  // empty: the bars as text ("tot 1 jaar: 12; 1-3 jaar: 8; ...")
  std::vector<Bar> bars;    // drawn top to bottom, horizontal
  ValueFormat format = ValueFormat::kCount;
};

// "Leegstand (aantal): van 12,1% (jan 2015) tot 18,0% (nov 2026); laagste 11,9% (mrt 2015), hoogste 23,4%
// (jan 2018)." per series; labels of points are taken from the chart. Empty series are left out.
std::string Summary(const LineChart& chart);

std::string RenderLineChart(const LineChart& chart);
std::string RenderBarChart(const BarChart& chart);

// The top of the value axis: a round number at or above `max` (1, 2, 2.5 or 5 times a power of ten; for
// percentages at most 1.0 when max <= 1). At least the smallest step above 0 when max is 0.
double NiceMax(double max, ValueFormat format);

}  // namespace stadshart::property::charts
