#include "property/sqlite_property_repository.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "accounts/request_auth.h"
#include "accounts/sqlite_accounts_repository.h"
#include "storage/test_database.h"

namespace stadshart::property {
namespace {

using namespace std::chrono;

const audit::Actor kActor{std::nullopt, "test@example.org", "api"};
Day D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

class PropertyRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/stadshart-register-XXXXXX";
    dir_ = mkdtemp(templ);
    location_ = storage::NewTestDatabase(dir_);
    db_ = storage::Database::Open({location_, 2});
    repo_ = std::make_unique<SqlitePropertyRepository>(*db_, clock_);
    Business shop;
    shop.name = "Boekhandel De Vaart (fictief)";
    shop.kvk = "99000001";
    shop.vestiging = "990000000001";
    shop.function = Function::kLeisure;
    shop.jobs = 3;
    auto stored = repo_->CreateBusiness(shop, kActor);
    ASSERT_TRUE(stored.ok()) << stored.error().message;
    business_ = stored.value();
    Unit unit;
    unit.street = "Kruisstraat";
    unit.number = 12;
    unit.letter = "a";
    unit.postcode = "9401ab";
    unit.bag_id = "0106010000012345";
    unit.zone = "kernwinkelgebied";
    unit.floor_area_m2 = 120;
    unit.occupancy = {{.from = D(2016, 1, 1), .to = D(2019, 3, 1), .kind = OccupancyKind::kInUse,
                       .business_id = business_.id},
                      {.from = D(2019, 3, 1), .kind = OccupancyKind::kVacant}};
    auto created = repo_->CreateUnit(unit, kActor);
    ASSERT_TRUE(created.ok()) << created.error().message;
    unit_ = created.value();
  }
  void TearDown() override {
    repo_.reset();
    db_.reset();
    storage::DropTestDatabase(location_);
    std::filesystem::remove_all(dir_);
  }

  std::string dir_;
  std::string location_;
  FixedClock clock_{*ParseUtc("2020-05-01T10:00:00Z")};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<SqlitePropertyRepository> repo_;
  Business business_;
  Unit unit_;
};

TEST_F(PropertyRepositoryTest, StoresUnitsWithTheirHistoryAndNormalisedFields) {
  EXPECT_EQ(unit_.Address(), "Kruisstraat 12a");
  EXPECT_EQ(unit_.postcode, "9401 AB");
  ASSERT_EQ(unit_.occupancy.size(), 2u);
  EXPECT_EQ(unit_.occupancy[0].business_id, business_.id);
  EXPECT_FALSE(unit_.occupancy[1].to.has_value());
  auto snapshot = repo_->Snapshot();
  ASSERT_EQ(snapshot->units.size(), 1u);
  EXPECT_EQ(snapshot->zones.size(), 4u);
  EXPECT_EQ(snapshot->zones[0].code, "kernwinkelgebied");
  EXPECT_EQ(VacancyOn(snapshot->units, D(2020, 1, 1)).vacant, 1);
  EXPECT_TRUE(repo_->HasData());
}

TEST_F(PropertyRepositoryTest, TheSnapshotIsReusedUntilSomethingChanges) {
  auto first = repo_->Snapshot();
  EXPECT_EQ(repo_->Snapshot().get(), first.get());
  auto changed = repo_->ChangeOccupancy(unit_.id, {.from = D(2020, 3, 1), .kind = OccupancyKind::kInUse,
                                                   .business_id = business_.id},
                                        unit_.version, kActor);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  auto second = repo_->Snapshot();
  EXPECT_NE(second.get(), first.get());
  EXPECT_EQ(first->units[0].occupancy.size(), 2u) << "a snapshot never changes under its reader";
  EXPECT_EQ(second->units[0].occupancy.size(), 3u);
  // Another repository on the same database (another app server) sees the change too.
  SqlitePropertyRepository other(*db_, clock_);
  EXPECT_EQ(other.Snapshot()->units[0].occupancy.size(), 3u);
}

TEST_F(PropertyRepositoryTest, ANewTenantClosesTheOpenIntervalOnItsFirstDay) {
  auto changed = repo_->ChangeOccupancy(unit_.id, {.from = D(2020, 3, 1), .kind = OccupancyKind::kInUse,
                                                   .business_id = business_.id},
                                        unit_.version, kActor);
  ASSERT_TRUE(changed.ok());
  const auto& history = changed.value().occupancy;
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[1].kind, OccupancyKind::kVacant);
  EXPECT_EQ(history[1].to, D(2020, 3, 1));
  EXPECT_EQ(history[2].from, D(2020, 3, 1));
  EXPECT_FALSE(history[2].to.has_value());
  EXPECT_EQ(changed.value().version, unit_.version + 1);
  auto trail = repo_->ChangeHistory("unit", unit_.id);
  ASSERT_EQ(trail.size(), 2u);  // create, update
  EXPECT_EQ(trail[0].actor, "test@example.org");
}

