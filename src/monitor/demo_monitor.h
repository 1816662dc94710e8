// The monitor's seed: the five goals of the binnenstadakkoord (7 February 2018) as KPIs with the baselines and
// targets the work plan gives, plus vacancy by floor area; the national reference figures product.md names
// (Locatus); and, clearly marked "demo, fictief", a few later measurements so the dashboard has something to
// project. Pure.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "monitor/kpi.h"

namespace stadshart::monitor {

struct DemoMonitor {
  std::vector<Kpi> kpis;
  std::vector<KpiMeasurement> measurements;
  // Which work-plan chapters' actions are meant to move which KPI (the demo links every action of a chapter).
  std::vector<std::pair<std::string, std::vector<std::string>>> chapter_kpis;
};

DemoMonitor AssenDemoMonitor();

}  // namespace stadshart::monitor
