// Tests of the PostgreSQL backend. Those that need a server skip unless STADSHART_TEST_PG names one: run them with
// `make test-pg` (scripts/with-postgres.sh starts a throwaway PostgreSQL 15). The restart test also needs
// STADSHART_TEST_PG_CTL, which the script exports; it stops and starts that server, so run this binary alone, not
// under a parallel ctest.
#include "storage/postgres.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <thread>

#include "storage/postgres_pool.h"
#include "storage/postgres_test_support.h"

namespace stadshart::storage {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A connection whose search_path is a schema of its own, dropped afterwards.
class PostgresTest : public testing::Test {
 protected:
  void SetUp() override {
    if (TestServerUrl().empty()) GTEST_SKIP() << kNoServerMessage;
    schema_ = "test_" + std::to_string(getpid()) + "_" + testing::UnitTest::GetInstance()->current_test_info()->name();
    c_ = PgConnection::Open(TestServerUrl());
    c_->Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_ + "; SET search_path TO " +
             schema_);
  }
  void TearDown() override {
    if (c_ && c_->IsHealthy()) c_->Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  std::int64_t Count(const std::string& table) {
    auto row = c_->Prepare("SELECT count(*) FROM " + table);
    EXPECT_TRUE(row.Step());
    return row.Int(0);
  }

  std::string schema_;
  std::unique_ptr<PgConnection> c_;
};

PgPoolOptions PoolOptions(int size) {
  PgPoolOptions options;
  options.url = TestServerUrl();
  options.size = size;
  options.acquire_timeout = milliseconds(300);
  options.connect.connect_timeout = milliseconds(2000);
  return options;
}

std::int64_t BackendPid(PgConnection& c) {
  auto row = c.Prepare("SELECT pg_backend_pid()");
  row.Step();
  return row.Int(0);
}

// --- Without a server ----------------------------------------------------------------------------------------

TEST(PostgresPlaceholders, SqlitePlaceholdersBecomeNumberedOnesOutsideLiteralsAndComments) {
  EXPECT_EQ(PostgresPlaceholders("SELECT a FROM t WHERE b = ?1 AND c = ?12"),
            "SELECT a FROM t WHERE b = $1 AND c = $12");
  EXPECT_EQ(PostgresPlaceholders("VALUES (?, ?, ?)"), "VALUES ($1, $2, $3)");
  EXPECT_EQ(PostgresPlaceholders("VALUES (?3, ?)"), "VALUES ($3, $4)") << "a bare ? follows the largest, as SQLite";
  EXPECT_EQ(PostgresPlaceholders("SELECT '?1', \"a?\", ?1 -- what?\n, ? /* ?2 */"),
            "SELECT '?1', \"a?\", $1 -- what?\n, $2 /* ?2 */");
  EXPECT_EQ(PostgresPlaceholders("SELECT 'it''s ?', ?"), "SELECT 'it''s ?', $1");
  EXPECT_EQ(PostgresPlaceholders("SELECT $1, $$ ? $$, $tag$ ?1 $tag$, ?"), "SELECT $1, $$ ? $$, $tag$ ?1 $tag$, $2");
}

TEST(PostgresConnect, ANonListeningPortFailsAtOnceAsUnavailable) {
  auto start = steady_clock::now();
  try {
    PgConnection::Open("postgresql://nobody:secret@127.0.0.1:1/nothing", {.connect_timeout = milliseconds(2000)});
    FAIL() << "connected to port 1";
  } catch (const PgError& e) {
    EXPECT_TRUE(e.IsUnavailable());
    EXPECT_EQ(e.sqlstate(), "08001");
    EXPECT_TRUE(std::string(e.what()).starts_with("database niet bereikbaar")) << e.what();
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << "no password in messages: " << e.what();
  }
  EXPECT_LT(steady_clock::now() - start, milliseconds(2500));
}

TEST(PostgresConnect, AnUnansweredConnectGivesUpAtTheTimeout) {
  // A listening socket that never accepts or answers: libpq waits for the server's reply to its startup packet.
  int listener = ListenWithoutAnswering();
  ASSERT_GE(listener, 0);
  auto start = steady_clock::now();
  try {
    PgConnection::Open("postgresql://nobody@127.0.0.1:" + std::to_string(LocalPort(listener)) + "/x?sslmode=disable",
                       {.connect_timeout = milliseconds(300)});
    FAIL() << "connected to a silent socket";
  } catch (const PgError& e) {
    EXPECT_TRUE(e.IsUnavailable()) << e.what();
  }
  auto took = steady_clock::now() - start;
  close(listener);
  EXPECT_GE(took, milliseconds(250));
  EXPECT_LT(took, milliseconds(1500));
}

// --- Statements, values and errors ---------------------------------------------------------------------------

TEST_F(PostgresTest, BoundParametersAreNeverInterpretedAsSql) {
  c_->Exec("CREATE TABLE t (name TEXT)");
  const std::string evil = "x'); DROP TABLE t; --";
  const std::string quotes = "O'Brien said \"hi\" \\ ; '' $1 ?1";
  c_->Prepare("INSERT INTO t (name) VALUES (?1)").Bind(1, evil).Run();
  c_->Prepare("INSERT INTO t (name) VALUES ($1)").Bind(1, quotes).Run();
  auto rows = c_->Prepare("SELECT name FROM t WHERE name = ?1 OR name = ?2 ORDER BY name");
  rows.Bind(1, evil).Bind(2, quotes);
  ASSERT_TRUE(rows.Step());
  EXPECT_EQ(rows.Text(0), quotes);
  ASSERT_TRUE(rows.Step());
  EXPECT_EQ(rows.Text(0), evil);
  EXPECT_FALSE(rows.Step());
  EXPECT_EQ(Count("t"), 2);
}

TEST_F(PostgresTest, NullsAreBoundAndReadAsNull) {
  c_->Exec("CREATE TABLE t (n BIGINT, s TEXT, d DOUBLE PRECISION)");
  std::optional<std::int64_t> none;
  c_->Prepare("INSERT INTO t VALUES (?1, ?2, ?3)").Bind(1, none).BindNull(2).BindNull(3).Run();
  c_->Prepare("INSERT INTO t VALUES (?1, ?2, ?3)")
      .Bind(1, std::optional<std::int64_t>(7))
      .Bind(2, "")
      .Bind(3, 0.0)
      .Run();
  auto rows = c_->Prepare("SELECT n, s, d FROM t ORDER BY n NULLS FIRST");
  ASSERT_TRUE(rows.Step());
  EXPECT_TRUE(rows.IsNull(0));
  EXPECT_TRUE(rows.IsNull(1));
  EXPECT_TRUE(rows.IsNull(2));
  EXPECT_EQ(rows.OptionalInt(0), std::nullopt);
  EXPECT_EQ(rows.Int(0), 0);
  EXPECT_EQ(rows.Text(1), "");
  ASSERT_TRUE(rows.Step());
  EXPECT_EQ(rows.OptionalInt(0), 7);
  EXPECT_FALSE(rows.IsNull(1)) << "an empty text is not NULL";
  EXPECT_EQ(Count("t WHERE s IS NULL"), 1);
}

TEST_F(PostgresTest, ValuesKeepTheirTypeAndPrecision) {
  c_->Exec("CREATE TABLE t (n BIGINT, d DOUBLE PRECISION, s TEXT)");
  const double third = 1.0 / 3.0;
  c_->Prepare("INSERT INTO t VALUES (?1, ?2, ?3)")
      .Bind(1, std::int64_t{9007199254740993})
      .Bind(2, third)
      .Bind(3, "Assen – café ‘t Hooghe Huys €")
      .Run();
  auto row = c_->Prepare("SELECT n, d, s, n > 0, 2.5::float8, -4 FROM t");
  ASSERT_TRUE(row.Step());
  EXPECT_EQ(row.Int(0), 9007199254740993);
  EXPECT_EQ(row.Real(1), third) << "doubles travel as their shortest exact text";
  EXPECT_EQ(row.Text(2), "Assen – café ‘t Hooghe Huys €");
  EXPECT_EQ(row.Int(3), 1) << "a boolean reads as 1";
  EXPECT_EQ(row.Int(4), 2) << "a fraction is truncated, as SQLite does";
  EXPECT_EQ(row.Int(5), -4);
}

TEST_F(PostgresTest, ReadingWithoutARowOrBeyondTheColumnsThrows) {
  auto row = c_->Prepare("SELECT 1");
  EXPECT_THROW(row.Int(0), PgError);
  ASSERT_TRUE(row.Step());
  EXPECT_THROW(row.Int(1), PgError);
  EXPECT_FALSE(row.Step());
  EXPECT_THROW(row.Int(0), PgError);
}

TEST_F(PostgresTest, ResetRunsTheStatementAgainWithNewValues) {
  c_->Exec("CREATE TABLE t (n BIGINT)");
  auto insert = c_->Prepare("INSERT INTO t VALUES (?1)");
  for (int i = 1; i <= 3; ++i) insert.Reset().Bind(1, i).Run();
  auto sum = c_->Prepare("SELECT sum(n) FROM t");
  ASSERT_TRUE(sum.Step());
  EXPECT_EQ(sum.Int(0), 6);
}

TEST_F(PostgresTest, ChangesAndLastInsertIdFollowTheLastStatement) {
  c_->Exec("CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n BIGINT)");
  c_->Prepare("INSERT INTO t (n) VALUES (?1)").Bind(1, 10).Run();
  EXPECT_EQ(c_->LastInsertId(), 1);
  c_->Prepare("INSERT INTO t (n) VALUES (?1)").Bind(1, 20).Run();
  EXPECT_EQ(c_->LastInsertId(), 2);
  EXPECT_EQ(c_->Changes(), 1);
  c_->Prepare("UPDATE t SET n = n + 1").Run();
  EXPECT_EQ(c_->Changes(), 2);
  c_->Prepare("SELECT * FROM t").Run();
  EXPECT_EQ(c_->Changes(), 2) << "a SELECT changes nothing";
  c_->Prepare("DELETE FROM t WHERE n > ?1").Bind(1, 100).Run();
  EXPECT_EQ(c_->Changes(), 0);
}

TEST_F(PostgresTest, TransactionRollsBackUnlessCommitted) {
  c_->Exec("CREATE TABLE t (n BIGINT)");
  {
    PgTransaction transaction(*c_);
    c_->Prepare("INSERT INTO t VALUES (1)").Run();
  }
  EXPECT_EQ(Count("t"), 0);
  {
    PgTransaction transaction(*c_);
    c_->Prepare("INSERT INTO t VALUES (1)").Run();
    transaction.Commit();
  }
  EXPECT_EQ(Count("t"), 1);
  EXPECT_TRUE(c_->IsIdle());
}

TEST_F(PostgresTest, AFailedStatementLeavesOnlyRollbackAndCommitThrows) {
  c_->Exec("CREATE TABLE t (n BIGINT PRIMARY KEY)");
  PgTransaction transaction(*c_);
  c_->Prepare("INSERT INTO t VALUES (1)").Run();
  EXPECT_THROW(c_->Prepare("INSERT INTO t VALUES (1)").Run(), PgError);
  try {
    transaction.Commit();
    FAIL() << "committed an aborted transaction";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "25P02");
  }
  EXPECT_TRUE(c_->IsIdle());
  EXPECT_EQ(Count("t"), 0);
}

