// The backend-neutral Connection, Statement and Transaction (connection.h): the same calls give the same answers on
// SQLite and, in make test's PostgreSQL pass, on PostgreSQL.
#include "storage/connection.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "storage/database.h"
#include "storage/postgres_migrations.h"
#include "storage/test_database.h"

namespace stadshart::storage {
namespace {

class ConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/stadshart-connection-XXXXXX";
    dir_ = mkdtemp(templ);
    location_ = NewTestDatabase(dir_);
    db_ = Database::Open({location_, 1});
    db_->With([](Connection& c) {
      // Written for SQLite and translated as the migrations are (postgres_migrations.h).
      std::string table = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, amount REAL, count INTEGER)";
      c.Exec(c.is_postgres() ? TranslateMigrationToPostgres(table) : table);
    });
  }
  void TearDown() override {
    db_.reset();
    DropTestDatabase(location_);
    std::filesystem::remove_all(dir_);
  }

  std::int64_t Rows() {
    return db_->With([](Connection& c) {
      auto row = c.Prepare("SELECT count(*) FROM t");
      row.Step();
      return row.Int(0);
    });
  }

  std::string dir_;
  std::string location_;
  std::unique_ptr<Database> db_;
};

TEST_F(ConnectionTest, TellsItsBackend) {
  db_->With([&](Connection& c) {
    EXPECT_EQ(c.is_postgres(), TestOnPostgres());
    EXPECT_EQ(c.backend(), db_->backend());
    EXPECT_EQ(c.sqlite() != nullptr, !TestOnPostgres());
    EXPECT_EQ(c.postgres() != nullptr, TestOnPostgres());
  });
}

TEST_F(ConnectionTest, ValuesOfEveryTypeAndNullRoundTrip) {
  db_->With([](Connection& c) {
    auto insert = c.Prepare("INSERT INTO t (name, amount, count) VALUES (?1, ?2, ?3)");
    insert.Bind(1, "Koopmansplein 'één'; DROP TABLE t").Bind(2, 0.1 + 0.2).Bind(3, std::int64_t{1} << 40).Run();
    EXPECT_EQ(c.Changes(), 1);
    std::int64_t first = c.LastInsertId();
    insert.Reset();
    insert.BindNull(1).Bind(2, std::optional<double>()).Bind(3, std::optional<std::int64_t>(7)).Run();
    std::int64_t second = c.LastInsertId();
    EXPECT_GT(second, first);

    auto row = c.Prepare("SELECT name, amount, count FROM t WHERE id = ?1");
    row.Bind(1, first);
    ASSERT_TRUE(row.Step());
    EXPECT_EQ(row.Text(0), "Koopmansplein 'één'; DROP TABLE t");
    EXPECT_EQ(row.Real(1), 0.1 + 0.2) << "doubles come back bit for bit";
    EXPECT_EQ(row.Int(2), std::int64_t{1} << 40);
    EXPECT_FALSE(row.Step());

    auto other = c.Prepare("SELECT name, amount, count FROM t WHERE id = ?1");
    other.Bind(1, second);
    ASSERT_TRUE(other.Step());
    EXPECT_TRUE(other.IsNull(0));
    EXPECT_EQ(other.Text(0), "");
    EXPECT_TRUE(other.IsNull(1));
    EXPECT_EQ(other.OptionalInt(2), 7);
    EXPECT_FALSE(other.IsNull(2));
  });
}

TEST_F(ConnectionTest, AStatementIsReusedAfterResetWithNewBindings) {
  db_->With([](Connection& c) {
    auto insert = c.Prepare("INSERT INTO t (name, count) VALUES (?1, ?2)");
    for (int i = 0; i < 5; ++i) {
      insert.Bind(1, "rij " + std::to_string(i)).Bind(2, i).Run();
      insert.Reset();
    }
    auto sum = c.Prepare("SELECT count(*), sum(count) FROM t WHERE count >= ?1");
    sum.Bind(1, 2);
    ASSERT_TRUE(sum.Step());
    EXPECT_EQ(sum.Int(0), 3);
    EXPECT_EQ(sum.Int(1), 2 + 3 + 4);
    sum.Reset().Bind(1, 4);
    ASSERT_TRUE(sum.Step());
    EXPECT_EQ(sum.Int(0), 1);
  });
}

TEST_F(ConnectionTest, ATransactionCommitsOrRollsBackAsAWhole) {
  db_->With([](Connection& c) {
    Transaction t(c);
    c.Prepare("INSERT INTO t (name) VALUES (?1)").Bind(1, "blijft").Run();
    t.Commit();
  });
  EXPECT_EQ(Rows(), 1);
  db_->With([](Connection& c) {
    Transaction t(c);
    c.Prepare("INSERT INTO t (name) VALUES (?1)").Bind(1, "verdwijnt").Run();
    // no Commit: rolled back when t goes out of scope
  });
  EXPECT_EQ(Rows(), 1);
  EXPECT_THROW(db_->With([](Connection& c) {
    Transaction t(c);
    c.Prepare("INSERT INTO t (name) VALUES (?1)").Bind(1, "ook weg").Run();
    c.Prepare("INSERT INTO t (id, name) VALUES (?1, ?2)").Bind(1, 1).Bind(2, "dubbel").Run();
    t.Commit();
  }),
               StorageError);
  EXPECT_EQ(Rows(), 1) << "a failed statement takes the whole transaction with it";
}

TEST_F(ConnectionTest, AConstraintErrorSaysSoOnEitherBackend) {
  db_->With([](Connection& c) {
    c.Prepare("INSERT INTO t (id, name) VALUES (?1, ?2)").Bind(1, 5).Bind(2, "a").Run();
    try {
      c.Prepare("INSERT INTO t (id, name) VALUES (?1, ?2)").Bind(1, 5).Bind(2, "b").Run();
      FAIL() << "a duplicate key must throw";
    } catch (const StorageError& e) {
      EXPECT_TRUE(e.IsConstraint()) << e.what();
      EXPECT_FALSE(e.IsUnavailable());
    }
  });
}

}  // namespace
}  // namespace stadshart::storage
