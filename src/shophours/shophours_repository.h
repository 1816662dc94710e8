// Storage of opening hours: each business's hours record (expression, exceptions, version), the centre's calendar
// (settings and school holidays) and the imported footfall. Every write is one transaction with its audit row; a
// write that changes nothing stores nothing. Thread-safe; calls block (worker pool only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "common/result.h"
#include "shophours/heatmap.h"
#include "shophours/shop_hours.h"

namespace stadshart::shophours {

struct FootfallData {
  Footfall values;
  std::string label;        // what it is, e.g. "Pintransacties 2024 (bron: bank)"
  std::string imported_at;  // UTC instant
  std::string imported_by;
};

class ShopHoursRepository {
 public:
  virtual ~ShopHoursRepository() = default;

  // The hours of a business; version 0 and an empty expression when none are stored.
  virtual BusinessHours Get(std::int64_t business_id) = 0;
  // Every stored record, by business id.
  virtual std::vector<BusinessHours> All() = 0;

  // Stores the expression (read with CheckExpression and stored normalised) and, when given, replaces the
  // exceptions (checked with CheckExceptions; each as CheckException leaves it), when `expected_version` is still
  // the stored one (0: none stored yet). kInvalid with a field error "opening_hours" for an expression that does
  // not parse; kNotFound for an unknown business; kConflict when someone saved first.
  virtual Result<BusinessHours> Save(std::int64_t business_id, const std::string& expression,
                                     const std::optional<std::vector<HoursException>>& exceptions,
                                     std::int64_t expected_version, const audit::Actor& actor) = 0;

  virtual Calendar GetCalendar() = 0;
  // Good Friday, Liberation Day, region (not the location), guarded by the version.
  virtual Result<CentreSettings> SaveSettings(const CentreSettings& settings, std::int64_t expected_version,
                                              const audit::Actor& actor) = 0;
  virtual Result<SchoolHoliday> AddSchoolHoliday(const SchoolHoliday& holiday, const audit::Actor& actor) = 0;
  virtual Result<Done> DeleteSchoolHoliday(std::int64_t id, const audit::Actor& actor) = 0;

  virtual std::optional<FootfallData> GetFootfall() = 0;
  // Replaces the whole footfall table.
  virtual Result<Done> ReplaceFootfall(const Footfall& footfall, const std::string& label,
                                       const audit::Actor& actor) = 0;

  // The audit trail of a business's hours, newest first.
  virtual std::vector<audit::Entry> ChangeHistory(std::int64_t business_id) = 0;
};

}  // namespace stadshart::shophours
