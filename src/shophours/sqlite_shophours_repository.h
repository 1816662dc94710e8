// ShopHoursRepository on SQLite (migrations/0006_shophours.sql). Queries are the named constants in the .cc file.
#pragma once

#include "common/time.h"
#include "shophours/shophours_repository.h"
#include "storage/database.h"

namespace stadshart::shophours {

class SqliteShopHoursRepository final : public ShopHoursRepository {
 public:
  // Neither is owned; both must outlive the repository.
  SqliteShopHoursRepository(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  BusinessHours Get(std::int64_t business_id) override;
  std::vector<BusinessHours> All() override;
  Result<BusinessHours> Save(std::int64_t business_id, const std::string& expression,
                             const std::optional<std::vector<HoursException>>& exceptions,
                             std::int64_t expected_version, const audit::Actor& actor) override;
  Calendar GetCalendar() override;
  Result<CentreSettings> SaveSettings(const CentreSettings& settings, std::int64_t expected_version,
                                      const audit::Actor& actor) override;
  Result<SchoolHoliday> AddSchoolHoliday(const SchoolHoliday& holiday, const audit::Actor& actor) override;
  Result<Done> DeleteSchoolHoliday(std::int64_t id, const audit::Actor& actor) override;
  std::optional<FootfallData> GetFootfall() override;
  Result<Done> ReplaceFootfall(const Footfall& footfall, const std::string& label, const audit::Actor& actor) override;
  std::vector<audit::Entry> ChangeHistory(std::int64_t business_id) override;

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace stadshart::shophours
