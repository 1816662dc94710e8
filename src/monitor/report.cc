#include "monitor/report.h"

#include <algorithm>

namespace stadshart::monitor {

KpiReport BuildReport(const Kpi& kpi, const std::vector<KpiMeasurement>& measurements, const property::Register* reg,
                      Day today, std::optional<Day> window_from) {
  KpiReport report;
  report.kpi = kpi;
  for (const KpiMeasurement& m : measurements) {
    if (m.kpi != kpi.code) continue;
    (m.series == Series::kMeasured ? report.measured : report.national).push_back(m);
  }
  auto by_date = [](const KpiMeasurement& a, const KpiMeasurement& b) { return a.date < b.date; };
  std::sort(report.measured.begin(), report.measured.end(), by_date);
  std::sort(report.national.begin(), report.national.end(), by_date);
  // The trend's window starts at the baseline unless another is asked for: the goal is about the years since.
  if (!window_from) window_from = kpi.baseline.date;
  report.status = StatusOf(kpi, report.measured, window_from);

  if (reg != nullptr && kpi.derived != Derived::kNone) {
    int from_year = kpi.baseline.date ? static_cast<int>(std::chrono::year_month_day{*kpi.baseline.date}.year()) : 2015;
    from_year = std::min(from_year, 2015);
    report.derived = DerivedSeries(*reg, kpi.derived, Day{std::chrono::year{from_year} / 1 / 1}, today);
    report.derived_today = DerivedValue(*reg, kpi.derived, today);
    if (report.status.projection.verdict == Verdict::kInsufficientData) {
      std::vector<Measurement> yearly = YearlyDerived(*reg, kpi.derived, from_year, today);
      Projection derived = Project(yearly, kpi.target, window_from);
      if (derived.verdict != Verdict::kInsufficientData) {
        report.status.projection = derived;
        report.basis = Basis::kDerived;
      }
    }
  }
  if (report.basis == Basis::kDerived && report.derived_today) {
    report.status.met = Meets(*report.derived_today, kpi.target);
    report.status.from_register = true;
    report.status.progress.reset();
    if (kpi.baseline.value && *kpi.baseline.value != kpi.target.value) {
      report.status.progress =
          (*report.derived_today - *kpi.baseline.value) / (kpi.target.value - *kpi.baseline.value);
    }
  }
  Projection& p = report.status.projection;
  if (p.projected) p.projected = ClampToUnit(*p.projected, kpi.unit);
  return report;
}

}  // namespace stadshart::monitor
