// PostgreSQL through libpq (issue #4, docs/postgres.md): connections, statements with bound parameters only,
// transactions. The counterpart of sqlite.h, with the same shape so that the repositories can later run on either
// backend: Prepare/Bind/Step/Text/Int/Run, Transaction, LastInsertId, Changes.
//
// Failures the caller cannot expect throw PgError, a StorageError that also carries the SQLSTATE; its code() is
// the SQLite result code of the same meaning, so IsConstraint() and IsBusy() answer alike on both backends.
//
// libpq calls block until the server answers. Use connections from worker threads or command-line tools only,
// never from an HTTP I/O thread (as with SQLite); postgres_pool.h hands them out.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/error.h"

struct pg_conn;
struct pg_result;

namespace stadshart::storage {

class PgError : public StorageError {
 public:
  // `sqlstate` is the server's five-character code ("23505"), or for failures on the client side: "08001" (could
  // not connect), "08006" (connection lost), "" (no free connection in the pool, or a client-side bug).
  PgError(const std::string& what, std::string sqlstate, bool unavailable = false);

  const std::string& sqlstate() const { return sqlstate_; }
  bool IsUniqueViolation() const { return sqlstate_ == "23505"; }
  // A serialization failure or deadlock (40001, 40P01): the whole transaction may be run again.
  bool IsSerializationFailure() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }
  // The database cannot be used right now: not reachable, connection lost, the server shutting down or starting
  // up, or no free connection within the pool's timeout. The HTTP layer answers 503; the request may be retried.
  using StorageError::IsUnavailable;

 private:
  std::string sqlstate_;
};

// "database niet bereikbaar: ..." (IsUnavailable) for a message from libpq.
PgError UnavailableError(std::string_view detail, std::string sqlstate);

class PgConnection;

// A statement and, once run, its whole result (text format). The SQL is prepared on the server once per
// connection and text (PQprepare, then PQexecPrepared). Parameters are sent separately from the SQL text and untyped, like quoted literals: the server infers each one's type from where it is used, so a
// parameter that is only used where no type follows (`SELECT ?1`, `?1 IS NULL` alone) arrives as text.
class PgStatement {
 public:
  PgStatement(PgConnection& connection, std::string sql);
  PgStatement(PgStatement&& other) noexcept = default;
  PgStatement& operator=(PgStatement&&) = delete;
  PgStatement(const PgStatement&) = delete;
  ~PgStatement();

  // Parameters are 1-based, as ?1 or $1 in the SQL. Each returns *this for chaining.
  PgStatement& Bind(int index, std::int64_t value);
  PgStatement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  PgStatement& Bind(int index, bool value) { return Bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  PgStatement& Bind(int index, double value);
  PgStatement& Bind(int index, std::string_view value);
  PgStatement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  PgStatement& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  PgStatement& BindNull(int index);
  template <typename T>
  PgStatement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // Runs the statement on the first call; then advances to the next row. False when there are no more rows.
  // Throws PgError on failure.
  bool Step();
  // Runs a statement whose rows, if any, are not needed.
  void Run();
  // Ready to bind and run again: result dropped, bindings cleared.
  PgStatement& Reset();

  // Columns are 0-based. NULL reads as 0, 0.0 or "" (as in SQLite); IsNull tells them apart. Int reads a boolean
  // as 0 or 1 and truncates a fractional number.
  std::int64_t Int(int column) const;
  double Real(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;
  std::optional<std::int64_t> OptionalInt(int column) const;

 private:
  void Execute();
  void SetParameter(int index, std::optional<std::string> value);
  std::string_view Value(int column) const;

  PgConnection* connection_;
  std::string sql_;                                     // with $N placeholders
  std::vector<std::optional<std::string>> parameters_;  // nullopt: NULL or not bound
  struct ResultDeleter {
    void operator()(pg_result* result) const;
  };
  std::unique_ptr<pg_result, ResultDeleter> result_;
  int row_ = -1;
  int rows_ = 0;
};

struct PgConnectOptions {
  // The whole connection attempt (name lookup excepted), enforced by us rather than libpq's whole seconds.
  std::chrono::milliseconds connect_timeout{3000};
  // Set per session (SET statement_timeout); a statement running longer is cancelled by the server (57014, which
  // reads as IsBusy()). Zero: no limit.
  std::chrono::milliseconds statement_timeout{30000};
};

// One server session. Not thread-safe: one thread at a time (the pool in postgres_pool.h hands them out).
class PgConnection {
 public:
  // Connects to a libpq URL (postgresql://user:pass@host:port/db?param=...) or key=value string. Throws PgError
  // (IsUnavailable) when the server cannot be reached in time or refuses the login.
  static std::unique_ptr<PgConnection> Open(const std::string& url, const PgConnectOptions& options = {});
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one or more statements without parameters (migrations, SET, BEGIN).
  void Exec(std::string_view sql);
  // A statement for `sql`, which may use SQLite's placeholders (?1, ?2 or ?) or PostgreSQL's ($1, $2); they are
  // rewritten outside string literals, quoted identifiers and comments. The SQL is sent when the statement runs.
  PgStatement Prepare(std::string_view sql);

  // The value most recently given out by a sequence in this session (lastval()): the id of the last row inserted
  // with a generated id. Prefer `INSERT ... RETURNING id` in new code.
  std::int64_t LastInsertId();
  // Rows inserted, updated or deleted by the last statement run through Prepare.
  int Changes() const { return changes_; }

  // False once the connection is known to be lost (a failed call found it so).
  bool IsHealthy() const;
  // Without a round trip: false if the connection is lost or the server has sent something while the session was
  // idle, which it only does when it ends the session (restart, administrator, idle timeout).
  bool IsIdleAndAlive();
  // Outside any transaction (a failed or forgotten one is not left open).
  bool IsIdle() const;

  pg_conn* raw() { return conn_; }

 private:
  friend class PgStatement;
  friend class PgTransaction;
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  [[noreturn]] void Fail(pg_result* result, std::string_view sql);

  // The name of the server-side prepared statement for `sql` ($N form), preparing it on first use; "" when the
  // cache is full (statements then run unprepared). Parsing and planning once per connection instead of on every
  // run halves the time of short statements.
  std::string PreparedName(const std::string& sql);

  pg_conn* conn_;
  int changes_ = 0;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
};

// BEGIN on construction (READ COMMITTED, PostgreSQL's default); ROLLBACK in the destructor unless Commit() was
// called. Unlike SQLite, PostgreSQL aborts the whole transaction when one statement in it fails: after an error
// the transaction can only be rolled back, and Commit() throws.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& connection);
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  void Commit();

 private:
  PgConnection& connection_;
  bool done_ = false;
};

// SQLite's ?NNN and ? placeholders as PostgreSQL's $NNN (a bare ? takes the number after the largest so far, as in
// SQLite). Exposed for tests.
std::string PostgresPlaceholders(std::string_view sql);

}  // namespace stadshart::storage