TEST_F(PostgresTest, UniqueViolationIsAConstraintErrorWithItsSqlstate) {
  c_->Exec("CREATE TABLE t (email TEXT CONSTRAINT t_email_unique UNIQUE)");
  c_->Prepare("INSERT INTO t VALUES (?1)").Bind(1, "a@example.nl").Run();
  try {
    c_->Prepare("INSERT INTO t VALUES (?1)").Bind(1, "a@example.nl").Run();
    FAIL() << "inserted a duplicate";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "23505");
    EXPECT_TRUE(e.IsUniqueViolation());
    EXPECT_TRUE(e.IsConstraint()) << "as SQLITE_CONSTRAINT, so callers of either backend handle it alike";
    EXPECT_FALSE(e.IsUnavailable());
    EXPECT_NE(std::string(e.what()).find("t_email_unique"), std::string::npos) << e.what();
  }
}

TEST_F(PostgresTest, OtherErrorsAreReadableAndNotConstraints) {
  try {
    c_->Exec("SELEC 1");
    FAIL();
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "42601");
    EXPECT_FALSE(e.IsConstraint());
    EXPECT_FALSE(e.IsUnavailable());
    EXPECT_NE(std::string(e.what()).find("syntax error"), std::string::npos) << e.what();
  }
  c_->Exec("CREATE TABLE t (n BIGINT CHECK (n > 0))");
  try {
    c_->Prepare("INSERT INTO t VALUES (?1)").Bind(1, -1).Run();
    FAIL();
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "23514");
    EXPECT_TRUE(e.IsConstraint());
  }
}

