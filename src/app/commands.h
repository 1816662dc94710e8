// The subcommands of the stadshart binary. Each returns the process exit code and prints what a person needs
// to know (errors to stderr, in Dutch where an operator reads them).
#pragma once

#include <string>

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

// Accounts from the command line. Passwords: the first line of stdin when `password_from_stdin`, else generated
// and printed once.
int UserAdd(const std::string& db, const std::string& email, const std::string& name, const std::string& role,
            bool password_from_stdin);
int UserResetPassword(const std::string& db, const std::string& email, bool password_from_stdin);
int UserList(const std::string& db);
// Prints the token alone on its last line.
int TokenCreate(const std::string& db, const std::string& email, const std::string& scope, const std::string& name);
int TokenRevoke(const std::string& db, long long id);

}  // namespace stadshart::app
