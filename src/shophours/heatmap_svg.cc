#include "shophours/heatmap_svg.h"

#include <algorithm>
#include <cmath>

#include "common/text.h"

namespace stadshart::shophours {
namespace {

constexpr int kLabelWidth = 44;
constexpr int kCell = 22;
constexpr int kHeader = 18;

}  // namespace

int HeatStep(double value, double max) {
  if (!(value > 0) || !(max > 0)) return 0;
  return std::clamp(static_cast<int>(std::ceil(value / max * 5 - 1e-9)), 1, 5);
}

std::string RenderHeatmapSvg(const HeatmapChart& chart) {
  int width = kLabelWidth + kCell * static_cast<int>(chart.columns.size());
  int height = kHeader + kCell * static_cast<int>(chart.rows.size());
  std::string id = text::XmlEscape(chart.id);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"stadshart-heatmap\" id=\"" + id +
                    "\" role=\"img\" aria-labelledby=\"" + id + "-title " + id + "-desc\" viewBox=\"0 0 " +
                    std::to_string(width) + " " + std::to_string(height) + "\" width=\"" + std::to_string(width) +
                    "\" height=\"" + std::to_string(height) + "\">";
  out += "<title id=\"" + id + "-title\">" + text::XmlEscape(chart.title) + "</title>";
  out += "<desc id=\"" + id + "-desc\">" + text::XmlEscape(chart.description) + "</desc>";
  for (std::size_t c = 0; c < chart.columns.size(); ++c) {
    if (c % 2 != 0) continue;
    out += "<text class=\"stadshart-heatmap__label\" x=\"" + std::to_string(kLabelWidth + kCell * c + kCell / 2) +
           "\" y=\"13\" text-anchor=\"middle\">" + text::XmlEscape(chart.columns[c]) + "</text>";
  }
  for (std::size_t r = 0; r < chart.rows.size(); ++r) {
    const HeatmapRow& row = chart.rows[r];
    int y = kHeader + kCell * static_cast<int>(r);
    out += "<text class=\"stadshart-heatmap__label\" x=\"0\" y=\"" + std::to_string(y + 15) + "\">" +
           text::XmlEscape(row.label) + "</text>";
    for (std::size_t c = 0; c < row.values.size() && c < chart.columns.size(); ++c) {
      out += "<rect class=\"stadshart-heat stadshart-heat--" + std::to_string(HeatStep(row.values[c], chart.max)) +
             "\" x=\"" + std::to_string(kLabelWidth + kCell * c) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
             std::to_string(kCell - 2) + "\" height=\"" + std::to_string(kCell - 2) + "\"/>";
    }
  }
  out += "</svg>";
  return out;
}

}  // namespace stadshart::shophours
