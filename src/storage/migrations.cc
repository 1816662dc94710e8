#include "storage/migrations.h"

#include <algorithm>
#include <stdexcept>

#include "common/resources.h"

namespace stadshart::storage {
namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
constexpr const char* kIsApplied = "SELECT 1 FROM schema_migrations WHERE version = ?1";
constexpr const char* kRecord =
    "INSERT INTO schema_migrations (version, name, applied_at) "
    "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";

}  // namespace

std::vector<Migration> EmbeddedMigrations() {
  std::vector<Migration> migrations;
  for (const auto& resource : resources::Under("migrations/")) {
    std::string name(resource.path.substr(resource.path.find('/') + 1));
    if (name.find('/') != std::string::npos) continue;  // migrations/postgres/: see postgres_migrations.h
    if (name.size() < 5 || !std::all_of(name.begin(), name.begin() + 4, ::isdigit)) {
      throw std::runtime_error("migration file name must start with four digits: " + name);
    }
    migrations.push_back({std::stoi(name.substr(0, 4)), name, std::string(resource.data)});
  }
  std::sort(migrations.begin(), migrations.end(), [](auto& a, auto& b) { return a.version < b.version; });
  for (size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].version == migrations[i - 1].version) {
      throw std::runtime_error("two migrations with version " + std::to_string(migrations[i].version));
    }
  }
  return migrations;
}

std::vector<std::string> ApplyMigrations(SqliteConnection& connection, const std::vector<Migration>& migrations) {
  connection.Exec(kCreateTable);
  std::vector<std::string> applied;
  for (const Migration& migration : migrations) {
    SqliteTransaction transaction(connection);
    if (connection.Prepare(kIsApplied).Bind(1, migration.version).Step()) continue;
    connection.Exec(migration.sql);
    connection.Prepare(kRecord).Bind(1, migration.version).Bind(2, migration.name).Run();
    transaction.Commit();
    applied.push_back(migration.name);
  }
  return applied;
}

}  // namespace stadshart::storage
