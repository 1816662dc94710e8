// The SQLite backend (storage/connection.h is what repositories use): a thin RAII layer over the SQLite C API: connections, prepared statements with bound parameters only,
// transactions. SQLite errors that the caller cannot expect (disk full, corrupt file, a bad statement) throw
// StorageError; expected outcomes (no row, constraint violated) are returned as values.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace stadshart::storage {

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&&) = delete;
  SqliteStatement(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Parameters are 1-based, as in SQLite. Each returns *this for chaining.
  SqliteStatement& Bind(int index, std::int64_t value);
  SqliteStatement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  SqliteStatement& Bind(int index, bool value) { return Bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  SqliteStatement& Bind(int index, double value);
  SqliteStatement& Bind(int index, std::string_view value);  // copied by SQLite (SQLITE_TRANSIENT)
  SqliteStatement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  SqliteStatement& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  SqliteStatement& BindNull(int index);
  template <typename T>
  SqliteStatement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // Advances to the next row; false when done. Throws StorageError on failure.
  bool Step();
  // Runs a statement that returns no rows.
  void Run();
  // Makes the statement ready to bind and run again, as Prepare gives it: reset, bindings cleared. For a
  // statement run many times in a loop (an import), so it is looked up and checked out once.
  SqliteStatement& Reset();

  std::int64_t Int(int column) const;  // 0-based columns
  double Real(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;
  std::optional<std::int64_t> OptionalInt(int column) const;

 private:
  friend class SqliteConnection;
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool owned_ = true;       // false for statements that live in the connection's cache
  bool* in_use_ = nullptr;  // the cache's flag for this statement, cleared on destruction
};

// One SQLite connection. Not thread-safe: one thread at a time (the pool in database.h hands them out).
class SqliteConnection {
 public:
  // Opens (creating if needed) the file with WAL, foreign keys on and a busy timeout.
  static std::unique_ptr<SqliteConnection> Open(const std::string& path);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Runs one or more statements without parameters (migrations, pragmas).
  void Exec(std::string_view sql);
  // A prepared statement, reset and with cleared bindings. Statements are cached per connection by their
  // text, so pass the named constants of a repository, not strings built at run time. Preparing a text whose
  // cached statement is still alive (nested use) gives a fresh, uncached statement.
  SqliteStatement Prepare(std::string_view sql);

  std::int64_t LastInsertId() const;
  int Changes() const;  // rows changed by the last statement
  sqlite3* raw() { return db_; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  struct Cached {
    sqlite3_stmt* stmt;
    bool in_use;
  };
  std::unordered_map<std::string, Cached> cache_;
};

// BEGIN IMMEDIATE on construction (so the write lock is taken at once and a busy database fails early);
// rolls back in the destructor unless Commit() was called.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteConnection& connection);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void Commit();

 private:
  SqliteConnection& connection_;
  bool done_ = false;
};

}  // namespace stadshart::storage
