#include <filesystem>
#include <iostream>

#include "app/change_signal.h"
#include "app/commands.h"
#include "app/routes.h"
#include "http/server.h"
#include "accounts/request_auth.h"
#include "accounts/sqlite_accounts_repository.h"
#include "monitor/sqlite_monitor_repository.h"
#include "plan/sqlite_plan_repository.h"
#include "property/sqlite_property_repository.h"

namespace stadshart::app {

int Serve(const ServeOptions& options) {
  if (!options.data_dir.empty()) std::filesystem::create_directories(options.data_dir);
  std::unique_ptr<storage::Database> db;
  try {
    db = storage::Database::Open({options.db, std::max(1, options.workers)});
  } catch (const std::exception& e) {
    std::cerr << "stadshart serve: " << e.what() << "\n";
    return 1;
  }
  SystemClock clock;
  plan::SqlitePlanRepository plans(*db, clock);
  accounts::SqliteAccountsRepository accounts(*db, clock);
  property::SqlitePropertyRepository register_(*db, clock);
  monitor::SqliteMonitorRepository monitor(*db, clock);
  http::Router router = BuildRouter({*db, plans, accounts, register_, monitor, clock, {options.map_tiles, options.map_attribution}});

  http::ServerOptions server_options;
  server_options.bind = options.bind;
  server_options.port = static_cast<unsigned short>(options.port);
  server_options.worker_threads = std::max(1, options.workers);
  server_options.io_threads = std::max(1, options.io_threads);
  server_options.access_log = options.access_log ? &std::cout : nullptr;
  server_options.default_headers = SecurityHeaders();
  server_options.private_cookies = {accounts::kSessionCookie};
  server_options.is_unavailable = [](const std::exception& e) {
    const auto* storage_error = dynamic_cast<const storage::StorageError*>(&e);
    return storage_error != nullptr && (storage_error->IsUnavailable() || storage_error->IsBusy());
  };
  // Several servers may share the database (docs/postgres.md): tell the others about a change, and empty this
  // server's cache when another one made a change.
  server_options.after_change = [&db] { RaiseDataVersion(*db); };
  http::Server server(server_options, router);
  // Also at midnight: cached pages that show "today" (vacancy now, the monitor) move on with the day.
  DataVersionWatcher watcher(*db, std::chrono::milliseconds(500), [&clock] { return AmsterdamDate(clock.Now()); },
                             [&server] { server.ClearCache(); });
  server.on_error = [](const std::string& what) { std::cerr << "stadshart: fout in afhandeling: " << what << "\n"; };
  try {
    server.Listen();
  } catch (const std::exception& e) {
    std::cerr << "stadshart serve: " << e.what() << "\n";
    return 1;
  }
  std::cout << "Stadshart luistert op http://" << options.bind << ":" << server.port() << "/ (database "
            << db->path() << "); stoppen met Ctrl+C" << std::endl;
  server.Run();
  std::cout << "Stadshart is gestopt." << std::endl;
  return 0;
}

}  // namespace stadshart::app
