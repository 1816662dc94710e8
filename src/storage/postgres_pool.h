// A bounded pool of PostgreSQL connections (issue #4, docs/postgres.md), the counterpart of database.h's SQLite
// pool. It opens connections as they are needed, up to `size`, and recovers from a server restart by itself: a
// connection found broken is dropped and a new one made on the next request.
//
// Thread-safe: any thread may call With(), but libpq blocks until the server answers, so call it from the worker
// pool or a command-line tool, never from an HTTP I/O thread (as with SQLite).
//
// While the server cannot be reached, With() fails with PgError::IsUnavailable ("database niet bereikbaar: ...")
// after at most the connect timeout; when every connection is in use it fails the same way after the acquire
// timeout. Nothing waits forever. The HTTP layer answers 503 for these.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/postgres.h"

namespace stadshart::storage {

struct PgPoolOptions {
  std::string url;                                  // postgresql://user:pass@host:port/db
  int size = 4;                                     // connections at most; at least 1
  std::chrono::milliseconds acquire_timeout{5000};  // waiting for a free connection
  PgConnectOptions connect;                         // connect and statement timeouts of each connection
};

class PgPool {
 public:
  // Opens the first connection, so that a wrong URL or password is reported at start. Throws PgError.
  static std::unique_ptr<PgPool> Open(const PgPoolOptions& options);
  ~PgPool();
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  // Runs fn(PgConnection&) with a connection of the pool and returns what fn returns. The connection goes back
  // to the pool afterwards, unless it turned out broken; a transaction fn left open is rolled back first.
  // fn is not run again on failure: whether to retry a failed write is the caller's decision.
  template <typename Fn>
  auto With(Fn&& fn) {
    Lease lease(*this);
    return fn(*lease.connection);
  }

  // True when a trivial query succeeds (for /healthz).
  bool Ping();

  // Connections open now, idle or in use (for tests and monitoring).
  int open_connections();

 private:
  explicit PgPool(PgPoolOptions options) : options_(std::move(options)) {}

  std::unique_ptr<PgConnection> Acquire();
  void Release(std::unique_ptr<PgConnection> connection);

  struct Lease {
    explicit Lease(PgPool& p) : pool(p), connection(p.Acquire()) {}
    ~Lease() { pool.Release(std::move(connection)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    PgPool& pool;
    std::unique_ptr<PgConnection> connection;
  };

  const PgPoolOptions options_;
  std::mutex mutex_;
  std::condition_variable changed_;                  // a connection came back or a slot became free
  std::vector<std::unique_ptr<PgConnection>> idle_;  // GUARDED_BY(mutex_)
  int open_ = 0;                                     // GUARDED_BY(mutex_): idle plus leased
};

}  // namespace stadshart::storage
