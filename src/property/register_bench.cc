// The register at national scale (not a test; docs/performance.md, "Register at national scale"): the synthetic
// register of 250,000 units (property/synthetic.h, seed 2019: ~1.2 million intervals over ten years) in memory,
// the same aggregate as one SQL query on the same data in SQLite, the CSV import, and the snapshot's memory.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/time.h"
#include "property/register_csv.h"
#include "property/sqlite_property_repository.h"
#include "property/synthetic.h"
#include "property/vacancy_index.h"

namespace stadshart::property {
namespace {

using namespace std::chrono;

constexpr int kUnits = 250'000;
const Day kDay = sys_days{year{2019} / January / 1};

const Register& National() {
  static const Register reg = SyntheticRegister({.units = kUnits, .seed = 2019});
  return reg;
}

struct Csv {
  std::string units, businesses, occupancy;
};
const Csv& NationalCsv() {
  static const Csv csv{UnitsCsv(National()), BusinessesCsv(National()), OccupancyCsv(National())};
  return csv;
}

// A temporary directory, removed at exit.
struct TempDir {
  std::string path;
  TempDir() {
    char templ[] = "/tmp/stadshart-bench-XXXXXX";
    path = mkdtemp(templ);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

Result<ImportReport> ImportCsv(SqlitePropertyRepository& repo) {
  const Csv& csv = NationalCsv();
  auto batch = ParseBusinessesCsv(csv.businesses);
  auto units = ParseUnitsCsv(csv.units);
  auto occupancy = ParseOccupancyCsv(csv.occupancy);
  if (!batch.ok() || !units.ok() || !occupancy.ok()) return Error::Invalid({{"", "parse failed"}});
  batch.value().units = std::move(units.value().units);
  batch.value().occupancy = std::move(occupancy.value().occupancy);
  return repo.Import(batch.value(), false, audit::Actor::System());
}

// The national register stored in SQLite once (for the SQL comparison and the snapshot).
storage::Database& NationalDb() {
  static TempDir dir;
  static FixedClock clock{*ParseUtc("2019-05-01T10:00:00Z")};
  static std::unique_ptr<storage::Database> db = [] {
    auto opened = storage::Database::Open({dir.path + "/national.db", 1});
    SqlitePropertyRepository repo(*opened, clock);
    if (!ImportCsv(repo).ok()) std::abort();
    // The bulk import drops and rebuilds the index of intervals by business: it must be there afterwards.
    bool indexed = opened->With([](storage::Connection& c) {
      auto s = c.Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'occupancy_by_business'");
      return s.Step() && s.Int(0) == 1;
    });
    if (!indexed) std::abort();
    return opened;
  }();
  return *db;
}

long RssKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

void BM_RegisterVacancyOnADay(benchmark::State& state) {
  const auto& units = National().units;
  for (auto _ : state) benchmark::DoNotOptimize(VacancyOn(units, kDay));
  state.SetLabel("250,000 units, synthetic");
}
BENCHMARK(BM_RegisterVacancyOnADay)->Unit(benchmark::kMillisecond);

void BM_RegisterVacancyOnADayOneZone(benchmark::State& state) {
  const auto& units = National().units;
  VacancyFilter filter{.zone = "kernwinkelgebied"};
  for (auto _ : state) benchmark::DoNotOptimize(VacancyOn(units, kDay, filter));
}
BENCHMARK(BM_RegisterVacancyOnADayOneZone)->Unit(benchmark::kMillisecond);

void BM_RegisterMonthlyTrendTenYears(benchmark::State& state) {
  const auto& units = National().units;
  for (auto _ : state) {
    benchmark::DoNotOptimize(MonthlyTrend(units, sys_days{year{2015} / January / 1}, sys_days{year{2024} / December / 1}));
  }
  state.SetLabel("120 months");
}
BENCHMARK(BM_RegisterMonthlyTrendTenYears)->Unit(benchmark::kMillisecond);

const VacancyIndex& NationalIndex() {
  static const VacancyIndex index(National().units);
  return index;
}

// The same figures from the columnar index (vacancy_index.h) that the snapshot carries.
void BM_RegisterVacancyIndexBuild(benchmark::State& state) {
  const auto& units = National().units;
  for (auto _ : state) benchmark::DoNotOptimize(VacancyIndex(units));
  state.counters["intervals"] = static_cast<double>(NationalIndex().intervals());
}
BENCHMARK(BM_RegisterVacancyIndexBuild)->Unit(benchmark::kMillisecond);

void IndexedVacancy(benchmark::State& state, const VacancyFilter& filter) {
  const VacancyIndex& index = NationalIndex();
  // Identical figures or the comparison means nothing.
  VacancyFigures plain = VacancyOn(National().units, kDay, filter);
  VacancyFigures indexed = VacancyOn(index, kDay, filter);
  if (plain.vacant != indexed.vacant || plain.over_3y != indexed.over_3y ||
      plain.vacant_floor_area_m2 != indexed.vacant_floor_area_m2) {
    state.SkipWithError("index and plain computation disagree");
  }
  for (auto _ : state) benchmark::DoNotOptimize(VacancyOn(index, kDay, filter));
}
void BM_RegisterVacancyOnADayIndexed(benchmark::State& state) { IndexedVacancy(state, {}); }
BENCHMARK(BM_RegisterVacancyOnADayIndexed)->Unit(benchmark::kMillisecond);
void BM_RegisterVacancyOnADayOneZoneIndexed(benchmark::State& state) {
  IndexedVacancy(state, {.zone = "kernwinkelgebied"});
}
BENCHMARK(BM_RegisterVacancyOnADayOneZoneIndexed)->Unit(benchmark::kMillisecond);
void BM_RegisterVacancyOnADayOneStreetIndexed(benchmark::State& state) {
  IndexedVacancy(state, {.street = National().units[1000].street});
}
BENCHMARK(BM_RegisterVacancyOnADayOneStreetIndexed)->Unit(benchmark::kMicrosecond);

void IndexedTrend(benchmark::State& state, const VacancyFilter& filter) {
  const VacancyIndex& index = NationalIndex();
  const Day from = sys_days{year{2015} / January / 1}, to = sys_days{year{2024} / December / 1};
  auto plain = MonthlyTrend(National().units, from, to, filter);
  auto indexed = MonthlyTrend(index, from, to, filter);
  for (size_t i = 0; i < plain.size(); ++i) {
    if (plain[i].vacant != indexed[i].vacant || plain[i].over_3y != indexed[i].over_3y ||
        plain[i].floor_area_m2 != indexed[i].floor_area_m2) {
      state.SkipWithError("index and plain computation disagree");
    }
  }
  for (auto _ : state) benchmark::DoNotOptimize(MonthlyTrend(index, from, to, filter));
  state.SetLabel("120 months");
}
void BM_RegisterMonthlyTrendTenYearsIndexed(benchmark::State& state) { IndexedTrend(state, {}); }
BENCHMARK(BM_RegisterMonthlyTrendTenYearsIndexed)->Unit(benchmark::kMillisecond);
void BM_RegisterMonthlyTrendTenYearsOneZoneIndexed(benchmark::State& state) {
  IndexedTrend(state, {.zone = "kernwinkelgebied"});
}
BENCHMARK(BM_RegisterMonthlyTrendTenYearsOneZoneIndexed)->Unit(benchmark::kMillisecond);

// The figures of VacancyOn except the duration classes, as one query over the same data in SQLite.
constexpr const char* kVacancySql =
    "SELECT count(*), sum(o.kind = 'vacant'), sum(u.floor_area_m2),"
    " sum(CASE WHEN o.kind = 'vacant' THEN u.floor_area_m2 ELSE 0 END)"
    " FROM occupancy o JOIN units u ON u.id = o.unit_id"
    " WHERE u.outlet = 1 AND o.from_day <= ?1 AND (o.to_day IS NULL OR o.to_day > ?1)"
    " AND o.kind NOT IN ('housing', 'transformation') AND (?2 IS NULL OR u.zone = ?2)";

void VacancySql(benchmark::State& state, std::optional<std::string> zone) {
  storage::Database& db = NationalDb();
  VacancyFigures memory = VacancyOn(National().units, kDay, {.zone = zone});
  std::int64_t outlets = 0, vacant = 0;
  for (auto _ : state) {
    db.With([&](storage::Connection& c) {
      auto row = c.Prepare(kVacancySql);
      row.Bind(1, FormatIsoDay(kDay)).Bind(2, zone);
      row.Step();
      outlets = row.Int(0);
      vacant = row.Int(1);
    });
  }
  // The same data must give the same figures, or the comparison means nothing.
  if (outlets != memory.outlets || vacant != memory.vacant) state.SkipWithError("SQL and memory disagree");
}
void BM_RegisterVacancySqlite(benchmark::State& state) { VacancySql(state, std::nullopt); }
BENCHMARK(BM_RegisterVacancySqlite)->Unit(benchmark::kMillisecond);
void BM_RegisterVacancySqliteOneZone(benchmark::State& state) { VacancySql(state, "kernwinkelgebied"); }
BENCHMARK(BM_RegisterVacancySqliteOneZone)->Unit(benchmark::kMillisecond);

void BM_RegisterParseCsv(benchmark::State& state) {
  const Csv& csv = NationalCsv();
  for (auto _ : state) {
    benchmark::DoNotOptimize(ParseUnitsCsv(csv.units));
    benchmark::DoNotOptimize(ParseBusinessesCsv(csv.businesses));
    benchmark::DoNotOptimize(ParseOccupancyCsv(csv.occupancy));
  }
  state.counters["MB"] =
      static_cast<double>(csv.units.size() + csv.businesses.size() + csv.occupancy.size()) / 1e6;
}
BENCHMARK(BM_RegisterParseCsv)->Unit(benchmark::kMillisecond)->Iterations(2);

// Parse the three CSV files and import them into an empty database (one transaction).
void BM_RegisterImportCsvIntoEmptyDb(benchmark::State& state) {
  FixedClock clock{*ParseUtc("2019-05-01T10:00:00Z")};
  for (auto _ : state) {
    state.PauseTiming();
    TempDir dir;
    auto db = storage::Database::Open({dir.path + "/import.db", 1});
    SqlitePropertyRepository repo(*db, clock);
    NationalCsv();
    state.ResumeTiming();
    if (!ImportCsv(repo).ok()) state.SkipWithError("import refused");
  }
}
BENCHMARK(BM_RegisterImportCsvIntoEmptyDb)->Unit(benchmark::kMillisecond)->Iterations(1);

// The 250,000-unit CSV by itself (`stadshart import units FILE` into an empty database): parse and import.
void BM_RegisterImportUnitsCsvIntoEmptyDb(benchmark::State& state) {
  FixedClock clock{*ParseUtc("2019-05-01T10:00:00Z")};
  for (auto _ : state) {
    state.PauseTiming();
    TempDir dir;
    auto db = storage::Database::Open({dir.path + "/import.db", 1});
    SqlitePropertyRepository repo(*db, clock);
    const Csv& csv = NationalCsv();
    state.ResumeTiming();
    auto batch = ParseUnitsCsv(csv.units);
    if (!batch.ok()) state.SkipWithError("parse failed");
    auto report = repo.Import(batch.value(), false, audit::Actor::System());
    if (!report.ok() || report.value().units_created != 250'000) state.SkipWithError("import refused");
  }
}
BENCHMARK(BM_RegisterImportUnitsCsvIntoEmptyDb)->Unit(benchmark::kMillisecond)->Iterations(1);

// Re-import of the same files: everything is compared, nothing is written.
void BM_RegisterReimportUnchanged(benchmark::State& state) {
  FixedClock clock{*ParseUtc("2019-05-01T10:00:00Z")};
  SqlitePropertyRepository repo(NationalDb(), clock);
  for (auto _ : state) {
    auto report = ImportCsv(repo);
    if (!report.ok() || report.value().histories_replaced != 0) state.SkipWithError("re-import changed something");
  }
}
BENCHMARK(BM_RegisterReimportUnchanged)->Unit(benchmark::kMillisecond)->Iterations(1);

// Loading the snapshot from SQLite, and the resident memory it adds.
void BM_RegisterSnapshotLoad(benchmark::State& state) {
  FixedClock clock{*ParseUtc("2019-05-01T10:00:00Z")};
  storage::Database& db = NationalDb();
  long added = 0;
  for (auto _ : state) {
    SqlitePropertyRepository repo(db, clock);
    long before = RssKiB();
    auto snapshot = repo.Snapshot();
    added = RssKiB() - before;
    benchmark::DoNotOptimize(snapshot);
  }
  state.counters["rss_added_MiB"] = static_cast<double>(added) / 1024;
  state.counters["rss_total_MiB"] = static_cast<double>(RssKiB()) / 1024;
}
BENCHMARK(BM_RegisterSnapshotLoad)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace stadshart::property
