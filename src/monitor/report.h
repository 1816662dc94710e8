// Everything the monitor shows of one KPI on a day: its series (measured, national reference, derived from the
// register), the latest value, progress and the projection with its basis. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "monitor/derived.h"
#include "monitor/kpi.h"

namespace stadshart::monitor {

enum class Basis { kMeasured, kDerived };

struct KpiReport {
  Kpi kpi;
  std::vector<KpiMeasurement> measured;   // by date
  std::vector<KpiMeasurement> national;   // by date
  std::vector<Measurement> derived;       // monthly from the register, from 2015 (or the baseline year if earlier)
  std::optional<double> derived_today;
  KpiStatus status;
  // What the projection is drawn through: the measurements when there are enough (3 over at least a year),
  // otherwise, for a derived KPI, the register's figure on every 1 January.
  Basis basis = Basis::kMeasured;
};

// `measurements`: any KPIs' (only `kpi`'s are used). `reg` may be null (no derived series then). The trend's
// window starts at `window_from`, or at the baseline date when not given. The projected value is kept within
// the unit's range (ClampToUnit); the verdict is taken on the line itself. When the projection's basis is the
// register, progress and "met" are the register's figure today too, so the card does not contradict itself.
KpiReport BuildReport(const Kpi& kpi, const std::vector<KpiMeasurement>& measurements, const property::Register* reg,
                      Day today, std::optional<Day> window_from = {});

}  // namespace stadshart::monitor