TEST_F(PostgresTest, AStatementOverTheTimeoutIsCancelledAsBusy) {
  auto c = PgConnection::Open(TestServerUrl(), {.statement_timeout = milliseconds(100)});
  auto start = steady_clock::now();
  try {
    c->Prepare("SELECT pg_sleep(5)").Run();
    FAIL();
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "57014");
    EXPECT_TRUE(e.IsBusy());
  }
  EXPECT_LT(steady_clock::now() - start, milliseconds(2000));
  EXPECT_TRUE(c->Prepare("SELECT 1").Step()) << "the connection is still usable";
}

TEST_F(PostgresTest, SerializationFailuresAreRecognised) {
  PgError error("could not serialize access", "40001");
  EXPECT_TRUE(error.IsSerializationFailure());
  EXPECT_TRUE(error.IsBusy());
}

// --- The pool ------------------------------------------------------------------------------------------------

TEST_F(PostgresTest, PoolReusesOneConnectionForSequentialWork) {
  auto pool = PgPool::Open(PoolOptions(4));
  std::int64_t first = pool->With(BackendPid);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(pool->With(BackendPid), first);
  EXPECT_EQ(pool->open_connections(), 1);
}

TEST_F(PostgresTest, PoolIsBoundedAndAWaitEndsAtTheAcquireTimeout) {
  auto pool = PgPool::Open(PoolOptions(2));
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> held1, held2;
  auto hold = [&](std::promise<void>& held) {
    return std::async(std::launch::async, [&, released] {
      pool->With([&](PgConnection&) {
        held.set_value();
        released.wait();
        return 0;
      });
    });
  };
  auto a = hold(held1);
  auto b = hold(held2);
  held1.get_future().wait();
  held2.get_future().wait();
  EXPECT_EQ(pool->open_connections(), 2);

  auto start = steady_clock::now();
  try {
    pool->With(BackendPid);
    ADD_FAILURE() << "a third connection was handed out";
  } catch (const PgError& e) {
    EXPECT_TRUE(e.IsUnavailable());
    EXPECT_TRUE(std::string(e.what()).starts_with("database niet bereikbaar")) << e.what();
  }
  auto waited = steady_clock::now() - start;
  EXPECT_GE(waited, milliseconds(250));
  EXPECT_LT(waited, milliseconds(1500));

  // A waiter gets the connection as soon as one comes back.
  auto waiter = std::async(std::launch::async, [&] { return pool->With(BackendPid); });
  release.set_value();
  a.get();
  b.get();
  EXPECT_GT(waiter.get(), 0);
  EXPECT_EQ(pool->open_connections(), 2);
}

