// Binnenstadmonitor: is a KPI on its way to its target? Pure.
//
// Method (stated on the KPI page too): an ordinary least-squares line through the measurements in the window,
// value against time in years; projected to 31 December of the target year. At least 3 measurements spanning
// at least one year are needed, else the verdict is insufficient_data and no projection is given.
// - on_track: the projection meets the target;
// - at_risk: it misses, by no more than 20% of the distance still to go from the latest measurement;
// - off_track: it misses by more (or the trend goes the wrong way).
// The pace needed is the change per year that would still reach the target from the latest measurement (none
// when the latest measurement already meets the target).
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string_view>

namespace stadshart::monitor {

using Day = std::chrono::sys_days;

struct Measurement {
  Day date;
  double value = 0;
};

enum class Comparator { kAtLeast, kAtMost, kBelow, kAbove };

struct Target {
  double value = 0;
  int year = 0;  // the target must hold by 31 December of this year
  Comparator comparator = Comparator::kAtLeast;
};

enum class Verdict { kOnTrack, kAtRisk, kOffTrack, kInsufficientData };
std::string_view VerdictCode(Verdict verdict);  // "on_track", "at_risk", "off_track", "insufficient_data"

struct Line {
  double slope_per_year = 0;
  double value_at_first = 0;  // at the first measurement's date
  Day first;
  double At(Day day) const;
};

// Least squares through the points; nullopt for fewer than 2 points or all on one day.
std::optional<Line> FitLine(std::span<const Measurement> points);

struct Projection {
  Verdict verdict = Verdict::kInsufficientData;
  int points = 0;
  std::optional<Line> line;
  std::optional<double> projected;             // at the target date
  std::optional<double> pace_needed_per_year;  // from the latest measurement to the target
};

bool Meets(double value, const Target& target);

// Measurements before `window_from` (if given) are left out. Order of `points` does not matter.
Projection Project(std::span<const Measurement> points, const Target& target, std::optional<Day> window_from = {});

}  // namespace stadshart::monitor
