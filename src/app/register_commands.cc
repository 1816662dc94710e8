// import/export of the register (units, businesses, occupancy; GeoJSON) and seed --synthetic.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/change_signal.h"
#include "app/command_support.h"
#include "app/commands.h"
#include "common/text.h"
#include "common/time.h"
#include "property/register_csv.h"
#include "property/sqlite_property_repository.h"
#include "property/synthetic.h"

namespace stadshart::app {
namespace {

using property::ImportBatch;
using property::ImportReport;

// Shows on stderr, when it is a terminal, which step is running and for how long, redrawn a few times a second
// (the import is one transaction and reports no fraction done, so this is a running clock, not a percentage).
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  ~Progress() { Done(); }

  void Step(const std::string& what) {
    Done();
    if (!enabled_) return;
    running_ = true;
    started_ = std::chrono::steady_clock::now();
    thread_ = std::thread([this, what] {
      static constexpr const char* kSpin[] = {"|", "/", "-", "\\"};
      for (int tick = 0; running_; ++tick) {
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        std::fprintf(stderr, "\r%s %s %.1f s ", kSpin[tick % 4], what.c_str(), seconds);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
      std::fprintf(stderr, "\r  %s %.1f s\n", what.c_str(), seconds);
    });
  }

  void Done() {
    if (!thread_.joinable()) return;
    running_ = false;
    thread_.join();
  }

 private:
  bool enabled_;
  std::atomic<bool> running_{false};
  std::chrono::steady_clock::time_point started_;
  std::thread thread_;
};

void PrintReport(const ImportReport& r, std::ostream& out) {
  out << "Panden: " << r.units_created << " nieuw, " << r.units_updated << " gewijzigd, " << r.units_unchanged
      << " ongewijzigd.\n"
      << "Bedrijven: " << r.businesses_created << " nieuw, " << r.businesses_updated << " gewijzigd, "
      << r.businesses_unchanged << " ongewijzigd.\n"
      << "Bezettingshistorie: van " << r.histories_replaced << " panden vervangen, van " << r.histories_unchanged
      << " panden ongewijzigd.\n";
  if (r.dry_run) out << "Proefimport: er is niets opgeslagen.\n";
}

bool WriteOutput(const std::string& body, const std::string& output) {
  if (output == "-") {
    std::cout << body;
    return static_cast<bool>(std::cout);
  }
  std::ofstream file(output, std::ios::binary);
  file << body;
  if (!file) {
    std::cerr << "stadshart export: kan " << output << " niet schrijven\n";
    return false;
  }
  return true;
}

}  // namespace

int ImportRegister(const std::string& location, const std::string& kind, const std::string& path, bool dry_run) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::cerr << "stadshart import: kan " << path << " niet lezen\n";
    return 1;
  }
  std::stringstream content;
  content << file.rdbuf();
  std::string text = content.str();
  if (!text::IsValidUtf8(text)) {
    std::cerr << "stadshart import: " << path << " is geen UTF-8-tekst. Sla het in Excel op als "
              << "'CSV UTF-8 (door komma's gescheiden)'. Er is niets geïmporteerd.\n";
    return 1;
  }
  Progress progress(::isatty(STDERR_FILENO) != 0 && text.size() > 1'000'000);
  progress.Step("bestand lezen en controleren");
  auto parse = kind == "units"        ? property::ParseUnitsCsv
               : kind == "businesses" ? property::ParseBusinessesCsv
                                      : property::ParseOccupancyCsv;
  Result<ImportBatch> batch = parse(text);
  progress.Done();
  if (!batch.ok()) {
    progress.Done();
    PrintError(batch.error(), "import");
    std::cerr << "Er is niets geïmporteerd (" << batch.error().field_errors.size() << " problemen in " << path
              << ").\n";
    return 1;
  }
  auto db = OpenDatabase(location, "import");
  if (!db) return 1;
  SystemClock clock;
  property::SqlitePropertyRepository repo(*db, clock);
  progress.Step(dry_run ? "proefimport (alles controleren, niets opslaan)" : "importeren (één transactie)");
  auto report = repo.Import(batch.value(), dry_run, audit::Actor::System());
  progress.Done();
  if (!report.ok()) {
    PrintError(report.error(), "import");
    std::cerr << report.error().message << "\n";
    return 1;
  }
  PrintReport(report.value(), std::cout);
  if (!dry_run) RaiseDataVersion(*db);  // running servers empty their response caches (app/change_signal.h)
  return 0;
}

int ExportRegister(const std::string& location, const std::string& kind, const std::string& date,
                   const std::string& output) {
  property::Day day = AmsterdamToday(SystemClock().Now());
  if (!date.empty()) {
    auto parsed = property::ParseCsvDay(date);
    if (!parsed) {
      std::cerr << "stadshart export: --date '" << date << "' is geen datum (schrijf 2019-03-01 of 1-3-2019)\n";
      return 1;
    }
    day = *parsed;
  }
  auto db = OpenDatabase(location, "export");
  if (!db) return 1;
  SystemClock clock;
  property::SqlitePropertyRepository repo(*db, clock);
  auto reg = repo.Snapshot();
  std::string body = kind == "units"        ? property::UnitsCsv(*reg)
                     : kind == "businesses" ? property::BusinessesCsv(*reg)
                     : kind == "occupancy"  ? property::OccupancyCsv(*reg)
                                            : property::UnitsGeoJson(*reg, day);
  return WriteOutput(body, output) ? 0 : 1;
}

int SeedSynthetic(const std::string& location, int units, std::uint64_t seed) {
  auto db = OpenDatabase(location, "seed");
  if (!db) return 1;
  SystemClock clock;
  property::SqlitePropertyRepository repo(*db, clock);
  if (repo.HasData()) {
    std::cerr << "stadshart seed: de database " << db->path()
              << " bevat al panden; een synthetisch register wordt alleen in een leeg register gezet.\n";
    return 1;
  }
  Progress progress(::isatty(STDERR_FILENO) != 0);
  progress.Step("register genereren");
  ImportBatch batch = property::ToImportBatch(property::SyntheticRegister({.units = units, .seed = seed}));
  progress.Step("importeren (één transactie)");
  auto report = repo.Import(batch, false, audit::Actor::System());
  progress.Done();
  if (!report.ok()) {
    PrintError(report.error(), "seed");
    return 1;
  }
  std::cout << "Synthetisch register (fictief, seed " << seed << ") geladen in " << db->path() << ": "
            << report.value().units_created << " panden, " << report.value().businesses_created << " bedrijven, "
            << batch.occupancy.size() << " bezettingsperiodes.\n";
  return 0;
}

}  // namespace stadshart::app
