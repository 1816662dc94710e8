// The database of one Stadshart deployment: a bounded pool of SQLite connections to one file, migrated on open.
// Thread-safe: any thread may call With(); it blocks while all connections are in use. Call it from the worker
// pool or a command-line tool, never from an HTTP I/O thread.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sqlite.h"

namespace stadshart::storage {

struct DatabaseOptions {
  std::string location;  // a file path (optionally prefixed "sqlite:"); ":memory:" is refused (each connection
                         // would see its own database)
  int pool_size = 4;
};

class Database {
 public:
  // Opens the pool and applies pending migrations. Throws StorageError with a readable message when the
  // location cannot be used (e.g. a postgresql:// URL before that backend exists, or an unwritable directory).
  static std::unique_ptr<Database> Open(const DatabaseOptions& options);
  ~Database();

  // Runs fn(Connection&) with a connection taken from the pool and returns what fn returns.
  template <typename Fn>
  auto With(Fn&& fn) {
    Lease lease(*this);
    return fn(*lease.connection);
  }

  // True when a trivial query succeeds (for /healthz).
  bool Ping();

  const std::string& path() const { return path_; }

 private:
  explicit Database(std::string path) : path_(std::move(path)) {}

  struct Lease {
    explicit Lease(Database& db);
    ~Lease();
    Database& db;
    std::unique_ptr<Connection> connection;
  };

  std::string path_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // GUARDED_BY(mutex_)
};

// Strips an optional "sqlite:" prefix; refuses URLs of backends that do not exist yet.
std::string SqlitePathFromLocation(const std::string& location);

}  // namespace stadshart::storage
