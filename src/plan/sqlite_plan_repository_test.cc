#include "plan/sqlite_plan_repository.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>
#include <nlohmann/json.hpp>

#include "common/resources.h"
#include "plan/plan_json.h"
#include "storage/test_database.h"

namespace stadshart::plan {
namespace {

const audit::Actor kActor{std::nullopt, "test@example.org", "api"};

class PlanRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/stadshart-plan-XXXXXX";
    dir_ = mkdtemp(templ);
    location_ = storage::NewTestDatabase(dir_);
    db_ = storage::Database::Open({location_, 2});
    repo_ = std::make_unique<SqlitePlanRepository>(*db_, clock_);
    auto imported = PlanFromJson(nlohmann::json::parse(*resources::Find("data/werkplan-2019.json")));
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    ASSERT_TRUE(repo_->ImportPlan(imported.value().plan, imported.value().goals, kActor).ok());
  }
  void TearDown() override {
    repo_.reset();
    db_.reset();
    storage::DropTestDatabase(location_);
    std::filesystem::remove_all(dir_);
  }

  Action FirstAction(int year, const char* chapter = "A") {
    auto plan = repo_->GetPlan(year);
    for (const Chapter& c : plan->chapters) {
      if (c.code == chapter) return c.actions.front();
    }
    throw std::runtime_error("no chapter");
  }

  std::string dir_;
  std::string location_;
  FixedClock clock_{*ParseUtc("2019-05-01T10:00:00Z")};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<SqlitePlanRepository> repo_;
};

TEST_F(PlanRepositoryTest, StoresTheWholeSeedPlan) {
  auto plan = repo_->GetPlan(2019);
  ASSERT_TRUE(plan);
  int actions = 0, subs = 0, points = 0;
  for (const Chapter& c : plan->chapters) {
    points += static_cast<int>(c.key_points.size());
    for (const Action& a : c.actions) {
      ++actions;
      subs += static_cast<int>(a.sub_actions.size());
    }
  }
  EXPECT_EQ(plan->chapters.size(), 7u);
  EXPECT_EQ(points, 19);
  EXPECT_EQ(actions, 32);
  EXPECT_EQ(subs, 20);
  EXPECT_EQ(repo_->Goals().size(), 5u);
  EXPECT_TRUE(repo_->HasData());
}

TEST_F(PlanRepositoryTest, ImportingTheSameYearTwiceIsRefusedAndChangesNothing) {
  Plan again = *repo_->GetPlan(2019);
  auto result = repo_->ImportPlan(again, {}, kActor);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(repo_->ListPlans().size(), 1u);
}

TEST_F(PlanRepositoryTest, UpdateRaisesTheVersionAndKeepsOtherFields) {
  Action a = FirstAction(2019);
  ActionEdit edit;
  edit.status = ActionStatus::kOngoing;
  auto updated = repo_->UpdateAction(a.id, edit, a.version, kActor);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated.value().status, ActionStatus::kOngoing);
  EXPECT_EQ(updated.value().version, a.version + 1);
  EXPECT_EQ(updated.value().title, a.title);
  EXPECT_EQ(updated.value().owners, a.owners);
  EXPECT_EQ(updated.value().updated_at, "2019-05-01T10:00:00Z");
}

TEST_F(PlanRepositoryTest, AStaleVersionIsAConflictAndChangesNothing) {
  Action a = FirstAction(2019);
  ActionEdit first;
  first.title = "Eerste wijziging";
  ASSERT_TRUE(repo_->UpdateAction(a.id, first, a.version, kActor).ok());
  ActionEdit second;
  second.title = "Tweede wijziging op een oude versie";
  auto result = repo_->UpdateAction(a.id, second, a.version, kActor);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(repo_->GetAction(a.id)->title, "Eerste wijziging");
}

// Two app servers edit one action at the same moment (PostgreSQL, READ COMMITTED): both read version v, the second
// UPDATE waits for the first's row lock and then finds no row of version v. That edit is a conflict that writes
// nothing, not a success that answers the other's state (tests/http/multi_instance.test.mjs through HTTP).
TEST_F(PlanRepositoryTest, AnEditWhoseVersionChangesWhileItWaitsForTheRowIsAConflict) {
  if (!storage::TestOnPostgres()) GTEST_SKIP() << "needs PostgreSQL: SQLite's BEGIN IMMEDIATE serializes writers";
  Action a = FirstAction(2019);
  auto other = storage::PgConnection::Open(location_);
  other->Exec("BEGIN");
  other->Exec("UPDATE actions SET title = 'Van de ander', version = version + 1 WHERE id = " + std::to_string(a.id));
  ActionEdit edit;
  edit.title = "Van mij";
  edit.owners = std::vector<std::string>{"alleen ik"};
  std::optional<Result<Action>> result;
  std::thread mine([&] { result = repo_->UpdateAction(a.id, edit, a.version, kActor); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // it has read version v and waits for the row
  other->Exec("COMMIT");
  mine.join();
  ASSERT_TRUE(result.has_value());
  ASSERT_FALSE(result->ok()) << "answered " << result->value().title;
  EXPECT_EQ(result->error().kind, ErrorKind::kConflict);
  Action stored = *repo_->GetAction(a.id);
  EXPECT_EQ(stored.title, "Van de ander");
  EXPECT_EQ(stored.version, a.version + 1);
  EXPECT_EQ(stored.owners, a.owners) << "nothing of the losing edit is written";
}

TEST_F(PlanRepositoryTest, UnknownActionIsNotFound) {
  auto result = repo_->UpdateAction(999999, ActionEdit{}, 1, kActor);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kNotFound);
  EXPECT_FALSE(repo_->GetAction(999999));
}

TEST_F(PlanRepositoryTest, ProgressUpdateWithStatusChangesTheAction) {
  Action a = FirstAction(2019);
  auto stored = repo_->AddUpdate(a.id, {"2019-04-30", "Strategienota vastgesteld", ActionStatus::kDone}, a.version, kActor);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(repo_->GetAction(a.id)->status, ActionStatus::kDone);
  auto history = repo_->History(a.id);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].text, "Strategienota vastgesteld");
  EXPECT_EQ(history[0].recorded_at, "2019-05-01T10:00:00Z");
}

