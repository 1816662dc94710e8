#include "monitor/kpi_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/text.h"
#include "monitor/kpi.h"
#include "property/occupancy.h"

namespace stadshart::monitor::chart {
namespace {

using std::chrono::year_month_day;

constexpr double kWidth = 720;
constexpr double kHeight = 300;
constexpr double kLeft = 64;
constexpr double kRight = 24;
constexpr double kTop = 16;
constexpr double kAxisBottom = 36;
constexpr double kLegendRow = 22;

constexpr double kSparkWidth = 160;
constexpr double kSparkHeight = 44;
constexpr double kSparkPad = 5;

// Coordinates with one decimal and '.' (SVG syntax, whatever the locale).
std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::round(v * 10) / 10);
  std::string text = buf;
  if (text.ends_with(".0")) text.resize(text.size() - 2);
  if (text == "-0") text = "0";
  return text;
}

const char* KindCode(SeriesKind kind) {
  switch (kind) {
    case SeriesKind::kMeasured: return "measured";
    case SeriesKind::kDerived: return "derived";
    case SeriesKind::kNational: return "national";
    case SeriesKind::kProjection: return "projection";
  }
  return "measured";
}

// Dash patterns, so that the series differ in more than colour.
const char* Dash(SeriesKind kind) {
  switch (kind) {
    case SeriesKind::kMeasured: return "";
    case SeriesKind::kDerived: return "";
    case SeriesKind::kNational: return "2 4";
    case SeriesKind::kProjection: return "8 5";
  }
  return "";
}
constexpr const char* kTargetDash = "14 4 3 4";

double Width(SeriesKind kind) { return kind == SeriesKind::kDerived ? 1.75 : 2.5; }

std::string Head(const TimeChart& chart, double width, double height, const char* variant) {
  std::string id = text::XmlEscape(chart.id);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"stadshart-kpi-chart stadshart-kpi-chart--" +
                    std::string(variant) + "\" viewBox=\"0 0 " + Num(width) + " " + Num(height) +
                    "\" role=\"img\" aria-labelledby=\"" + id + "-title " + id + "-desc\" id=\"" + id + "\">";
  svg += "<title id=\"" + id + "-title\">" + text::XmlEscape(chart.title) + "</title>";
  svg += "<desc id=\"" + id + "-desc\">" + text::XmlEscape(chart.description.empty() ? Describe(chart) : chart.description) +
         "</desc>";
  return svg;
}

std::string Text(double x, double y, const std::string& text, const char* anchor, const char* css = "") {
  std::string svg = "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + anchor +
                    "\" class=\"stadshart-kpi-chart__text";
  if (*css) svg += std::string(" ") + css;
  return svg + "\">" + text::XmlEscape(text) + "</text>";
}

std::string LineEl(double x1, double y1, double x2, double y2, const std::string& css, const char* dash = "",
                   double width = 0) {
  std::string svg = "<line x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" + Num(x2) + "\" y2=\"" + Num(y2) +
                    "\" class=\"" + css + "\"";
  if (width > 0) svg += " stroke-width=\"" + Num(width) + "\"";
  if (*dash) svg += " stroke-dasharray=\"" + std::string(dash) + "\"";
  return svg + "/>";
}

std::string SeriesClass(SeriesKind kind) {
  return std::string("stadshart-kpi-chart__series stadshart-kpi-chart__series--") + KindCode(kind);
}

std::string Marker(SeriesKind kind, double x, double y, double size) {
  std::string css = "stadshart-kpi-chart__marker stadshart-kpi-chart__marker--" + std::string(KindCode(kind));
  if (kind == SeriesKind::kMeasured) {
    return "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"" + Num(size) + "\" class=\"" + css + "\"/>";
  }
  if (kind == SeriesKind::kNational) {
    return "<rect x=\"" + Num(x - size) + "\" y=\"" + Num(y - size) + "\" width=\"" + Num(2 * size) + "\" height=\"" +
           Num(2 * size) + "\" class=\"" + css + "\"/>";
  }
  return "";
}

std::vector<Measurement> Sorted(const std::vector<Measurement>& points) {
  std::vector<Measurement> sorted = points;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Measurement& a, const Measurement& b) { return a.date < b.date; });
  return sorted;
}

// What the axes must hold: the dates and values of every point, the target and `until`.
struct Extent {
  bool any = false;
  Day from, to;
  double low = 0, high = 0;
};

