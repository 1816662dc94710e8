// stadshart import events FILE: a regional calendar (ICS) into the agenda (docs/events.md).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/change_signal.h"
#include "app/command_support.h"
#include "app/commands.h"
#include "events/ics.h"
#include "events/sqlite_events_repository.h"

namespace stadshart::app {

int ImportEvents(const std::string& location, const std::string& file, const std::string& source_name) {
  auto db = OpenDatabase(location, "import events");
  if (!db) return 1;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "stadshart import events: " << file << " kan niet gelezen worden\n";
    return 1;
  }
  std::ostringstream body;
  body << in.rdbuf();
  if (body.str().size() > 10 * 1024 * 1024) {
    std::cerr << "stadshart import events: " << file << " is groter dan 10 MB; er is niets geïmporteerd\n";
    return 1;
  }
  auto parsed = events::ParseCalendar(body.str());
  if (!parsed.ok()) {
    PrintError(parsed.error(), "import events");
    return 1;
  }
  std::string source = source_name.empty() ? std::filesystem::path(file).filename().string() : source_name;
  SystemClock clock;
  events::SqliteEventsRepository repo(*db, clock);
  auto report = repo.Import(source, parsed.value(), audit::Actor::System());
  if (!report.ok()) {
    PrintError(report.error(), "import events");
    return 1;
  }
  const auto& r = report.value();
  std::cout << "Regionale agenda '" << source << "': " << r.created << " nieuw, " << r.updated << " bijgewerkt, "
            << r.unchanged << " ongewijzigd, " << r.cancelled << " niet meer in het bestand en dus geannuleerd.\n";
  RaiseDataVersion(*db);  // running servers empty their response caches (app/change_signal.h)
  return 0;
}

}  // namespace stadshart::app
