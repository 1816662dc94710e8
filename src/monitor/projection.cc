#include "monitor/projection.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace stadshart::monitor {
namespace {

constexpr double kDaysPerYear = 365.2425;

double YearsBetween(Day a, Day b) { return (b - a).count() / kDaysPerYear; }

Day TargetDay(const Target& target) {
  return Day{std::chrono::year{target.year} / std::chrono::December / std::chrono::day{31}};
}

}  // namespace

std::string_view VerdictCode(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOnTrack: return "on_track";
    case Verdict::kAtRisk: return "at_risk";
    case Verdict::kOffTrack: return "off_track";
    case Verdict::kInsufficientData: return "insufficient_data";
  }
  return "insufficient_data";
}

double Line::At(Day day) const { return value_at_first + slope_per_year * YearsBetween(first, day); }

std::optional<Line> FitLine(std::span<const Measurement> points) {
  if (points.size() < 2) return std::nullopt;
  Day first = std::min_element(points.begin(), points.end(), [](auto& a, auto& b) { return a.date < b.date; })->date;
  double n = static_cast<double>(points.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const Measurement& p : points) {
    double x = YearsBetween(first, p.date);
    sx += x;
    sy += p.value;
    sxx += x * x;
    sxy += x * p.value;
  }
  double denominator = n * sxx - sx * sx;
  if (std::abs(denominator) < 1e-12) return std::nullopt;
  double slope = (n * sxy - sx * sy) / denominator;
  double intercept = (sy - slope * sx) / n;
  return Line{slope, intercept, first};
}

bool Meets(double value, const Target& target) {
  switch (target.comparator) {
    case Comparator::kAtLeast: return value >= target.value;
    case Comparator::kAtMost: return value <= target.value;
    case Comparator::kBelow: return value < target.value;
    case Comparator::kAbove: return value > target.value;
  }
  return false;
}

Projection Project(std::span<const Measurement> all, const Target& target, std::optional<Day> window_from) {
  std::vector<Measurement> points;
  for (const Measurement& m : all) {
    if (!window_from || m.date >= *window_from) points.push_back(m);
  }
  std::sort(points.begin(), points.end(), [](auto& a, auto& b) { return a.date < b.date; });
  Projection projection;
  projection.points = static_cast<int>(points.size());
  if (points.size() < 3 || YearsBetween(points.front().date, points.back().date) < 1.0) return projection;
  projection.line = FitLine(points);
  if (!projection.line) return projection;

  Day target_day = TargetDay(target);
  const Measurement& latest = points.back();
  double years_left = YearsBetween(latest.date, target_day);
  if (years_left > 0 && !Meets(latest.value, target)) projection.pace_needed_per_year = (target.value - latest.value) / years_left;
  double projected = projection.line->At(target_day);
  projection.projected = projected;
  if (Meets(projected, target)) {
    projection.verdict = Verdict::kOnTrack;
    return projection;
  }
  double to_go = std::abs(target.value - latest.value);
  double miss = std::abs(target.value - projected);
  bool right_direction = (target.value - latest.value) * projection.line->slope_per_year > 0;
  projection.verdict = right_direction && miss <= 0.2 * to_go ? Verdict::kAtRisk : Verdict::kOffTrack;
  return projection;
}

}  // namespace stadshart::monitor
