// Server-rendered charts of the monitor, with time on the x axis: the full KPI chart (measurements, the register's
// derived series, the national reference, the target line, the projection) and the sparkline of a dashboard card.
// Pure: values in, an SVG string out.
//
// Every chart is an image with a text alternative: role="img", aria-labelledby naming its <title> and <desc>; the
// description is the caller's or, when empty, Describe() of the series. The page must still put a table with the
// same figures next to it. No `style` attributes (the Content-Security-Policy blocks them): colours come from CSS
// classes (`stadshart-kpi-chart__...`, static/stadshart.css) and presentation attributes; series also differ in
// dash pattern and marker shape, not only in colour (WCAG 1.4.1). All text is escaped.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "monitor/projection.h"

namespace stadshart::monitor::chart {

enum class SeriesKind {
  kMeasured,    // solid line with round markers
  kDerived,     // thin solid line, no markers (monthly from the register)
  kNational,    // dotted line with square markers
  kProjection,  // dashed line
};

struct TimeSeries {
  std::string name;  // legend and description text, e.g. "Metingen"
  SeriesKind kind = SeriesKind::kMeasured;
  std::vector<Measurement> points;  // any order; drawn by date
};

struct TimeChart {
  std::string id;           // unique on the page; "<id>-title" and "<id>-desc" are used inside
  std::string title;
  std::string description;  // the text alternative; empty: Describe()
  std::string unit;         // for the value labels (FormatValue of kpi.h), e.g. "%"
  std::vector<TimeSeries> series;
  std::optional<double> target;  // a horizontal target line
  std::string target_label;      // e.g. "Doel: onder 7,8% in 2030"
  std::optional<Day> until;      // the x axis runs at least to this day (e.g. the target date)
};

// "Metingen: 9 waarden, van 3.800 arbeidsplaatsen (1-4-2017) tot 4.230 arbeidsplaatsen (1-4-2025). Doel: ..."
// Empty series are left out; "Geen gegevens." when nothing is left.
std::string Describe(const TimeChart& chart);

std::string RenderTimeChart(const TimeChart& chart);

// A small chart without axes for a card: the series and the target line, same rules for its text alternative.
std::string RenderSparkline(const TimeChart& chart);

// --- Pure helpers (tested) ------------------------------------------------------------------------------------

struct ValueAxis {
  double min = 0;
  double max = 1;
  double step = 1;
};
// Round bounds around [low, high] with about four steps of 1, 2, 2.5 or 5 times a power of ten. Starts at 0 when
// the data are non-negative and low is near 0 compared with the spread; never below 0 for non-negative data.
ValueAxis NiceValueAxis(double low, double high);

// The years whose 1 January gets a tick between `from` and `to`: every year, or every 2nd/5th on long spans.
std::vector<int> YearTicks(Day from, Day to);

}  // namespace stadshart::monitor::chart
