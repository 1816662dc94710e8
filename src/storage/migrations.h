// Versioned schema migrations: the files migrations/NNNN_name.sql compiled into the binary, applied in order,
// each in its own transaction, recorded in schema_migrations. Applying is idempotent.
#pragma once

#include <string>
#include <vector>

#include "storage/sqlite.h"

namespace stadshart::storage {

struct Migration {
  int version;       // NNNN of the file name
  std::string name;  // file name
  std::string sql;
};

// The embedded migrations, sorted by version. Throws if two files share a version.
std::vector<Migration> EmbeddedMigrations();

// Applies those not yet recorded; returns the names applied now.
std::vector<std::string> ApplyMigrations(SqliteConnection& connection, const std::vector<Migration>& migrations);

}  // namespace stadshart::storage
