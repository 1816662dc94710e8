#include "storage/postgres_pool.h"

#include <algorithm>

namespace stadshart::storage {

std::unique_ptr<PgPool> PgPool::Open(const PgPoolOptions& options) {
  PgPoolOptions checked = options;
  checked.size = std::max(1, options.size);
  std::unique_ptr<PgPool> pool(new PgPool(std::move(checked)));
  pool->idle_.push_back(PgConnection::Open(pool->options_.url, pool->options_.connect));
  pool->open_ = 1;
  return pool;
}

PgPool::~PgPool() {
  std::lock_guard lock(mutex_);
  idle_.clear();
}

std::unique_ptr<PgConnection> PgPool::Acquire() {
  auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
  std::unique_lock lock(mutex_);
  for (;;) {
    // The most recently returned connection first: it is the likeliest to be warm and alive.
    while (!idle_.empty()) {
      std::unique_ptr<PgConnection> connection = std::move(idle_.back());
      idle_.pop_back();
      if (connection->IsIdleAndAlive()) return connection;
      --open_;  // a restarted or vanished server: drop it (outside the lock) and look further
      lock.unlock();
      connection.reset();
      lock.lock();
    }
    if (open_ < options_.size) {
      ++open_;
      lock.unlock();
      try {
        return PgConnection::Open(options_.url, options_.connect);
      } catch (...) {
        lock.lock();
        --open_;
        lock.unlock();
        changed_.notify_one();
        throw;
      }
    }
    bool free = changed_.wait_until(lock, deadline, [&] { return !idle_.empty() || open_ < options_.size; });
    if (!free) {
      throw PgError("database niet bereikbaar: alle " + std::to_string(options_.size) + " verbindingen bezet na " +
                        std::to_string(options_.acquire_timeout.count()) + " ms",
                    "", true);
    }
  }
}

void PgPool::Release(std::unique_ptr<PgConnection> connection) {
  if (connection->IsHealthy() && !connection->IsIdle()) {
    try {
      connection->Exec("ROLLBACK");  // fn left a transaction open (or failed inside one without PgTransaction)
    } catch (const StorageError&) {
    }
  }
  bool keep = connection->IsHealthy() && connection->IsIdle();
  if (!keep) connection.reset();  // outside the lock: PQfinish may talk to the server
  {
    std::lock_guard lock(mutex_);
    if (keep) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
    }
  }
  changed_.notify_one();
}

bool PgPool::Ping() {
  try {
    return With([](PgConnection& c) { return c.Prepare("SELECT 1").Step(); });
  } catch (const StorageError&) {
    return false;
  }
}

int PgPool::open_connections() {
  std::lock_guard lock(mutex_);
  return open_;
}

}  // namespace stadshart::storage
