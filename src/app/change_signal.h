// Tells every app server on one database that data changed (issue #4, docs/postgres.md), so that each empties its
// response cache: a successful change through the web raises the counter in data_version, and a watcher thread in
// every server reads it twice a second and calls back when another server raised it. With one server this costs
// one cheap query per half second; on SQLite it also notices changes made by command-line tools that raise it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "storage/database.h"

namespace stadshart::app {

// Raises the counter. Never throws: a failure (database unreachable) is reported through the return value; the
// other servers then notice the change at their next successful poll after another one, or never if none follows
// (their cached pages are at most as old as that).
bool RaiseDataVersion(storage::Database& db);
// The counter now. Throws StorageError.
std::int64_t ReadDataVersion(storage::Database& db);

// Polls the counter on its own thread from construction to destruction; calls on_change (on that thread) when the
// counter differs from the last value it read, or when day() gives another value than at the previous poll (pages
// that show "today" change at midnight without any write). Polls that fail are skipped.
class DataVersionWatcher {
 public:
  DataVersionWatcher(storage::Database& db, std::chrono::milliseconds interval, std::function<std::string()> day,
                     std::function<void()> on_change);
  ~DataVersionWatcher();
  DataVersionWatcher(const DataVersionWatcher&) = delete;
  DataVersionWatcher& operator=(const DataVersionWatcher&) = delete;

 private:
  void Run();

  storage::Database& db_;
  const std::chrono::milliseconds interval_;
  const std::function<std::string()> day_;
  const std::function<void()> on_change_;
  // The counter when the watcher was made, before the server answers anything: a change made before the first poll
  // must still empty the cache (empty when the database was unreachable then).
  const std::optional<std::int64_t> initial_;
  std::mutex mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace stadshart::app
