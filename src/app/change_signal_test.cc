#include "app/change_signal.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "storage/test_database.h"

namespace stadshart::app {
namespace {

using namespace std::chrono_literals;

TEST(DataVersion, AChangeThroughOneConnectionPoolIsNoticedByAWatcherOnAnother) {
  char templ[] = "/tmp/stadshart-signal-XXXXXX";
  std::string dir = mkdtemp(templ);
  std::string location = storage::NewTestDatabase(dir);
  {
    // Two pools on one database stand for two app servers.
    auto first = storage::Database::Open({location, 1});
    auto second = storage::Database::Open({location, 1});
    std::int64_t before = ReadDataVersion(*second);
    std::atomic<int> noticed{0};
    {
      DataVersionWatcher watcher(*second, 20ms, [] { return std::string("2026-11-29"); }, [&] { ++noticed; });
      std::this_thread::sleep_for(100ms);
      EXPECT_EQ(noticed.load(), 0) << "nothing changed yet";
      ASSERT_TRUE(RaiseDataVersion(*first));
      for (int i = 0; i < 100 && noticed.load() == 0; ++i) std::this_thread::sleep_for(10ms);
      EXPECT_EQ(noticed.load(), 1);
      std::this_thread::sleep_for(100ms);
      EXPECT_EQ(noticed.load(), 1) << "one change, one call";
    }
    EXPECT_EQ(ReadDataVersion(*second), before + 1);
  }
  storage::DropTestDatabase(location);
  std::filesystem::remove_all(dir);
}

// A server that has just started has cached pages before its watcher's first poll; a change made by another server
// in that first interval must still empty them (the baseline is read when the watcher is made, not at its first poll).
TEST(DataVersion, AChangeBeforeTheFirstPollIsNoticed) {
  char templ[] = "/tmp/stadshart-signal-XXXXXX";
  std::string dir = mkdtemp(templ);
  std::string location = storage::NewTestDatabase(dir);
  {
    auto first = storage::Database::Open({location, 1});
    auto second = storage::Database::Open({location, 1});
    std::atomic<int> noticed{0};
    DataVersionWatcher watcher(*second, 200ms, [] { return std::string("2026-11-29"); }, [&] { ++noticed; });
    ASSERT_TRUE(RaiseDataVersion(*first));  // well before the first poll
    for (int i = 0; i < 100 && noticed.load() == 0; ++i) std::this_thread::sleep_for(10ms);
    EXPECT_EQ(noticed.load(), 1);
  }
  storage::DropTestDatabase(location);
  std::filesystem::remove_all(dir);
}

TEST(DataVersion, ANewDayEmptiesTheCacheWithoutAnyChange) {
  char templ[] = "/tmp/stadshart-signal-XXXXXX";
  std::string dir = mkdtemp(templ);
  std::string location = storage::NewTestDatabase(dir);
  {
    auto db = storage::Database::Open({location, 1});
    std::atomic<int> day{28};
    std::atomic<int> noticed{0};
    DataVersionWatcher watcher(*db, 20ms, [&] { return "2026-11-" + std::to_string(day.load()); }, [&] { ++noticed; });
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(noticed.load(), 0);
    day = 29;  // midnight in Amsterdam
    for (int i = 0; i < 100 && noticed.load() == 0; ++i) std::this_thread::sleep_for(10ms);
    EXPECT_EQ(noticed.load(), 1);
  }
  storage::DropTestDatabase(location);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace stadshart::app
