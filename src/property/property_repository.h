// Storage of the register: units with their occupancy history, businesses, zones, scenarios. Reads come from an
// immutable in-memory snapshot of the whole register (the figures need all of it, and at a national size a
// sweep over memory is what keeps a vacancy figure under 20 ms); every write is one transaction with its audit
// row, after which the next Snapshot() reloads. Thread-safe; calls block (worker pool only).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "common/result.h"
#include "property/register.h"

namespace stadshart::property {

// One row of an import, with the line it came from (for messages).
template <typename T>
struct Lined {
  int line = 0;
  T value;
};

// Occupancy as imported: the unit by BAG id, the business (if any) by vestigingsnummer.
struct OccupancyRow {
  std::string bag_id;
  OccupancyInterval interval;  // business_id ignored
  std::string vestiging;       // for kInUse
};

struct ImportBatch {
  std::vector<Lined<Unit>> units;          // keyed by bag_id; ids ignored
  std::vector<Lined<Business>> businesses;  // keyed by vestigingsnummer; ids ignored
  // Replaces the whole history of each unit named here (a unit not named keeps its history).
  std::vector<Lined<OccupancyRow>> occupancy;
};

struct ImportReport {
  int units_created = 0, units_updated = 0, units_unchanged = 0;
  int businesses_created = 0, businesses_updated = 0, businesses_unchanged = 0;
  int histories_replaced = 0, histories_unchanged = 0;
  bool dry_run = false;
};

class PropertyRepository {
 public:
  virtual ~PropertyRepository() = default;

  // The register as it is now. Cheap when nothing changed since the last call (one small query).
  virtual std::shared_ptr<const Register> Snapshot() = 0;
  virtual bool HasData() = 0;

  // Validates (records.h), stores, audits. kConflict for a BAG id or vestigingsnummer in use.
  virtual Result<Unit> CreateUnit(const Unit& unit, const audit::Actor& actor) = 0;
  // The unit's fields (not its history), when `expected_version` is still the stored one (kConflict otherwise).
  virtual Result<Unit> UpdateUnit(std::int64_t id, const Unit& unit, std::int64_t expected_version,
                                  const audit::Actor& actor) = 0;
  virtual Result<Business> CreateBusiness(const Business& business, const audit::Actor& actor) = 0;
  virtual Result<Business> UpdateBusiness(std::int64_t id, const Business& business, std::int64_t expected_version,
                                          const audit::Actor& actor) = 0;
  virtual Result<Zone> UpdateZone(const std::string& code, const std::vector<Function>& intended,
                                  std::int64_t expected_version, const audit::Actor& actor) = 0;

  // "Nieuwe huurder per 1 maart": when the unit's open interval started before next.from it is closed on that
  // day; then `next` is added. An overlap with any other interval is refused naming it; kInUse needs a known
  // business. Raises the unit's version (guarded by `expected_version`).
  virtual Result<Unit> ChangeOccupancy(std::int64_t unit_id, const OccupancyInterval& next,
                                       std::int64_t expected_version, const audit::Actor& actor) = 0;

  // All or nothing. Rows are checked first (every problem reported with its line); then units and businesses
  // are matched by BAG id and vestigingsnummer, created or updated when different; histories replaced when
  // different. The same file twice changes nothing the second time. With `dry_run` nothing is stored.
  virtual Result<ImportReport> Import(const ImportBatch& batch, bool dry_run, const audit::Actor& actor) = 0;

  virtual Result<Scenario> SaveScenario(const Scenario& scenario, const audit::Actor& actor) = 0;
  virtual std::optional<Scenario> GetScenario(std::int64_t id) = 0;
  virtual std::vector<Scenario> ListScenarios() = 0;

  // The audit trail of one record ("unit", "business", "zone"), newest first.
  virtual std::vector<audit::Entry> ChangeHistory(const std::string& entity_type, std::int64_t id) = 0;
};

}  // namespace stadshart::property
