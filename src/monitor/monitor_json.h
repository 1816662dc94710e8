// The monitor's JSON contract (issue #6, "API"): KPIs with baseline, target, latest value and projection;
// series; measurements. Reading refuses unknown fields.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "common/result.h"
#include "monitor/monitor_repository.h"
#include "monitor/report.h"

namespace stadshart::monitor {

// The summary of GET /api/v1/kpis.
nlohmann::json ReportToJson(const KpiReport& report);
// GET /api/v1/kpis/{code}: the summary plus every series; notes only when `internal`.
nlohmann::json ReportWithSeriesToJson(const KpiReport& report, const std::vector<LinkedAction>& actions, bool internal);
nlohmann::json MeasurementToJson(const KpiMeasurement& m, bool internal);

// A new KPI (POST) or the fields present applied on `base` (PATCH).
Result<Kpi> KpiFromJson(const nlohmann::json& body, Kpi base, bool creating);
// {"date", "value", "source", "note", "series"} for `kpi_code`; on a correction only value/source/note count.
Result<KpiMeasurement> MeasurementFromJson(const nlohmann::json& body, const std::string& kpi_code, bool correcting);

// CSV of all series for Dutch Excel: kpi;series;date;value;source (no notes: they are internal).
std::string SeriesCsv(const std::vector<Kpi>& kpis, const std::vector<KpiMeasurement>& measurements);
// Parses kpi;series;date;value;source;note (header required; ';' or ','; comma decimals; "1-3-2019" dates).
// Every problem with its line ("Regel N: ...").
Result<std::vector<std::pair<int, KpiMeasurement>>> ParseMeasurementsCsv(std::string_view text);

}  // namespace stadshart::monitor
