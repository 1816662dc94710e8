#include "storage/sqlite.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "storage/database.h"
#include "storage/migrations.h"

namespace stadshart::storage {
namespace {

class TempDir {
 public:
  TempDir() {
    char templ[] = "/tmp/stadshart-test-XXXXXX";
    path_ = mkdtemp(templ);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string File(const char* name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

TEST(Sqlite, BoundParametersAreNeverInterpretedAsSql) {
  TempDir dir;
  auto c = SqliteConnection::Open(dir.File("t.db"));
  c->Exec("CREATE TABLE t (name TEXT)");
  c->Prepare("INSERT INTO t (name) VALUES (?1)").Bind(1, "x'); DROP TABLE t; --").Run();
  auto row = c->Prepare("SELECT name FROM t");
  ASSERT_TRUE(row.Step());
  EXPECT_EQ(row.Text(0), "x'); DROP TABLE t; --");
}

TEST(Sqlite, TransactionRollsBackUnlessCommitted) {
  TempDir dir;
  auto c = SqliteConnection::Open(dir.File("t.db"));
  c->Exec("CREATE TABLE t (n INTEGER)");
  {
    SqliteTransaction tx(*c);
    c->Prepare("INSERT INTO t VALUES (1)").Run();
  }
  {
    SqliteTransaction tx(*c);
    c->Prepare("INSERT INTO t VALUES (2)").Run();
    tx.Commit();
  }
  auto row = c->Prepare("SELECT group_concat(n) FROM t");
  ASSERT_TRUE(row.Step());
  EXPECT_EQ(row.Text(0), "2");
}

TEST(Sqlite, AResetStatementRunsAgainWithFreshBindings) {
  TempDir dir;
  auto c = SqliteConnection::Open(dir.File("t.db"));
  c->Exec("CREATE TABLE t (n INTEGER, label TEXT)");
  auto insert = c->Prepare("INSERT INTO t (n, label) VALUES (?1, ?2)");
  insert.Bind(1, 1).Bind(2, "one").Run();
  insert.Reset().Bind(1, 2).Run();  // ?2 not bound again: NULL, not "one"
  auto rows = c->Prepare("SELECT n, label IS NULL FROM t ORDER BY n");
  ASSERT_TRUE(rows.Step());
  EXPECT_EQ(rows.Int(0), 1);
  EXPECT_EQ(rows.Int(1), 0);
  ASSERT_TRUE(rows.Step());
  EXPECT_EQ(rows.Int(0), 2);
  EXPECT_EQ(rows.Int(1), 1);
  rows.Reset();
  ASSERT_TRUE(rows.Step()) << "a reset query starts from its first row again";
  EXPECT_EQ(rows.Int(0), 1);
}

TEST(Sqlite, NestedUseOfTheSameQueryGetsItsOwnStatement) {
  TempDir dir;
  auto c = SqliteConnection::Open(dir.File("t.db"));
  c->Exec("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2);");
  constexpr const char* kAll = "SELECT n FROM t ORDER BY n";
  auto outer = c->Prepare(kAll);
  int pairs = 0;
  while (outer.Step()) {
    auto inner = c->Prepare(kAll);
    while (inner.Step()) ++pairs;
  }
  EXPECT_EQ(pairs, 4);
}

TEST(Sqlite, ForeignKeysAreEnforced) {
  TempDir dir;
  auto c = SqliteConnection::Open(dir.File("t.db"));
  c->Exec("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE ch (p INTEGER REFERENCES p(id));");
  try {
    c->Prepare("INSERT INTO ch VALUES (42)").Run();
    FAIL() << "insert with a dangling reference succeeded";
  } catch (const StorageError& e) {
    EXPECT_TRUE(e.IsConstraint());
  }
}

TEST(Migrations, ApplyingTwiceAppliesNothingTheSecondTime) {
  TempDir dir;
  auto c = SqliteConnection::Open(dir.File("t.db"));
  std::vector<Migration> migrations = {{1, "0001_a.sql", "CREATE TABLE a (x INTEGER);"},
                                       {2, "0002_b.sql", "CREATE TABLE b (y INTEGER);"}};
  EXPECT_EQ(ApplyMigrations(*c, migrations).size(), 2u);
  EXPECT_TRUE(ApplyMigrations(*c, migrations).empty());
}

TEST(Migrations, AFailingMigrationLeavesNoTrace) {
  TempDir dir;
  auto c = SqliteConnection::Open(dir.File("t.db"));
  std::vector<Migration> migrations = {{1, "0001_bad.sql", "CREATE TABLE a (x INTEGER); CREATE TABLE a (y);"}};
  EXPECT_THROW(ApplyMigrations(*c, migrations), StorageError);
  auto row = c->Prepare("SELECT count(*) FROM sqlite_master WHERE name = 'a'");
  ASSERT_TRUE(row.Step());
  EXPECT_EQ(row.Int(0), 0);
}

TEST(Migrations, EmbeddedMigrationsAreNumberedUniquely) {
  auto migrations = EmbeddedMigrations();
  ASSERT_FALSE(migrations.empty());
  EXPECT_EQ(migrations.front().version, 1);
}

TEST(Database, OpensMigratesAndPings) {
  TempDir dir;
  auto db = Database::Open({dir.File("stadshart.db"), 2});
  EXPECT_TRUE(db->Ping());
  int tables = db->With([](Connection& c) {
    auto row = c.Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'plans'");
    row.Step();
    return static_cast<int>(row.Int(0));
  });
  EXPECT_EQ(tables, 1);
}

TEST(Database, RefusesLocationsItCannotServe) {
  EXPECT_THROW(SqlitePathFromLocation(":memory:"), StorageError);
  EXPECT_THROW(SqlitePathFromLocation(""), StorageError);
  EXPECT_EQ(SqlitePathFromLocation("sqlite:/tmp/x.db"), "/tmp/x.db");
}

TEST(Database, TellsPostgresUrlsAndHidesTheirPasswords) {
  EXPECT_TRUE(IsPostgresLocation("postgresql://u@h/db"));
  EXPECT_TRUE(IsPostgresLocation("postgres://u@h/db"));
  EXPECT_FALSE(IsPostgresLocation("sqlite:/tmp/postgresql.db"));
  EXPECT_EQ(RedactedUrl("postgresql://stadshart:geheim@127.0.0.1:5432/assen"),
            "postgresql://stadshart:***@127.0.0.1:5432/assen");
  EXPECT_EQ(RedactedUrl("postgresql://stadshart@127.0.0.1/assen"), "postgresql://stadshart@127.0.0.1/assen");
  EXPECT_EQ(RedactedUrl("postgresql://h:5432/assen"), "postgresql://h:5432/assen");
}

}  // namespace
}  // namespace stadshart::storage