TEST_F(PostgresTest, PoolRollsBackATransactionLeftOpen) {
  c_->Exec("CREATE TABLE t (n BIGINT)");
  PgPoolOptions options = PoolOptions(1);
  options.url = TestServerUrl();
  auto pool = PgPool::Open(options);
  const std::string table = schema_ + ".t";
  pool->With([&](PgConnection& c) {
    c.Exec("BEGIN");
    c.Prepare("INSERT INTO " + table + " VALUES (1)").Run();
    return 0;
  });
  EXPECT_EQ(Count("t"), 0);
  EXPECT_TRUE(pool->With([](PgConnection& c) { return c.IsIdle(); }));
}

TEST_F(PostgresTest, PoolDropsAConnectionThatDiedAndMakesANewOne) {
  auto pool = PgPool::Open(PoolOptions(2));
  std::int64_t first = pool->With(BackendPid);
  try {
    pool->With([](PgConnection& c) {
      c.Exec("SELECT pg_terminate_backend(pg_backend_pid())");
      return 0;
    });
    FAIL() << "the session survived its own termination";
  } catch (const PgError& e) {
    EXPECT_TRUE(e.IsUnavailable()) << e.sqlstate() << " " << e.what();
  }
  EXPECT_EQ(pool->open_connections(), 0);
  std::int64_t second = pool->With(BackendPid);
  EXPECT_NE(second, first);
  EXPECT_EQ(pool->open_connections(), 1);
}

