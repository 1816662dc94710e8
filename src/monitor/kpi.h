// KPIs of the binnenstadmonitor: definitions, measurements, the checks on them, and the status of a KPI on a
// day (latest value, progress from baseline to target, projection and verdict). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "monitor/projection.h"

namespace stadshart::monitor {

enum class Direction { kHigher, kLower };
std::string_view DirectionCode(Direction d);  // "higher", "lower"
std::string_view ComparatorCode(Comparator c);  // "at_least", "at_most", "below", "above"
std::optional<Comparator> ParseComparator(std::string_view code);
// "ten minste", "ten hoogste", "onder", "boven"
std::string_view ComparatorLabel(Comparator c);

// A KPI whose figures also follow live from the registers (issue #5).
enum class Derived { kNone, kVacancyCount, kVacancyFloorArea, kBusinesses, kJobs };
std::string_view DerivedCode(Derived d);  // "", "vacancy_count", ...
std::optional<Derived> ParseDerived(std::string_view code);

struct Baseline {
  std::optional<double> value;
  std::optional<Day> date;
  std::string source;
};

struct Kpi {
  std::string code;  // "vacancy", "jobs", ...
  std::string name;  // Dutch
  std::string unit;  // "%", "arbeidsplaatsen", ...
  Direction direction = Direction::kHigher;
  Baseline baseline;
  Target target;
  std::string description;
  std::string source;
  std::string frequency;
  Derived derived = Derived::kNone;
  bool archived = false;
  std::int64_t version = 1;
};

enum class Series { kMeasured, kNational };
std::string_view SeriesCode(Series s);  // "measured", "national"
std::optional<Series> ParseSeries(std::string_view code);

struct KpiMeasurement {
  std::int64_t id = 0;
  std::string kpi;
  Series series = Series::kMeasured;
  Day date;
  double value = 0;
  std::string source;
  std::string note;  // internal
  std::int64_t version = 1;
};

// Checks a KPI definition (code, name, unit, target year, comparator consistent with the direction).
std::vector<FieldError> CheckKpi(const Kpi& kpi);
// Checks a measurement against its KPI: a date not after `today`, a finite value within the unit's range
// (a percentage 0-100, a rating 1-10, a rank from 1, counts from 0).
std::vector<FieldError> CheckMeasurement(const Kpi& kpi, const KpiMeasurement& m, Day today);

struct KpiStatus {
  std::optional<KpiMeasurement> latest;  // of the measured series
  std::optional<double> progress;        // share of the way from baseline to target covered, 0..1 (may overshoot)
  bool met = false;                      // the latest value meets the target
  bool from_register = false;            // progress and met are taken from the register's figure today
  Projection projection;
};

// The status from the measured series (any order); `window_from` limits the trend's window.
KpiStatus StatusOf(const Kpi& kpi, const std::vector<KpiMeasurement>& measured, std::optional<Day> window_from = {});

// A value kept within what the unit allows (a percentage 0-100, a rating 1-10, a rank from 1, counts from 0):
// a straight-line projection may otherwise run past it.
double ClampToUnit(double value, std::string_view unit);

// "21,9%", "3.800 arbeidsplaatsen", "7,5": Dutch number formatting with the unit.
std::string FormatValue(double value, std::string_view unit);
// Dutch label of a verdict: "op koers", "risico", "niet op koers", "te weinig gegevens".
std::string_view VerdictLabel(Verdict verdict);

}  // namespace stadshart::monitor
