// The subcommands of the stadshart binary. Each returns the process exit code and prints what a person needs
// to know (errors to stderr, in Dutch where an operator reads them).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace stadshart::app {

struct ServeOptions {
  std::string db;        // SQLite file path ("sqlite:" prefix allowed)
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string data_dir;  // where the default database lives; created if missing
  int workers = 4;       // handler threads (and database connections)
  int io_threads = 2;
  bool access_log = true;
  std::string map_tiles;        // Leaflet tile URL template; empty: no background map
  std::string map_attribution;  // shown on the map with the tiles
};

int Serve(const ServeOptions& options);
int Migrate(const std::string& db);
// Loads the Assen demo data; refuses a database that already holds data.
int SeedDemo(const std::string& db);
// format: "json" (the API's form, importable again) or "csv" (Dutch Excel). output "-" is stdout.
int ExportPlan(const std::string& db, int year, const std::string& format, const std::string& output);
// Imports a plan JSON file (API form or demo-data form). All or nothing; dry_run only checks.
int ImportPlan(const std::string& db, const std::string& file, bool dry_run);

// The register (docs/register.md). kind: "units", "businesses" or "occupancy". Prints the report; on any problem
// prints every line's problem to stderr, imports nothing and returns 1. dry_run checks everything, stores nothing.
int ImportRegister(const std::string& db, const std::string& kind, const std::string& file, bool dry_run);
// kind: "units", "businesses", "occupancy" (CSV) or "geojson" (the state on `date`, ISO or d-m-yyyy; empty: today
// in Amsterdam). output "-" is stdout.
int ExportRegister(const std::string& db, const std::string& kind, const std::string& date, const std::string& output);
// A synthetic register of `units` units (property/synthetic.h) through the import; refuses a non-empty register.
int SeedSynthetic(const std::string& db, int units, std::uint64_t seed);

// Accounts from the command line. Passwords: the first line of stdin when `password_from_stdin`, else generated
// and printed once.
int UserAdd(const std::string& db, const std::string& email, const std::string& name, const std::string& role,
            bool password_from_stdin);
int UserResetPassword(const std::string& db, const std::string& email, bool password_from_stdin);
int UserList(const std::string& db);
// The monitor's measurements from CSV (monitor/monitor_json.h: ParseMeasurementsCsv). All or nothing.
int ImportMeasurements(const std::string& db, const std::string& file, bool dry_run);

// A regional calendar (ICS) into the agenda, all or nothing: de-duplicated by UID, updated on re-import, events
// of the same `source` (default: the file name) no longer in it marked cancelled (docs/events.md).
int ImportEvents(const std::string& db, const std::string& file, const std::string& source);
// Replaces what the user acts for; every business and unit must exist in the register.
int UserLink(const std::string& db, const std::string& email, const std::vector<long long>& businesses,
             const std::vector<long long>& units);
// Prints the token alone on its last line.
int TokenCreate(const std::string& db, const std::string& email, const std::string& scope, const std::string& name);
int TokenRevoke(const std::string& db, long long id);

// Copies a SQLite database (not migrated, never written) into another database, normally a new PostgreSQL one,
// verified per table by row count and checksum (storage/copy.h). Prints a line per table and a summary; on a
// refusal or failure a Dutch message on stderr, nothing copied, and 1.
int Copy(const std::string& from, const std::string& to);

}  // namespace stadshart::app
