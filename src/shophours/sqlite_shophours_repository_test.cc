#include "shophours/sqlite_shophours_repository.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "property/sqlite_property_repository.h"
#include "storage/test_database.h"

namespace stadshart::shophours {
namespace {

using namespace std::chrono;

const audit::Actor kActor{std::nullopt, "test@example.org", "api"};
Day D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

class ShopHoursRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/stadshart-shophours-XXXXXX";
    dir_ = mkdtemp(templ);
    location_ = storage::NewTestDatabase(dir_);
    db_ = storage::Database::Open({location_, 2});
    property::SqlitePropertyRepository register_(*db_, clock_);
    property::Business shop;
    shop.name = "Boekhandel De Vaart (fictief)";
    shop.kvk = "99000001";
    shop.vestiging = "990000000001";
    shop.function = property::Function::kLeisure;
    auto stored = register_.CreateBusiness(shop, kActor);
    ASSERT_TRUE(stored.ok());
    business_ = stored.value().id;
    repo_ = std::make_unique<SqliteShopHoursRepository>(*db_, clock_);
  }
  void TearDown() override {
    repo_.reset();
    db_.reset();
    storage::DropTestDatabase(location_);
    std::filesystem::remove_all(dir_);
  }
  int AuditRows() {
    return db_->With([](storage::Connection& c) {
      auto row = c.Prepare("SELECT count(*) FROM audit_log WHERE entity_type = 'business_hours'");
      row.Step();
      return static_cast<int>(row.Int(0));
    });
  }

  std::string dir_;
  std::string location_;
  FixedClock clock_{sys_days{year{2025} / 6 / 2} + std::chrono::hours{10}};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<SqliteShopHoursRepository> repo_;
  std::int64_t business_ = 0;
};

TEST_F(ShopHoursRepositoryTest, FirstSaveCreatesNormalisedWithAnAuditRow) {
  EXPECT_EQ(repo_->Get(business_).version, 0);
  auto saved = repo_->Save(business_, "ma-za 9:30-18:00", std::vector<HoursException>{}, 0, kActor);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved.value().expression, "Mo-Sa 09:30-18:00");
  EXPECT_EQ(saved.value().version, 1);
  EXPECT_EQ(saved.value().updated_at, "2025-06-02T10:00:00Z");
  EXPECT_EQ(AuditRows(), 1);
  auto history = repo_->ChangeHistory(business_);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].operation, "create");
}

TEST_F(ShopHoursRepositoryTest, UpdatesAreGuardedByTheVersionAndCarryExceptions) {
  ASSERT_TRUE(repo_->Save(business_, "Mo-Sa 09:30-18:00", std::nullopt, 0, kActor).ok());
  std::vector<HoursException> exceptions = {{D(2025, 12, 31), true, "", "Oudejaarsdag"},
                                            {D(2025, 12, 24), false, "09:30-16:00", "Kerstavond"}};
  auto second = repo_->Save(business_, "Mo-Sa 09:30-18:00; PH off", exceptions, 1, kActor);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.value().version, 2);
  ASSERT_EQ(second.value().exceptions.size(), 2u);
  EXPECT_EQ(second.value().exceptions[0].day, D(2025, 12, 24));  // sorted
  auto stale = repo_->Save(business_, "Mo-Fr 09:00-17:00", std::nullopt, 1, kActor);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(repo_->Get(business_).expression, "Mo-Sa 09:30-18:00; PH off");
  // Without exceptions given, they are kept.
  auto third = repo_->Save(business_, "Mo-Sa 10:00-18:00; PH off", std::nullopt, 2, kActor);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third.value().exceptions.size(), 2u);
  EXPECT_EQ(AuditRows(), 3);
  EXPECT_EQ(repo_->All().size(), 1u);
  EXPECT_EQ(repo_->All()[0].exceptions.size(), 2u);
}

TEST_F(ShopHoursRepositoryTest, NothingChangesOnABadExpressionAnUnknownBusinessOrAnIdenticalSave) {
  ASSERT_TRUE(repo_->Save(business_, "Mo-Sa 09:30-18:00", std::nullopt, 0, kActor).ok());
  auto bad = repo_->Save(business_, "Mo-Sa 09:30-", std::nullopt, 1, kActor);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(bad.error().field_errors.front().field, "opening_hours");
  auto unknown = repo_->Save(business_ + 99, "Mo-Sa 09:30-18:00", std::nullopt, 0, kActor);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, ErrorKind::kNotFound);
  auto same = repo_->Save(business_, "Mo-Sa 9:30-18:00", std::nullopt, 1, kActor);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same.value().version, 1);
  EXPECT_EQ(AuditRows(), 1);
}

TEST_F(ShopHoursRepositoryTest, TheCalendarIsSeededAndEditable) {
  Calendar calendar = repo_->GetCalendar();
  EXPECT_EQ(calendar.settings.region, hours::SchoolRegion::kNoord);
  EXPECT_FALSE(calendar.settings.good_friday);
  EXPECT_EQ(calendar.settings.liberation_day, LiberationDay::kLustrum);
  EXPECT_EQ(calendar.school_holidays.size(), 10u);
  EXPECT_EQ(calendar.school_holidays.front().name, "Herfstvakantie");
  EXPECT_EQ(calendar.school_holidays.front().first, D(2025, 10, 18));

  CentreSettings settings = calendar.settings;
  settings.good_friday = true;
  auto saved = repo_->SaveSettings(settings, calendar.settings.version, kActor);
  ASSERT_TRUE(saved.ok());
  EXPECT_TRUE(repo_->GetCalendar().settings.good_friday);
  EXPECT_EQ(repo_->SaveSettings(settings, calendar.settings.version, kActor).error().kind, ErrorKind::kConflict);

  auto added = repo_->AddSchoolHoliday({0, hours::SchoolRegion::kMidden, "Zomervakantie", D(2026, 7, 18), D(2026, 8, 30)},
                                       kActor);
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(repo_->GetCalendar().school_holidays.size(), 11u);
  EXPECT_FALSE(repo_->AddSchoolHoliday({0, hours::SchoolRegion::kMidden, "", D(2026, 7, 18), D(2026, 8, 30)}, kActor).ok());
  ASSERT_TRUE(repo_->DeleteSchoolHoliday(added.value().id, kActor).ok());
  EXPECT_EQ(repo_->DeleteSchoolHoliday(added.value().id, kActor).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(repo_->GetCalendar().school_holidays.size(), 10u);
}

TEST_F(ShopHoursRepositoryTest, FootfallIsReplacedAsAWhole) {
  EXPECT_FALSE(repo_->GetFootfall());
  Footfall first;
  first.values[0][9] = 10;
  first.values[5][14] = 300;
  ASSERT_TRUE(repo_->ReplaceFootfall(first, "Tellingen 2024", kActor).ok());
  Footfall second;
  second.values[1][10] = 5;
  ASSERT_TRUE(repo_->ReplaceFootfall(second, "Pintransacties", kActor).ok());
  auto stored = repo_->GetFootfall();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->label, "Pintransacties");
  EXPECT_EQ(stored->values.Count(), 1);
  EXPECT_DOUBLE_EQ(*stored->values.values[1][10], 5);
  EXPECT_FALSE(repo_->ReplaceFootfall(second, " ", kActor).ok());
}

}  // namespace
}  // namespace stadshart::shophours