TEST_F(PropertyRepositoryTest, OverlapsStaleVersionsAndUnknownBusinessesChangeNothing) {
  auto overlap = repo_->ChangeOccupancy(
      unit_.id, {.from = D(2018, 1, 1), .to = D(2018, 6, 1), .kind = OccupancyKind::kTemporary, .temporary_user = "x"},
      unit_.version, kActor);
  ASSERT_FALSE(overlap.ok());
  EXPECT_EQ(overlap.error().kind, ErrorKind::kInvalid);
  EXPECT_NE(overlap.error().message.find("overlapt met in gebruik vanaf 1-1-2016 tot 1-3-2019"), std::string::npos)
      << overlap.error().message;

  auto stale = repo_->ChangeOccupancy(unit_.id, {.from = D(2020, 3, 1), .kind = OccupancyKind::kVacantLet},
                                      unit_.version - 1, kActor);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, ErrorKind::kConflict);

  auto nobody = repo_->ChangeOccupancy(unit_.id, {.from = D(2020, 3, 1), .kind = OccupancyKind::kInUse,
                                                  .business_id = 999},
                                       unit_.version, kActor);
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().field_errors.front().field, "business_id");

  auto missing = repo_->ChangeOccupancy(999, {.from = D(2020, 3, 1)}, 1, kActor);
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);

  auto unit = repo_->Snapshot()->units[0];
  EXPECT_EQ(unit.occupancy.size(), 2u);
  EXPECT_EQ(unit.version, unit_.version);
  EXPECT_EQ(repo_->ChangeHistory("unit", unit_.id).size(), 1u) << "only the create";
}

TEST_F(PropertyRepositoryTest, KeysAreUniqueAndUpdatesAreGuardedByVersion) {
  Unit twin = unit_;
  twin.occupancy.clear();
  auto duplicate = repo_->CreateUnit(twin, kActor);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().kind, ErrorKind::kConflict);

  Business copy = business_;
  auto same_vestiging = repo_->CreateBusiness(copy, kActor);
  EXPECT_EQ(same_vestiging.error().kind, ErrorKind::kConflict);

  Business edit = business_;
  edit.jobs = 5;
  auto updated = repo_->UpdateBusiness(business_.id, edit, business_.version, kActor);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated.value().jobs, 5);
  EXPECT_EQ(repo_->UpdateBusiness(business_.id, edit, business_.version, kActor).error().kind, ErrorKind::kConflict);

  Unit bigger = unit_;
  bigger.floor_area_m2 = 150;
  bigger.zone = "nergens";
  auto invalid = repo_->UpdateUnit(unit_.id, bigger, unit_.version, kActor);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().field_errors.front().field, "zone");
  bigger.zone = "aanloopstraten";
  auto moved = repo_->UpdateUnit(unit_.id, bigger, unit_.version, kActor);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved.value().floor_area_m2, 150);
  EXPECT_EQ(moved.value().occupancy.size(), 2u) << "editing a unit keeps its history";

  auto zone = repo_->UpdateZone("overig", {Function::kHousing, Function::kCulture}, 1, kActor);
  ASSERT_TRUE(zone.ok());
  EXPECT_EQ(zone.value().intended.size(), 2u);
  EXPECT_EQ(repo_->UpdateZone("overig", {}, 1, kActor).error().kind, ErrorKind::kConflict);
}

TEST_F(PropertyRepositoryTest, ScenariosAreSavedAndListed) {
  Scenario scenario{.name = "Kruisstraat wonen", .date = D(2020, 1, 1), .target = Function::kHousing,
                    .unit_ids = {unit_.id}};
  auto saved = repo_->SaveScenario(scenario, kActor);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_GT(saved.value().id, 0);
  EXPECT_EQ(saved.value().created_by, "test@example.org");
  auto loaded = repo_->GetScenario(saved.value().id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->unit_ids, scenario.unit_ids);
  EXPECT_EQ(loaded->date, scenario.date);
  EXPECT_EQ(repo_->ListScenarios().size(), 1u);
  scenario.unit_ids = {12345};
  EXPECT_FALSE(repo_->SaveScenario(scenario, kActor).ok());
}

TEST_F(PropertyRepositoryTest, UserLinksSayWhatSomeoneActsFor) {
  accounts::SqliteAccountsRepository accounts(*db_, clock_);
  auto user = accounts.CreateUser({"winkel@example.org", "Winkelier", "ondernemer", "paardenbloem-42"}, kActor);
  ASSERT_TRUE(user.ok());
  auto linked = accounts.SetLinks(user.value().id, {{"business", business_.id}, {"business", business_.id}}, kActor);
  ASSERT_TRUE(linked.ok());
  EXPECT_EQ(linked.value().links.size(), 1u);
  auto found = accounts.FindUser(user.value().id);
  EXPECT_TRUE(found->ActsFor("business", business_.id));
  EXPECT_FALSE(found->ActsFor("unit", business_.id));
  accounts::Principal principal{.user = *found};
  EXPECT_TRUE(accounts::MayChange(principal, "business", business_.id));
  EXPECT_FALSE(accounts::MayChange(principal, "business", business_.id + 1));
  EXPECT_FALSE(accounts::MayChange(principal, "unit", unit_.id));
  principal.token_id = 1;
  principal.scope = accounts::TokenScope::kRead;
  EXPECT_FALSE(accounts::MayChange(principal, "business", business_.id)) << "read tokens change nothing";
  EXPECT_FALSE(accounts.SetLinks(user.value().id, {{"vereniging", 1}}, kActor).ok());
}

}  // namespace
}  // namespace stadshart::property