Extent ExtentOf(const TimeChart& chart) {
  Extent e;
  auto take_value = [&](double v) {
    e.low = std::min(e.low, v);
    e.high = std::max(e.high, v);
  };
  for (const TimeSeries& s : chart.series) {
    for (const Measurement& m : s.points) {
      if (!e.any) {
        e = {true, m.date, m.date, m.value, m.value};
        continue;
      }
      e.from = std::min(e.from, m.date);
      e.to = std::max(e.to, m.date);
      take_value(m.value);
    }
  }
  if (!e.any) return e;
  if (chart.target) take_value(*chart.target);
  if (chart.until) e.to = std::max(e.to, *chart.until);
  if (e.from == e.to) {
    e.from -= std::chrono::days{183};
    e.to += std::chrono::days{183};
  }
  return e;
}

// Short value labels for the axis: the number, with "%" for percentages only.
std::string AxisLabel(double value, const std::string& unit) { return FormatValue(value, unit == "%" ? "%" : ""); }

}  // namespace

ValueAxis NiceValueAxis(double low, double high) {
  if (!(high >= low)) std::swap(low, high);
  if (low >= 0 && low <= (high - low) * 0.5) low = 0;
  double span = high - low;
  if (span <= 0) span = std::max(std::abs(high), 1.0);
  double rough = span / 4;
  double power = std::pow(10.0, std::floor(std::log10(rough)));
  double step = power;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * power;
    if (step >= rough * (1 - 1e-12)) break;
  }
  ValueAxis axis;
  axis.step = step;
  axis.min = std::floor(low / step + 1e-9) * step;
  axis.max = std::ceil(high / step - 1e-9) * step;
  if (low >= 0 && axis.min < 0) axis.min = 0;
  if (axis.max <= axis.min) axis.max = axis.min + step;
  return axis;
}

std::vector<int> YearTicks(Day from, Day to) {
  int first = static_cast<int>(year_month_day{from}.year());
  int last = static_cast<int>(year_month_day{to}.year());
  if (Day{std::chrono::year{first} / 1 / 1} < from) ++first;
  int span = last - first;
  int every = span > 24 ? 5 : span > 12 ? 2 : 1;
  std::vector<int> years;
  for (int y = first; y <= last; ++y) {
    if (y % every == 0) years.push_back(y);
  }
  return years;
}

std::string Describe(const TimeChart& chart) {
  std::string text;
  for (const TimeSeries& s : chart.series) {
    if (s.points.empty()) continue;
    std::vector<Measurement> points = Sorted(s.points);
    auto at = [&](const Measurement& m) { return FormatValue(m.value, chart.unit) + " (" + property::DutchDay(m.date) + ")"; };
    if (!text.empty()) text += " ";
    if (points.size() == 1) {
      text += s.name + ": " + at(points.front()) + ".";
      continue;
    }
    auto [low, high] = std::minmax_element(points.begin(), points.end(),
                                           [](const Measurement& a, const Measurement& b) { return a.value < b.value; });
    text += s.name + ": " + std::to_string(points.size()) + " waarden, van " + at(points.front()) + " tot " +
            at(points.back());
    if (points.size() > 2) text += "; laagste " + at(*low) + ", hoogste " + at(*high);
    text += ".";
  }
  if (text.empty()) return "Geen gegevens.";
  if (!chart.target_label.empty()) text += " " + chart.target_label + ".";
  return text;
}

