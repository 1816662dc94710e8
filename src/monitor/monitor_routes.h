// The monitor's HTTP surface: pages under /monitor (dashboard, KPI page, public page, yearly report) and the JSON
// API under /api/v1/kpis. The register gives the derived figures.
#pragma once

#include "common/time.h"
#include "http/router.h"
#include "monitor/monitor_repository.h"
#include "monitor/report.h"
#include "property/property_repository.h"

namespace stadshart::monitor {

// All must outlive the router.
void AddMonitorApiRoutes(http::Router& router, MonitorRepository& repository, property::PropertyRepository& reg,
                         const Clock& clock);
void AddMonitorPageRoutes(http::Router& router, MonitorRepository& repository, property::PropertyRepository& reg,
                          const Clock& clock);

// The reports of all KPIs (archived ones when asked) on `today`.
std::vector<KpiReport> AllReports(MonitorRepository& repository, property::PropertyRepository& reg, Day today,
                                  bool include_archived);

}  // namespace stadshart::monitor
