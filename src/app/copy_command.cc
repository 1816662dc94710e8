// stadshart copy --from sqlite:PATH --to postgresql://…: a city's data into a new database, verified per table
// (storage/copy.h; docs/postgres.md).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/commands.h"
#include "storage/copy.h"
#include "storage/database.h"

namespace stadshart::app {
namespace {

// "1,8 s": seconds with one decimal, Dutch decimal comma.
std::string Seconds(std::chrono::steady_clock::duration elapsed) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", std::chrono::duration<double>(elapsed).count());
  std::string s = text;
  if (auto dot = s.find('.'); dot != std::string::npos) s[dot] = ',';
  return s + " s";
}

}  // namespace

int Copy(const std::string& from_location, const std::string& to_location) {
  if (storage::IsPostgresLocation(from_location)) {
    std::cerr << "stadshart copy: --from moet een SQLite-database zijn (sqlite:PAD of een bestandspad)\n";
    return 1;
  }
  try {
    // The source is read as it is: a missing file is not created, and it is not migrated (copy never writes to
    // it). The target is migrated on open, as every command does.
    std::string path = storage::SqlitePathFromLocation(from_location);
    if (!std::filesystem::is_regular_file(path)) {
      std::cerr << "stadshart copy: de bron " << path << " bestaat niet\n";
      return 1;
    }
    std::error_code ignored;
    if (!storage::IsPostgresLocation(to_location) &&
        std::filesystem::equivalent(path, storage::SqlitePathFromLocation(to_location), ignored)) {
      std::cerr << "stadshart copy: --from en --to zijn dezelfde database\n";
      return 1;
    }
    auto from = storage::Database::Open({.location = from_location, .pool_size = 1, .migrate = false});
    auto to = storage::Database::Open({.location = to_location, .pool_size = 1});
    auto started = std::chrono::steady_clock::now();
    // Progress for a person watching a long copy; not in logs or scripts, which get the report below.
    storage::CopyProgress progress;
    if (isatty(STDERR_FILENO)) {
      progress = [](std::string_view table, std::int64_t rows) {
        std::cerr << "stadshart copy: " << table << ": " << rows << " overgezet, controle volgt\n";
      };
    }
    auto copied = storage::CopyDatabase(*from, *to, progress);
    if (!copied.ok()) {
      std::cerr << "stadshart copy: " << copied.error().message << "\n";
      return 1;
    }
    const storage::CopyReport& report = copied.value();
    for (const storage::TableCopy& table : report.tables) {
      std::cout << table.table << ": " << table.rows << (table.rows == 1 ? " rij" : " rijen") << ", controlesom "
                << table.checksum.substr(0, 16) << "…\n";
    }
    std::cout << "Gekopieerd van " << from->path() << " naar " << to->path() << ": " << report.rows << " rijen in "
              << report.tables.size() << " tabellen in " << Seconds(std::chrono::steady_clock::now() - started)
              << "; aantallen en controlesommen (BLAKE2b) van bron en doel zijn gelijk.\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "stadshart copy: " << e.what() << "\nstadshart copy: er is niets gekopieerd\n";
    return 1;
  }
}

}  // namespace stadshart::app
