#include "property/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/text.h"

namespace stadshart::property::charts {
namespace {

constexpr double kWidth = 720;
constexpr double kLineHeight = 300;
constexpr double kLeft = 64;
constexpr double kRight = 16;
constexpr double kTop = 16;
constexpr double kAxisBottom = 36;  // room for the x labels under the plot
constexpr double kLegendRow = 22;
constexpr int kTicks = 4;

// Dash patterns so that series differ in more than colour (WCAG 1.4.1).
constexpr const char* kDashes[] = {"", "8 4", "2 3", "12 4 2 4"};

// Coordinates with one decimal, '.' as the separator (SVG syntax, whatever the locale).
std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::round(v * 10) / 10);
  std::string text = buf;
  if (text.ends_with(".0")) text.resize(text.size() - 2);
  if (text == "-0") text = "0";
  return text;
}

std::string Head(const std::string& id, const std::string& title, const std::string& description, double height,
                 double width = kWidth, const char* kind = "line") {
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"stadshart-chart stadshart-chart--" + std::string(kind) +
                    "\" viewBox=\"0 0 " + Num(width) +
                    " " + Num(height) + "\" role=\"img\" aria-labelledby=\"" + text::XmlEscape(id) + "-title " + text::XmlEscape(id) +
                    "-desc\" id=\"" + text::XmlEscape(id) + "\">";
  svg += "<title id=\"" + text::XmlEscape(id) + "-title\">" + text::XmlEscape(title) + "</title>";
  svg += "<desc id=\"" + text::XmlEscape(id) + "-desc\">" + text::XmlEscape(description) + "</desc>";
  return svg;
}

std::string Text(double x, double y, const std::string& text, const char* anchor, const char* css = "") {
  std::string svg = "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + anchor +
                    "\" class=\"stadshart-chart__text";
  if (*css) svg += std::string(" ") + css;
  return svg + "\">" + text::XmlEscape(text) + "</text>";
}

std::string Line(double x1, double y1, double x2, double y2, const char* css) {
  return "<line x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" + Num(x2) + "\" y2=\"" + Num(y2) +
         "\" class=\"" + css + "\"/>";
}

std::string SeriesClass(size_t index) { return "stadshart-chart__series--" + std::to_string(index % 4); }

