// stadshart import measurements: the monitor's measurements from CSV (audited as "systeem" via "cli").
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/change_signal.h"
#include "app/command_support.h"
#include "app/commands.h"
#include "common/text.h"
#include "monitor/monitor_json.h"
#include "monitor/sqlite_monitor_repository.h"

namespace stadshart::app {

int ImportMeasurements(const std::string& location, const std::string& path, bool dry_run) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::cerr << "stadshart import: kan " << path << " niet lezen\n";
    return 1;
  }
  std::stringstream content;
  content << file.rdbuf();
  std::string text = content.str();
  if (!text::IsValidUtf8(text)) {
    std::cerr << "stadshart import: " << path << " is geen UTF-8-tekst. Er is niets geïmporteerd.\n";
    return 1;
  }
  auto rows = monitor::ParseMeasurementsCsv(text);
  if (!rows.ok()) {
    PrintError(rows.error(), "import");
    std::cerr << "Er is niets geïmporteerd.\n";
    return 1;
  }
  auto db = OpenDatabase(location, "import");
  if (!db) return 1;
  SystemClock clock;
  monitor::SqliteMonitorRepository repo(*db, clock);
  auto report = repo.ImportMeasurements(rows.value(), dry_run, AmsterdamToday(clock.Now()), audit::Actor::System());
  if (!report.ok()) {
    PrintError(report.error(), "import");
    std::cerr << "Er is niets geïmporteerd.\n";
    return 1;
  }
  const auto& r = report.value();
  std::cout << (dry_run ? "Proefimport (niets opgeslagen): " : "Geïmporteerd: ") << r.created << " nieuw, "
            << r.corrected << " gecorrigeerd, " << r.unchanged << " ongewijzigd.\n";
  if (!dry_run) RaiseDataVersion(*db);  // running servers empty their response caches (app/change_signal.h)
  return 0;
}

}  // namespace stadshart::app
