// The database of one Stadshart deployment: a bounded pool of connections, migrated on open. SQLite (a file, the
// embedded default) or PostgreSQL (a postgresql:// URL; docs/postgres.md); repositories see the same Connection.
// Thread-safe: any thread may call With(); it waits while all connections are in use (on PostgreSQL at most the
// pool's acquire timeout, then StorageError::IsUnavailable). Call it from the worker pool or a command-line tool,
// never from an HTTP I/O thread.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/connection.h"
#include "storage/postgres_pool.h"

namespace stadshart::storage {

struct DatabaseOptions {
  std::string location;  // a file path (optionally prefixed "sqlite:") or a postgresql:// URL; ":memory:" is
                         // refused (each connection would see its own database)
  int pool_size = 4;
  bool migrate = true;   // apply pending migrations on open (`stadshart migrate` reports them itself)
};

class Database {
 public:
  // Opens the pool and applies pending migrations. Throws StorageError with a readable message when the
  // location cannot be used (an unwritable directory, a PostgreSQL server that refuses the login).
  static std::unique_ptr<Database> Open(const DatabaseOptions& options);
  ~Database();

  // Runs fn(Connection&) with a connection taken from the pool and returns what fn returns.
  template <typename Fn>
  auto With(Fn&& fn) {
    if (pg_) {
      return pg_->With([&](PgConnection& pc) {
        Connection c(pc);
        return fn(c);
      });
    }
    Lease lease(*this);
    Connection c(*lease.connection);
    return fn(c);
  }

  // Applies pending migrations; returns the names applied now.
  std::vector<std::string> Migrate();

  // True when a trivial query succeeds (for /healthz).
  bool Ping();

  Backend backend() const { return pg_ ? Backend::kPostgres : Backend::kSqlite; }
  // The SQLite file, or the PostgreSQL URL without its password (for messages and logs).
  const std::string& path() const { return path_; }

 private:
  explicit Database(std::string path) : path_(std::move(path)) {}

  struct Lease {
    explicit Lease(Database& db);
    ~Lease();
    Database& db;
    std::unique_ptr<SqliteConnection> connection;
  };

  std::string path_;
  std::unique_ptr<PgPool> pg_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;  // GUARDED_BY(mutex_)
};

// True for postgresql:// and postgres:// URLs.
bool IsPostgresLocation(const std::string& location);
// Strips an optional "sqlite:" prefix; refuses an empty location and ":memory:".
std::string SqlitePathFromLocation(const std::string& location);
// A postgresql:// URL with the password replaced by "***".
std::string RedactedUrl(const std::string& url);

}  // namespace stadshart::storage