TEST_F(PlanRepositoryTest, RollOverCarriesUnfinishedActionsWithTheirHistoryOnce) {
  Action done = FirstAction(2019, "A");
  ASSERT_TRUE(repo_->AddUpdate(done.id, {"2019-04-01", "Klaar", ActionStatus::kDone}, done.version, kActor).ok());
  Action ongoing = FirstAction(2019, "B");
  ASSERT_TRUE(repo_->AddUpdate(ongoing.id, {"2019-04-02", "Leidraad in concept", ActionStatus::kOngoing},
                               ongoing.version, kActor)
                  .ok());

  auto first = repo_->RollOver(2019, kActor);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first.value().plan_created);
  EXPECT_EQ(first.value().carried, 31);
  EXPECT_EQ(first.value().finished, 1);

  auto second = repo_->RollOver(2019, kActor);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second.value().plan_created);
  EXPECT_EQ(second.value().carried, 0);
  EXPECT_EQ(second.value().already_carried, 31);

  auto next = repo_->GetPlan(2020);
  ASSERT_TRUE(next);
  int actions = 0, points = 0;
  const Action* carried = nullptr;
  for (const Chapter& c : next->chapters) {
    points += static_cast<int>(c.key_points.size());
    for (const Action& a : c.actions) {
      ++actions;
      if (a.carried_from == ongoing.id) carried = &a;
    }
  }
  EXPECT_EQ(actions, 31);
  EXPECT_EQ(points, 19);
  ASSERT_NE(carried, nullptr);
  EXPECT_EQ(carried->status, ActionStatus::kOngoing);
  EXPECT_EQ(carried->sub_actions.size(), ongoing.sub_actions.size());
  auto history = repo_->History(carried->id);
  ASSERT_EQ(history.size(), 1u) << "the 2019 update is part of the 2020 action's history";
  EXPECT_EQ(history[0].plan_year, 2019);
  auto line = repo_->Lineage(carried->id);
  ASSERT_EQ(line.size(), 1u);
  EXPECT_EQ(line[0].id, ongoing.id);
  EXPECT_EQ(repo_->Lineage(ongoing.id).at(0).id, carried->id);
}

TEST_F(PlanRepositoryTest, EverySuccessfulWriteLeavesExactlyOneAuditRowWithBeforeAndAfter) {
  auto rows = [&] { return db_->With([](storage::Connection& c) { return audit::List(c, {}); }); };
  size_t start = rows().size();  // the import
  EXPECT_EQ(start, 1u);
  Action a = FirstAction(2019);
  ActionEdit edit;
  edit.status = ActionStatus::kOngoing;
  ASSERT_TRUE(repo_->UpdateAction(a.id, edit, a.version, kActor).ok());
  auto after_edit = rows();
  ASSERT_EQ(after_edit.size(), start + 1);
  EXPECT_EQ(after_edit[0].entity_type, "action");
  EXPECT_EQ(after_edit[0].entity_id, std::to_string(a.id));
  EXPECT_EQ(after_edit[0].actor, "test@example.org");
  EXPECT_NE(after_edit[0].before_json.find("\"gepland\""), std::string::npos);
  EXPECT_NE(after_edit[0].after_json.find("\"lopend\""), std::string::npos);
  EXPECT_FALSE(repo_->UpdateAction(a.id, edit, a.version, kActor).ok());
  EXPECT_EQ(rows().size(), start + 1) << "a refused write leaves no row";
  ASSERT_TRUE(repo_->AddUpdate(a.id, {"2019-04-30", "Overleg gehad", std::nullopt}, std::nullopt, kActor).ok());
  EXPECT_EQ(rows().size(), start + 2);
  ASSERT_TRUE(repo_->RollOver(2019, kActor).ok());
  EXPECT_EQ(rows().size(), start + 3);
  ASSERT_TRUE(repo_->RollOver(2019, kActor).ok());
  EXPECT_EQ(rows().size(), start + 3) << "a roll-over that changes nothing is not a write";
  EXPECT_EQ(repo_->ChangeHistory(a.id).size(), 2u);
}

TEST_F(PlanRepositoryTest, RollOverOfAMissingYearIsNotFound) {
  auto result = repo_->RollOver(2031, kActor);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kNotFound);
  EXPECT_FALSE(repo_->GetPlan(2032));
}

}  // namespace
}  // namespace stadshart::plan
