#include "app/change_signal.h"

#include <optional>

namespace stadshart::app {
namespace {

constexpr const char* kRaise = "UPDATE data_version SET generation = generation + 1 WHERE \"only\" = 1";
constexpr const char* kRead = "SELECT generation FROM data_version WHERE \"only\" = 1";

std::optional<std::int64_t> TryRead(storage::Database& db) {
  try {
    return ReadDataVersion(db);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

bool RaiseDataVersion(storage::Database& db) {
  try {
    db.With([](storage::Connection& c) { c.Prepare(kRaise).Run(); });
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::int64_t ReadDataVersion(storage::Database& db) {
  return db.With([](storage::Connection& c) {
    auto row = c.Prepare(kRead);
    return row.Step() ? row.Int(0) : 0;
  });
}

DataVersionWatcher::DataVersionWatcher(storage::Database& db, std::chrono::milliseconds interval,
                                       std::function<std::string()> day, std::function<void()> on_change)
    : db_(db),
      interval_(interval),
      day_(std::move(day)),
      on_change_(std::move(on_change)),
      initial_(TryRead(db)),
      thread_([this] { Run(); }) {}

DataVersionWatcher::~DataVersionWatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_.notify_all();
  thread_.join();
}

void DataVersionWatcher::Run() {
  std::optional<std::int64_t> seen = initial_;
  std::string today = day_();
  std::unique_lock lock(mutex_);
  while (!stop_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    if (std::string now = day_(); now != today) {
      today = now;
      on_change_();
    }
    try {
      std::int64_t now = ReadDataVersion(db_);
      // Also on the first successful read when the database was unreachable at the start: whatever was cached
      // meanwhile may predate a change.
      if (!seen || *seen != now) on_change_();
      seen = now;
    } catch (const std::exception&) {
      // The database is unreachable for now; a change made meanwhile shows at the next successful poll.
      // Until then, pages may be as old as the last poll (their data could not be read either way).
    }
    lock.lock();
  }
}

}  // namespace stadshart::app
