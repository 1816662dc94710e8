// MonitorRepository on SQLite. Queries are the named constants in the .cc file.
#pragma once

#include "common/time.h"
#include "monitor/monitor_repository.h"
#include "storage/database.h"

namespace stadshart::monitor {

class SqliteMonitorRepository final : public MonitorRepository {
 public:
  // Neither is owned; both must outlive the repository.
  SqliteMonitorRepository(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  std::vector<Kpi> ListKpis(bool include_archived) override;
  std::optional<Kpi> GetKpi(const std::string& code) override;
  std::vector<KpiMeasurement> Measurements(const std::string& code) override;
  Result<Kpi> CreateKpi(const Kpi& kpi, const audit::Actor& actor) override;
  Result<Kpi> UpdateKpi(const std::string& code, const Kpi& kpi, std::int64_t expected_version,
                        const audit::Actor& actor) override;
  Result<Done> DeleteKpi(const std::string& code, const audit::Actor& actor) override;
  Result<KpiMeasurement> AddMeasurement(const KpiMeasurement& m, Day today, const audit::Actor& actor) override;
  Result<KpiMeasurement> CorrectMeasurement(std::int64_t id, const KpiMeasurement& m, std::int64_t expected_version,
                                            Day today, const audit::Actor& actor) override;
  Result<MeasurementImportReport> ImportMeasurements(const std::vector<std::pair<int, KpiMeasurement>>& rows,
                                                     bool dry_run, Day today, const audit::Actor& actor) override;
  std::vector<LinkedAction> ActionsOf(const std::string& code) override;
  std::vector<std::string> KpisOfAction(std::int64_t action_id) override;
  Result<Done> SetActionKpis(std::int64_t action_id, const std::vector<std::string>& codes,
                             const audit::Actor& actor) override;
  bool HasData() override;

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace stadshart::monitor