std::string RenderTimeChart(const TimeChart& chart) {
  size_t legend_rows = chart.series.size() + (chart.target ? 1 : 0);
  double height = kHeight + kLegendRow * static_cast<double>(legend_rows);
  std::string svg = Head(chart, kWidth, height, "full");
  Extent e = ExtentOf(chart);
  if (!e.any) {
    svg += Text(kWidth / 2, kHeight / 2, "Geen gegevens", "middle");
    return svg + "</svg>";
  }
  double bottom = kHeight - kAxisBottom;
  double plot_w = kWidth - kLeft - kRight;
  double plot_h = bottom - kTop;
  ValueAxis axis = NiceValueAxis(e.low, e.high);
  double days = static_cast<double>((e.to - e.from).count());
  auto x_of = [&](Day d) { return kLeft + plot_w * static_cast<double>((d - e.from).count()) / days; };
  auto y_of = [&](double v) { return bottom - plot_h * std::clamp((v - axis.min) / (axis.max - axis.min), 0.0, 1.0); };

  svg += "<g aria-hidden=\"true\">";
  for (double v = axis.min; v <= axis.max + axis.step * 1e-6; v += axis.step) {
    double y = y_of(v);
    bool base = std::abs(v - axis.min) < axis.step * 1e-6;
    svg += LineEl(kLeft, y, kWidth - kRight, y, base ? "stadshart-kpi-chart__axis" : "stadshart-kpi-chart__grid");
    svg += Text(kLeft - 6, y + 5, AxisLabel(v, chart.unit), "end");
  }
  svg += LineEl(kLeft, kTop, kLeft, bottom, "stadshart-kpi-chart__axis");
  for (int year : YearTicks(e.from, e.to)) {
    double x = x_of(Day{std::chrono::year{year} / 1 / 1});
    svg += LineEl(x, bottom, x, bottom + 5, "stadshart-kpi-chart__axis");
    svg += Text(x, bottom + 21, std::to_string(year), "middle");
  }
  if (chart.target) {
    double y = y_of(*chart.target);
    svg += LineEl(kLeft, y, kWidth - kRight, y, "stadshart-kpi-chart__target", kTargetDash, 2);
  }
  for (const TimeSeries& s : chart.series) {
    if (s.points.empty()) continue;
    std::vector<Measurement> points = Sorted(s.points);
    std::string coords;
    for (const Measurement& m : points) {
      if (!coords.empty()) coords += ' ';
      coords.append(Num(x_of(m.date))).append(",").append(Num(y_of(m.value)));
    }
    std::string dash = Dash(s.kind);
    if (points.size() > 1) {
      svg += "<polyline class=\"" + SeriesClass(s.kind) + "\" fill=\"none\" stroke-width=\"" + Num(Width(s.kind)) + "\"" +
             (dash.empty() ? "" : " stroke-dasharray=\"" + dash + "\"") + " points=\"" + coords + "\"/>";
    }
    for (const Measurement& m : points) svg += Marker(s.kind, x_of(m.date), y_of(m.value), 4);
    if (points.size() == 1 && s.kind != SeriesKind::kMeasured && s.kind != SeriesKind::kNational) {
      svg += Marker(SeriesKind::kMeasured, x_of(points[0].date), y_of(points[0].value), 3);
    }
  }
  // Legend under the plot: a sample of each line (with its marker) and its name.
  double row = kHeight;
  auto legend = [&](const std::string& css, const char* dash, double width, const std::string& marker,
                    const std::string& name) {
    double y = row + 4;
    svg += LineEl(kLeft, y, kLeft + 36, y, css, dash, width) + marker;
    svg += Text(kLeft + 46, y + 5, name, "start");
    row += kLegendRow;
  };
  for (const TimeSeries& s : chart.series) {
    legend(SeriesClass(s.kind), Dash(s.kind), Width(s.kind), Marker(s.kind, kLeft + 18, row + 4, 4), s.name);
  }
  if (chart.target) {
    legend("stadshart-kpi-chart__target", kTargetDash, 2, "", chart.target_label.empty() ? "Doel" : chart.target_label);
  }
  svg += "</g></svg>";
  return svg;
}

std::string RenderSparkline(const TimeChart& chart) {
  std::string svg = Head(chart, kSparkWidth, kSparkHeight, "spark");
  Extent e = ExtentOf(chart);
  if (!e.any) return svg + "</svg>";
  double low = e.low, high = e.high;
  if (high - low < 1e-9) {
    low -= 1;
    high += 1;
  }
  double days = static_cast<double>((e.to - e.from).count());
  auto x_of = [&](Day d) {
    return kSparkPad + (kSparkWidth - 2 * kSparkPad) * static_cast<double>((d - e.from).count()) / days;
  };
  auto y_of = [&](double v) { return kSparkHeight - kSparkPad - (kSparkHeight - 2 * kSparkPad) * (v - low) / (high - low); };
  svg += "<g aria-hidden=\"true\">";
  if (chart.target) {
    double y = y_of(*chart.target);
    svg += LineEl(kSparkPad, y, kSparkWidth - kSparkPad, y, "stadshart-kpi-chart__target", "6 3", 1.5);
  }
  for (const TimeSeries& s : chart.series) {
    if (s.points.empty()) continue;
    std::vector<Measurement> points = Sorted(s.points);
    std::string coords;
    for (const Measurement& m : points) {
      if (!coords.empty()) coords += ' ';
      coords.append(Num(x_of(m.date))).append(",").append(Num(y_of(m.value)));
    }
    std::string dash = Dash(s.kind);
    if (points.size() > 1) {
      svg += "<polyline class=\"" + SeriesClass(s.kind) + "\" fill=\"none\" stroke-width=\"2\"" +
             (dash.empty() ? "" : " stroke-dasharray=\"" + dash + "\"") + " points=\"" + coords + "\"/>";
    }
    const Measurement& last = points.back();
    svg += Marker(s.kind == SeriesKind::kNational ? SeriesKind::kNational : SeriesKind::kMeasured, x_of(last.date),
                  y_of(last.value), 3);
  }
  svg += "</g></svg>";
  return svg;
}

}  // namespace stadshart::monitor::chart
