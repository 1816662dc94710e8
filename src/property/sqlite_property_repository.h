// PropertyRepository on SQLite. Queries are the named constants in the .cc files; the import lives in
// sqlite_property_import.cc.
#pragma once

#include <mutex>

#include "common/time.h"
#include "property/property_repository.h"
#include "storage/database.h"

namespace stadshart::property {

class SqlitePropertyRepository final : public PropertyRepository {
 public:
  // Neither is owned; both must outlive the repository.
  SqlitePropertyRepository(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  std::shared_ptr<const Register> Snapshot() override;
  bool HasData() override;
  Result<Unit> CreateUnit(const Unit& unit, const audit::Actor& actor) override;
  Result<Unit> UpdateUnit(std::int64_t id, const Unit& unit, std::int64_t expected_version,
                          const audit::Actor& actor) override;
  Result<Business> CreateBusiness(const Business& business, const audit::Actor& actor) override;
  Result<Business> UpdateBusiness(std::int64_t id, const Business& business, std::int64_t expected_version,
                                  const audit::Actor& actor) override;
  Result<Zone> UpdateZone(const std::string& code, const std::vector<Function>& intended,
                          std::int64_t expected_version, const audit::Actor& actor) override;
  Result<Unit> ChangeOccupancy(std::int64_t unit_id, const OccupancyInterval& next, std::int64_t expected_version,
                               const audit::Actor& actor) override;
  Result<ImportReport> Import(const ImportBatch& batch, bool dry_run, const audit::Actor& actor) override;
  Result<Scenario> SaveScenario(const Scenario& scenario, const audit::Actor& actor) override;
  std::optional<Scenario> GetScenario(std::int64_t id) override;
  std::vector<Scenario> ListScenarios() override;
  std::vector<audit::Entry> ChangeHistory(const std::string& entity_type, std::int64_t id) override;

 private:
  storage::Database& db_;
  const Clock& clock_;
  std::mutex mutex_;
  std::shared_ptr<const Register> snapshot_;  // GUARDED_BY(mutex_)
  std::int64_t snapshot_generation_ = -1;     // GUARDED_BY(mutex_)
};

// Helpers shared by the repository's .cc files (not part of the interface).
namespace sqlite_register {
// Raises register_generation inside the caller's transaction, so every reader reloads its snapshot.
void Touch(storage::Connection& c);
// The JSON the audit trail keeps of a unit (with its history) and of a business.
std::string UnitJson(const Unit& unit);
std::string BusinessJson(const Business& business);
// 'YYYY-MM-DD'
std::string DayText(Day day);
std::optional<Day> ParseDayText(std::string_view text);
}  // namespace sqlite_register

}  // namespace stadshart::property
