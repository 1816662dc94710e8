#include "audit/audit.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "storage/database.h"
#include "storage/test_database.h"

namespace stadshart::audit {
namespace {

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/stadshart-audit-XXXXXX";
    dir_ = mkdtemp(templ);
    location_ = storage::NewTestDatabase(dir_);
    db_ = storage::Database::Open({location_, 1});
  }
  void TearDown() override {
    db_.reset();
    storage::DropTestDatabase(location_);
    std::filesystem::remove_all(dir_);
  }
  std::string dir_;
  std::string location_;
  std::unique_ptr<storage::Database> db_;
};

TEST_F(AuditTest, RecordsAndListsNewestFirstWithFilters) {
  db_->With([](storage::Connection& c) {
    Record(c, Actor::System(), "2019-01-01T10:00:00Z", "action", "1", "update", R"({"status":"gepland"})",
           R"({"status":"lopend"})");
    Record(c, {std::nullopt, "anna@example.org", "page"}, "2019-01-02T10:00:00Z", "action", "2", "update", "{}", "{}");
    Record(c, {std::nullopt, "bram@example.org", "api"}, "2019-01-03T10:00:00Z", "action", "1", "update", "{}", "{}");
    auto all = List(c, {});
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].actor, "bram@example.org");
    auto one = List(c, {.entity_type = "action", .entity_id = "1"});
    ASSERT_EQ(one.size(), 2u);
    EXPECT_EQ(one[1].before_json, R"({"status":"gepland"})");
    EXPECT_EQ(List(c, {.actor = "ANNA"}).size(), 1u);
    EXPECT_EQ(List(c, {.from = "2019-01-02", .to = "2019-01-03"}).size(), 1u);
  });
}

TEST_F(AuditTest, RowsCannotBeChangedOrDeleted) {
  db_->With([](storage::Connection& c) {
    Record(c, Actor::System(), "2019-01-01T10:00:00Z", "action", "1", "update", "{}", "{}");
    EXPECT_THROW(c.Exec("UPDATE audit_log SET actor = 'iemand anders'"), storage::StorageError);
    EXPECT_THROW(c.Exec("DELETE FROM audit_log"), storage::StorageError);
    EXPECT_EQ(List(c, {}).at(0).actor, "systeem");
  });
}

}  // namespace
}  // namespace stadshart::audit