std::string Thousands(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace

std::string FormatValue(double value, ValueFormat format) {
  if (format == ValueFormat::kPercent) {
    double tenths = std::round(value * 1000);
    long long whole = static_cast<long long>(tenths) / 10;
    long long decimal = std::llabs(static_cast<long long>(tenths) % 10);
    std::string sign = tenths < 0 && whole == 0 ? "-" : "";
    return sign + Thousands(whole) + "," + std::to_string(decimal) + "%";
  }
  double rounded = std::round(value);
  if (std::fabs(value - rounded) < 1e-9 || std::fabs(value) >= 100) return Thousands(static_cast<long long>(rounded));
  double tenths = std::round(value * 10);
  return Thousands(static_cast<long long>(tenths) / 10) + "," +
         std::to_string(std::llabs(static_cast<long long>(tenths) % 10));
}

double NiceMax(double max, ValueFormat format) {
  if (!(max > 0)) return format == ValueFormat::kPercent ? 0.1 : 1;
  double power = std::pow(10.0, std::floor(std::log10(max)));
  double nice = power;
  for (double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    nice = step * power;
    if (nice >= max * (1 - 1e-12)) break;
  }
  if (format == ValueFormat::kPercent && max <= 1) nice = std::min(nice, 1.0);
  if (format == ValueFormat::kCount && nice < kTicks) nice = kTicks;  // whole numbers on every tick
  return nice;
}

std::string Summary(const LineChart& chart) {
  const std::vector<std::string>& names = chart.point_names.empty() ? chart.labels : chart.point_names;
  auto name = [&](size_t i) { return i < names.size() ? names[i] : std::to_string(i + 1); };
  std::string text;
  for (const Series& series : chart.series) {
    if (series.values.empty()) continue;
    const std::vector<double>& v = series.values;
    size_t low = static_cast<size_t>(std::min_element(v.begin(), v.end()) - v.begin());
    size_t high = static_cast<size_t>(std::max_element(v.begin(), v.end()) - v.begin());
    if (!text.empty()) text += " ";
    text += series.name + ": van " + FormatValue(v.front(), chart.format) + " (" + name(0) + ") tot " +
            FormatValue(v.back(), chart.format) + " (" + name(v.size() - 1) + "); laagste " +
            FormatValue(v[low], chart.format) + " (" + name(low) + "), hoogste " + FormatValue(v[high], chart.format) +
            " (" + name(high) + ").";
  }
  return text.empty() ? "Geen gegevens." : text;
}

std::string RenderLineChart(const LineChart& chart) {
  double height = kLineHeight + kLegendRow * static_cast<double>(chart.series.size());
  std::string svg = Head(chart.id, chart.title, chart.description.empty() ? Summary(chart) : chart.description, height);
  double plot_bottom = kLineHeight - kAxisBottom;
  double plot_width = kWidth - kLeft - kRight;
  double plot_height = plot_bottom - kTop;

  double max = 0;
  for (const Series& s : chart.series) {
    for (double v : s.values) max = std::max(max, v);
  }
  double top = NiceMax(max, chart.format);
  auto y_of = [&](double v) { return plot_bottom - plot_height * std::clamp(v / top, 0.0, 1.0); };
  size_t points = chart.labels.size();
  for (const Series& s : chart.series) points = std::max(points, s.values.size());
  auto x_of = [&](size_t i) { return points <= 1 ? kLeft + plot_width / 2 : kLeft + plot_width * i / (points - 1.0); };

  svg += "<g aria-hidden=\"true\">";
  for (int t = 0; t <= kTicks; ++t) {
    double value = top * t / kTicks;
    double y = y_of(value);
    svg += Line(kLeft, y, kWidth - kRight, y, t == 0 ? "stadshart-chart__axis" : "stadshart-chart__grid");
    svg += Text(kLeft - 6, y + 4, FormatValue(value, chart.format), "end");
  }
  for (size_t i = 0; i < chart.labels.size(); ++i) {
    if (chart.labels[i].empty()) continue;
    double x = x_of(i);
    svg += Line(x, plot_bottom, x, plot_bottom + 5, "stadshart-chart__axis");
    svg += Text(x, plot_bottom + 20, chart.labels[i], "middle");
  }
  for (size_t s = 0; s < chart.series.size(); ++s) {
    const Series& series = chart.series[s];
    if (series.values.empty()) continue;
    std::string dash = kDashes[s % 4];
    std::string points_attr;
    for (size_t i = 0; i < series.values.size(); ++i) {
      if (!points_attr.empty()) points_attr += ' ';
      points_attr += Num(x_of(i)) + "," + Num(y_of(series.values[i]));
    }
    svg += "<polyline class=\"stadshart-chart__line " + SeriesClass(s) + "\" fill=\"none\" stroke-width=\"2.5\"" +
           (dash.empty() ? "" : " stroke-dasharray=\"" + dash + "\"") + " points=\"" + points_attr + "\"/>";
    double legend_y = kLineHeight + kLegendRow * static_cast<double>(s) + 4;
    svg += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(legend_y) + "\" x2=\"" + Num(kLeft + 32) + "\" y2=\"" +
           Num(legend_y) + "\" class=\"stadshart-chart__line " + SeriesClass(s) + "\" stroke-width=\"2.5\"" +
           (dash.empty() ? "" : " stroke-dasharray=\"" + dash + "\"") + "/>";
    svg += Text(kLeft + 40, legend_y + 5, series.name, "start");
  }
  svg += "</g></svg>";
  return svg;
}

std::string RenderBarChart(const BarChart& chart) {
  constexpr double kBarWidth = 600;  // narrower than a line chart: it sits beside its table
  constexpr double kLabelWidth = 230;
  constexpr double kRow = 32;
  constexpr double kBar = 22;
  constexpr double kValueRoom = 70;
  double height = kTop + kRow * static_cast<double>(chart.bars.size()) + 8;
  std::string description = chart.description;
  if (description.empty()) {
    for (const Bar& bar : chart.bars) {
      description += (description.empty() ? "" : "; ") + bar.label + ": " + FormatValue(bar.value, chart.format);
    }
    description = description.empty() ? "Geen gegevens." : description + ".";
  }
  std::string svg = Head(chart.id, chart.title, description, height, kBarWidth, "bar");
  double max = 0;
  for (const Bar& bar : chart.bars) max = std::max(max, bar.value);
  // No value axis: each bar carries its value as text, so the longest bar fills the room.
  double top = max > 0 ? max : 1;
  double room = kBarWidth - kLabelWidth - kValueRoom - kRight;
  svg += "<g aria-hidden=\"true\">";
  for (size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& bar = chart.bars[i];
    double y = kTop + kRow * static_cast<double>(i);
    double width = room * std::clamp(bar.value / top, 0.0, 1.0);
    svg += Text(kLabelWidth - 8, y + kBar - 5, bar.label, "end");
    svg += "<rect x=\"" + Num(kLabelWidth) + "\" y=\"" + Num(y) + "\" width=\"" + Num(width) + "\" height=\"" +
           Num(kBar) + "\" class=\"stadshart-chart__bar " + SeriesClass(0) + "\"/>";
    svg += Text(kLabelWidth + width + 6, y + kBar - 5, FormatValue(bar.value, chart.format), "start");
  }
  svg += Line(kLabelWidth, kTop - 4, kLabelWidth, height - 4, "stadshart-chart__axis");
  svg += "</g></svg>";
  return svg;
}

}  // namespace stadshart::property::charts