TEST_F(PostgresTest, PoolRecoversAfterTheServerRestarts) {
  const char* ctl = std::getenv("STADSHART_TEST_PG_CTL");
  if (ctl == nullptr || *ctl == '\0')
    GTEST_SKIP() << "STADSHART_TEST_PG_CTL is not set (scripts/with-postgres.sh sets it)";
  c_->Exec("CREATE TABLE t (n BIGINT)");
  const std::string table = schema_ + ".t";
  c_.reset();  // the server is about to go away under it
  auto pool = PgPool::Open(PoolOptions(2));
  auto insert = [&](int n) {
    return pool->With([&](PgConnection& c) {
      PgTransaction transaction(c);
      c.Prepare("INSERT INTO " + table + " VALUES (?1)").Bind(1, n).Run();
      transaction.Commit();
      return BackendPid(c);
    });
  };
  std::int64_t before = insert(1);

  ServerControl server(ctl);
  ASSERT_TRUE(server.Stop());
  auto start = steady_clock::now();
  try {
    insert(2);
    ADD_FAILURE() << "wrote while the server was down";
  } catch (const PgError& e) {
    EXPECT_TRUE(e.IsUnavailable()) << e.what();
    EXPECT_TRUE(std::string(e.what()).starts_with("database niet bereikbaar")) << e.what();
  }
  EXPECT_LT(steady_clock::now() - start, milliseconds(2500)) << "a request during the outage must not hang";
  EXPECT_FALSE(pool->Ping());

  ASSERT_TRUE(server.Start());
  EXPECT_TRUE(pool->Ping()) << "the first request after the restart succeeds";
  std::int64_t after = insert(3);
  EXPECT_NE(after, before);

  // Restarted while its connections sat idle: the pool notices they were closed and the next request succeeds.
  ASSERT_TRUE(server.Stop());
  ASSERT_TRUE(server.Start());
  EXPECT_NO_THROW(insert(4)) << "a connection the server closed while idle was handed out";

  c_ = PgConnection::Open(TestServerUrl());
  auto rows = c_->Prepare("SELECT string_agg(n::text, ',' ORDER BY n) FROM " + table);
  ASSERT_TRUE(rows.Step());
  EXPECT_EQ(rows.Text(0), "1,3,4") << "nothing half-written during the outage";
}

}  // namespace
}  // namespace stadshart::storage
