#include "storage/database.h"

#include "storage/migrations.h"
#include "storage/postgres_migrations.h"

namespace stadshart::storage {

bool IsPostgresLocation(const std::string& location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string SqlitePathFromLocation(const std::string& location) {
  std::string path = location.starts_with("sqlite:") ? location.substr(7) : location;
  if (path.empty()) throw StorageError("geen database opgegeven (--db of STADSHART_DB)", 0);
  if (path == ":memory:") throw StorageError("':memory:' kan niet: elke verbinding zou een eigen database zien", 0);
  return path;
}

std::string RedactedUrl(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  auto at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::unique_ptr<Database> Database::Open(const DatabaseOptions& options) {
  if (IsPostgresLocation(options.location)) {
    std::unique_ptr<Database> db(new Database(RedactedUrl(options.location)));
    db->pg_ = PgPool::Open({.url = options.location, .size = std::max(1, options.pool_size)});
    if (options.migrate) db->Migrate();
    return db;
  }
  std::unique_ptr<Database> db(new Database(SqlitePathFromLocation(options.location)));
  db->idle_.push_back(SqliteConnection::Open(db->path_));
  if (options.migrate) db->Migrate();
  for (int i = 1; i < std::max(1, options.pool_size); ++i) db->idle_.push_back(SqliteConnection::Open(db->path_));
  return db;
}

std::vector<std::string> Database::Migrate() {
  if (pg_) {
    return pg_->With(
        [](PgConnection& c) { return ApplyPostgresMigrations(c, EmbeddedPostgresMigrations()); });
  }
  Lease lease(*this);
  return ApplyMigrations(*lease.connection, EmbeddedMigrations());
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
