#include "monitor/sqlite_monitor_repository.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/resources.h"
#include "monitor/demo_monitor.h"
#include "plan/plan_json.h"
#include "plan/sqlite_plan_repository.h"
#include "storage/test_database.h"

namespace stadshart::monitor {
namespace {

using namespace std::chrono;

const audit::Actor kActor{std::nullopt, "ambtenaar@example.org", "api"};
Day D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }
const Day kToday = D(2020, 6, 1);

class MonitorRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/stadshart-monitor-XXXXXX";
    dir_ = mkdtemp(templ);
    location_ = storage::NewTestDatabase(dir_);
    db_ = storage::Database::Open({location_, 2});
    repo_ = std::make_unique<SqliteMonitorRepository>(*db_, clock_);
    for (const Kpi& kpi : AssenDemoMonitor().kpis) ASSERT_TRUE(repo_->CreateKpi(kpi, kActor).ok()) << kpi.code;
  }
  void TearDown() override {
    repo_.reset();
    db_.reset();
    storage::DropTestDatabase(location_);
    std::filesystem::remove_all(dir_);
  }

  KpiMeasurement M(const char* kpi, Day date, double value, std::string source = "Locatus") {
    KpiMeasurement m;
    m.kpi = kpi;
    m.date = date;
    m.value = value;
    m.source = std::move(source);
    return m;
  }

  std::vector<audit::Entry> Trail(const std::string& type, const std::string& id) {
    return db_->With([&](storage::Connection& c) { return audit::List(c, {.entity_type = type, .entity_id = id}); });
  }

  std::string dir_;
  std::string location_;
  FixedClock clock_{*ParseUtc("2020-06-01T10:00:00Z")};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<SqliteMonitorRepository> repo_;
};

TEST_F(MonitorRepositoryTest, TheAkkoordGoalsAreTheKpisWithTheirBaselinesAndTargets) {
  auto kpis = repo_->ListKpis(false);
  ASSERT_EQ(kpis.size(), 6u);
  EXPECT_EQ(kpis[0].code, "jobs");
  EXPECT_EQ(kpis[0].baseline.value, 3800);
  EXPECT_EQ(kpis[0].target.value, 5000);
  EXPECT_EQ(kpis[1].baseline.value, 430);
  EXPECT_EQ(kpis[1].target.value, 500);
  EXPECT_EQ(kpis[2].code, "vacancy_count");
  EXPECT_EQ(kpis[2].baseline.value, 21.9);
  EXPECT_EQ(kpis[2].target.value, 7.8);
  EXPECT_EQ(kpis[2].target.comparator, Comparator::kBelow);
  EXPECT_EQ(kpis[2].derived, Derived::kVacancyCount);
  EXPECT_EQ(kpis[4].target.value, 7.5);
  EXPECT_EQ(kpis[5].target.value, 25);
  EXPECT_EQ(kpis[5].target.year, 2021);
}

TEST_F(MonitorRepositoryTest, MeasurementsAreCheckedAddedOnceAndCorrectedWithTheOldValueInTheTrail) {
  auto bad = repo_->AddMeasurement(M("vacancy_count", D(2019, 1, 1), 250), kToday, kActor);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field_errors.front().field, "value");
  EXPECT_FALSE(repo_->AddMeasurement(M("vacancy_count", D(2021, 1, 1), 12), kToday, kActor).ok()) << "future";
  EXPECT_FALSE(repo_->AddMeasurement(M("nergens", D(2019, 1, 1), 12), kToday, kActor).ok());
  EXPECT_TRUE(repo_->Measurements("vacancy_count").empty());

  auto added = repo_->AddMeasurement(M("vacancy_count", D(2019, 1, 1), 18.4), kToday, kActor);
  ASSERT_TRUE(added.ok());
  auto twice = repo_->AddMeasurement(M("vacancy_count", D(2019, 1, 1), 18.5), kToday, kActor);
  EXPECT_EQ(twice.error().kind, ErrorKind::kConflict);

  KpiMeasurement fix = added.value();
  fix.value = 18.1;
  fix.note = "Locatus corrigeerde het cijfer";
  auto corrected = repo_->CorrectMeasurement(added.value().id, fix, added.value().version, kToday, kActor);
  ASSERT_TRUE(corrected.ok());
  EXPECT_EQ(corrected.value().value, 18.1);
  EXPECT_EQ(repo_->CorrectMeasurement(added.value().id, fix, added.value().version, kToday, kActor).error().kind,
            ErrorKind::kConflict);
  auto trail = Trail("measurement", std::to_string(added.value().id));
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_NE(trail[0].before_json.find("18.4"), std::string::npos) << trail[0].before_json;
  EXPECT_NE(trail[0].after_json.find("18.1"), std::string::npos);
}

