// Storage of the monitor: KPIs, their measurements (and national reference series), and the links between
// work-plan actions and KPIs. Every change is one transaction with its audit row ("kpi", "measurement");
// a correction keeps the old value in the audit trail. Thread-safe; calls block (worker pool only).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "common/result.h"
#include "monitor/kpi.h"

namespace stadshart::monitor {

struct LinkedAction {
  std::int64_t id = 0;
  int plan_year = 0;
  std::string chapter;  // "A".."F", "J"
  std::string title;
  std::string status;   // gepland, lopend, gereed, vervallen
};

struct MeasurementImportReport {
  int created = 0;
  int corrected = 0;
  int unchanged = 0;
  bool dry_run = false;
};

class MonitorRepository {
 public:
  virtual ~MonitorRepository() = default;

  virtual std::vector<Kpi> ListKpis(bool include_archived) = 0;
  virtual std::optional<Kpi> GetKpi(const std::string& code) = 0;
  // Both series of one KPI, or of all KPIs (code empty), by KPI position and date.
  virtual std::vector<KpiMeasurement> Measurements(const std::string& code) = 0;

  // kConflict for a code in use.
  virtual Result<Kpi> CreateKpi(const Kpi& kpi, const audit::Actor& actor) = 0;
  // Every field but the code; archiving is `archived = true`.
  virtual Result<Kpi> UpdateKpi(const std::string& code, const Kpi& kpi, std::int64_t expected_version,
                                const audit::Actor& actor) = 0;
  // kConflict while measurements exist (archive instead).
  virtual Result<Done> DeleteKpi(const std::string& code, const audit::Actor& actor) = 0;

  // Checked against the KPI (CheckMeasurement with `today`); kConflict when the series already has a value on
  // that date (correct it instead).
  virtual Result<KpiMeasurement> AddMeasurement(const KpiMeasurement& m, Day today, const audit::Actor& actor) = 0;
  // New value, source and note of a measurement; the old one stays in the audit trail.
  virtual Result<KpiMeasurement> CorrectMeasurement(std::int64_t id, const KpiMeasurement& m,
                                                    std::int64_t expected_version, Day today,
                                                    const audit::Actor& actor) = 0;
  // All or nothing: every row checked (errors "Regel N: ..."); a row for an existing (kpi, series, date) corrects
  // it when the value, source or note differ. Importing the same file twice changes nothing.
  virtual Result<MeasurementImportReport> ImportMeasurements(const std::vector<std::pair<int, KpiMeasurement>>& rows,
                                                             bool dry_run, Day today, const audit::Actor& actor) = 0;

  virtual std::vector<LinkedAction> ActionsOf(const std::string& code) = 0;
  virtual std::vector<std::string> KpisOfAction(std::int64_t action_id) = 0;
  // Replaces the KPIs an action is meant to move. kNotFound for an unknown action; kInvalid for unknown KPIs.
  virtual Result<Done> SetActionKpis(std::int64_t action_id, const std::vector<std::string>& codes,
                                     const audit::Actor& actor) = 0;

  virtual bool HasData() = 0;
};

}  // namespace stadshart::monitor
