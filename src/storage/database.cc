#include "storage/database.h"

#include "storage/migrations.h"

namespace stadshart::storage {

std::string SqlitePathFromLocation(const std::string& location) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
    throw StorageError("PostgreSQL wordt nog niet ondersteund; gebruik een SQLite-bestand als --db", 0);
  }
  std::string path = location.starts_with("sqlite:") ? location.substr(7) : location;
  if (path.empty()) throw StorageError("geen database opgegeven (--db of STADSHART_DB)", 0);
  if (path == ":memory:") throw StorageError("':memory:' kan niet: elke verbinding zou een eigen database zien", 0);
  return path;
}

std::unique_ptr<Database> Database::Open(const DatabaseOptions& options) {
  std::unique_ptr<Database> db(new Database(SqlitePathFromLocation(options.location)));
  auto first = Connection::Open(db->path_);
  ApplyMigrations(*first, EmbeddedMigrations());
  db->idle_.push_back(std::move(first));
  for (int i = 1; i < std::max(1, options.pool_size); ++i) db->idle_.push_back(Connection::Open(db->path_));
  return db;
}

Database::~Database() {
  std::lock_guard lock(mutex_);
  // Checkpoint so the -wal file is folded back into the database on a clean shutdown.
  if (!idle_.empty()) {
    try {
      idle_.front()->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const StorageError&) {
    }
  }
  idle_.clear();
}

bool Database::Ping() {
  try {
    return With([](Connection& c) { return c.Prepare("SELECT 1").Step(); });
  } catch (const StorageError&) {
    return false;
  }
}

Database::Lease::Lease(Database& database) : db(database) {
  std::unique_lock lock(db.mutex_);
  db.available_.wait(lock, [&] { return !db.idle_.empty(); });
  connection = std::move(db.idle_.back());
  db.idle_.pop_back();
}

Database::Lease::~Lease() {
  {
    std::lock_guard lock(db.mutex_);
    db.idle_.push_back(std::move(connection));
  }
  db.available_.notify_one();
}

}  // namespace stadshart::storage