TEST_F(MonitorRepositoryTest, AKpiWithMeasurementsIsArchivedNotDeleted) {
  Kpi footfall{.code = "passanten", .name = "Passanten op zaterdag", .unit = "passanten",
               .target = {12000, 2025, Comparator::kAtLeast}};
  ASSERT_TRUE(repo_->CreateKpi(footfall, kActor).ok());
  EXPECT_EQ(repo_->CreateKpi(footfall, kActor).error().kind, ErrorKind::kConflict);
  ASSERT_TRUE(repo_->AddMeasurement(M("passanten", D(2019, 9, 7), 9800, "telling"), kToday, kActor).ok());
  auto refused = repo_->DeleteKpi("passanten", kActor);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kConflict);
  Kpi archived = *repo_->GetKpi("passanten");
  archived.archived = true;
  ASSERT_TRUE(repo_->UpdateKpi("passanten", archived, archived.version, kActor).ok());
  EXPECT_EQ(repo_->ListKpis(false).size(), 6u);
  EXPECT_EQ(repo_->ListKpis(true).size(), 7u);
  Kpi empty{.code = "leeg", .name = "Zonder metingen", .unit = "aantal", .target = {1, 2025, Comparator::kAtLeast}};
  ASSERT_TRUE(repo_->CreateKpi(empty, kActor).ok());
  EXPECT_TRUE(repo_->DeleteKpi("leeg", kActor).ok());
  EXPECT_FALSE(repo_->GetKpi("leeg"));
}

TEST_F(MonitorRepositoryTest, ImportIsAllOrNothingAndTheSameFileTwiceChangesNothing) {
  std::vector<std::pair<int, KpiMeasurement>> rows = {{2, M("jobs", D(2018, 4, 1), 3850, "LISA")},
                                                      {3, M("jobs", D(2019, 4, 1), 3930, "LISA")},
                                                      {4, M("rating", D(2019, 10, 1), 72, "Koopstromen")}};
  auto refused = repo_->ImportMeasurements(rows, false, kToday, kActor);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field_errors.size(), 1u);
  EXPECT_EQ(refused.error().field_errors[0].message.substr(0, 9), "Regel 4: ");
  EXPECT_TRUE(repo_->Measurements("").empty()) << "nothing imported";

  rows[2].second.value = 7.2;
  auto dry = repo_->ImportMeasurements(rows, true, kToday, kActor);
  ASSERT_TRUE(dry.ok());
  EXPECT_EQ(dry.value().created, 3);
  EXPECT_TRUE(repo_->Measurements("").empty()) << "a dry run stores nothing";

  ASSERT_EQ(repo_->ImportMeasurements(rows, false, kToday, kActor).value().created, 3);
  auto again = repo_->ImportMeasurements(rows, false, kToday, kActor);
  EXPECT_EQ(again.value().unchanged, 3);
  EXPECT_EQ(again.value().created + again.value().corrected, 0);
  rows[1].second.value = 3940;
  EXPECT_EQ(repo_->ImportMeasurements(rows, false, kToday, kActor).value().corrected, 1);
  EXPECT_EQ(repo_->Measurements("jobs").size(), 2u);
}

TEST_F(MonitorRepositoryTest, ActionsNameTheKpisTheyShouldMove) {
  plan::SqlitePlanRepository plans(*db_, clock_);
  auto imported = plan::PlanFromJson(nlohmann::json::parse(*resources::Find("data/werkplan-2019.json")));
  ASSERT_TRUE(plans.ImportPlan(imported.value().plan, imported.value().goals, kActor).ok());
  std::int64_t action = plans.GetPlan(2019)->chapters[0].actions[3].id;  // tijdelijk gebruik van vastgoed
  ASSERT_TRUE(repo_->SetActionKpis(action, {"vacancy_count", "businesses", "vacancy_count"}, kActor).ok());
  EXPECT_EQ(repo_->KpisOfAction(action), (std::vector<std::string>{"businesses", "vacancy_count"}));
  auto linked = repo_->ActionsOf("vacancy_count");
  ASSERT_EQ(linked.size(), 1u);
  EXPECT_EQ(linked[0].id, action);
  EXPECT_EQ(linked[0].chapter, "A");
  EXPECT_EQ(linked[0].status, "gepland");
  EXPECT_FALSE(repo_->SetActionKpis(action, {"onbekend"}, kActor).ok());
  EXPECT_EQ(repo_->SetActionKpis(999999, {}, kActor).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(Trail("action", std::to_string(action)).size(), 1u);
  ASSERT_TRUE(repo_->SetActionKpis(action, {"businesses", "vacancy_count"}, kActor).ok());
  EXPECT_EQ(Trail("action", std::to_string(action)).size(), 1u) << "no change, no audit row";
}

}  // namespace
}  // namespace stadshart::monitor
