// The database a repository test runs on (header only; *_test.cc, never the application). `make test` runs the
// unit tests twice: on SQLite, and with STADSHART_TEST_BACKEND=postgresql under scripts/with-postgres.sh, where
// each test gets a database of its own on the throwaway server.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

#include "storage/postgres.h"
#include "storage/postgres_test_support.h"

namespace stadshart::storage {

// True when the tests are to run on PostgreSQL.
inline bool TestOnPostgres() {
  const char* backend = std::getenv("STADSHART_TEST_BACKEND");
  return backend != nullptr && std::string(backend) == "postgresql" && !TestServerUrl().empty();
}

// A new, empty database: a SQLite file in `dir`, or a new database on the PostgreSQL test server.
inline std::string NewTestDatabase(const std::string& dir, const std::string& name = "t") {
  if (!TestOnPostgres()) return dir + "/" + name + ".db";
  static std::atomic<int> counter{0};
  std::string database = "test_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + "_" + name;
  PgConnection::Open(TestServerUrl())->Exec("CREATE DATABASE " + database);
  return UrlWithDatabase(TestServerUrl(), database);
}

// Removes a database NewTestDatabase made on PostgreSQL (a SQLite file goes with its directory). Close the
// Database first.
inline void DropTestDatabase(const std::string& location) {
  if (!location.starts_with("postgres")) return;
  size_t slash = location.rfind('/');
  size_t end = location.find('?', slash);
  std::string database = location.substr(slash + 1, end == std::string::npos ? std::string::npos : end - slash - 1);
  try {
    PgConnection::Open(TestServerUrl())->Exec("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  } catch (const StorageError&) {
    // A leftover database goes with the throwaway server.
  }
}

}  // namespace stadshart::storage
