#include "monitor/sqlite_monitor_repository.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace stadshart::monitor {
namespace {

using storage::Connection;
using storage::Statement;
using storage::Transaction;

#define KPI_COLUMNS                                                                                              \
  "code, name, unit, direction, baseline_value, baseline_date, baseline_source, target_value, target_year, " \
  "comparator, description, source, frequency, derived, archived, version"
constexpr const char* kKpis = "SELECT " KPI_COLUMNS " FROM kpis ORDER BY position, code";
constexpr const char* kKpi = "SELECT " KPI_COLUMNS " FROM kpis WHERE code = ?1";
constexpr const char* kInsertKpi =
    "INSERT INTO kpis (code, name, unit, direction, baseline_value, baseline_date, baseline_source, target_value,"
    " target_year, comparator, description, source, frequency, derived, archived, position)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
    " (SELECT coalesce(max(position), 0) + 1 FROM kpis))";
constexpr const char* kUpdateKpi =
    "UPDATE kpis SET name = ?2, unit = ?3, direction = ?4, baseline_value = ?5, baseline_date = ?6,"
    " baseline_source = ?7, target_value = ?8, target_year = ?9, comparator = ?10, description = ?11, source = ?12,"
    " frequency = ?13, derived = ?14, archived = ?15, version = version + 1 WHERE code = ?1 AND version = ?16";
constexpr const char* kDeleteKpi = "DELETE FROM kpis WHERE code = ?1";
constexpr const char* kCountMeasurements = "SELECT count(*) FROM kpi_measurements WHERE kpi_code = ?1";
constexpr const char* kDeleteKpiLinks = "DELETE FROM action_kpis WHERE kpi_code = ?1";

#define MEASUREMENT_COLUMNS "m.id, m.kpi_code, m.series, m.date, m.value, m.source, m.note, m.version"
constexpr const char* kMeasurementsOf = "SELECT " MEASUREMENT_COLUMNS
                                        " FROM kpi_measurements m WHERE m.kpi_code = ?1 ORDER BY m.series, m.date";
constexpr const char* kAllMeasurements =
    "SELECT " MEASUREMENT_COLUMNS " FROM kpi_measurements m JOIN kpis k ON k.code = m.kpi_code"
    " ORDER BY k.position, m.series, m.date";
constexpr const char* kMeasurement = "SELECT " MEASUREMENT_COLUMNS " FROM kpi_measurements m WHERE m.id = ?1";
constexpr const char* kMeasurementOn =
    "SELECT " MEASUREMENT_COLUMNS " FROM kpi_measurements m WHERE m.kpi_code = ?1 AND m.series = ?2 AND m.date = ?3";
constexpr const char* kInsertMeasurement =
    "INSERT INTO kpi_measurements (kpi_code, series, date, value, source, note, recorded_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kCorrectMeasurement =
    "UPDATE kpi_measurements SET value = ?2, source = ?3, note = ?4, recorded_at = ?5, version = version + 1"
    " WHERE id = ?1 AND version = ?6";

constexpr const char* kActionsOf =
    "SELECT a.id, c.plan_year, c.code, a.title, a.status FROM action_kpis l JOIN actions a ON a.id = l.action_id"
    " JOIN chapters c ON c.id = a.chapter_id WHERE l.kpi_code = ?1 ORDER BY c.plan_year DESC, c.position, a.position";
constexpr const char* kKpisOfAction =
    "SELECT l.kpi_code FROM action_kpis l JOIN kpis k ON k.code = l.kpi_code WHERE l.action_id = ?1 ORDER BY k.position";
constexpr const char* kActionExists = "SELECT 1 FROM actions WHERE id = ?1";
constexpr const char* kDeleteActionLinks = "DELETE FROM action_kpis WHERE action_id = ?1";
constexpr const char* kInsertActionLink = "INSERT INTO action_kpis (action_id, kpi_code) VALUES (?1, ?2)";
constexpr const char* kHasData = "SELECT EXISTS (SELECT 1 FROM kpis)";

std::optional<Day> OptionalDay(const Statement& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  return ParseIsoDay(row.Text(column));
}

Kpi ReadKpi(const Statement& row) {
  Kpi kpi;
  kpi.code = row.Text(0);
  kpi.name = row.Text(1);
  kpi.unit = row.Text(2);
  kpi.direction = row.Text(3) == "lower" ? Direction::kLower : Direction::kHigher;
  if (!row.IsNull(4)) kpi.baseline.value = row.Real(4);
  kpi.baseline.date = OptionalDay(row, 5);
  kpi.baseline.source = row.Text(6);
  kpi.target.value = row.Real(7);
  kpi.target.year = static_cast<int>(row.Int(8));
  kpi.target.comparator = ParseComparator(row.Text(9)).value_or(Comparator::kAtLeast);
  kpi.description = row.Text(10);
  kpi.source = row.Text(11);
  kpi.frequency = row.Text(12);
  kpi.derived = ParseDerived(row.Text(13)).value_or(Derived::kNone);
  kpi.archived = row.Int(14) != 0;
  kpi.version = row.Int(15);
  return kpi;
}

KpiMeasurement ReadMeasurement(const Statement& row) {
  KpiMeasurement m;
  m.id = row.Int(0);
  m.kpi = row.Text(1);
  m.series = ParseSeries(row.Text(2)).value_or(Series::kMeasured);
  m.date = ParseIsoDay(row.Text(3)).value_or(Day{});
  m.value = row.Real(4);
  m.source = row.Text(5);
  m.note = row.Text(6);
  m.version = row.Int(7);
  return m;
}

std::optional<Kpi> LoadKpi(Connection& c, const std::string& code) {
  auto row = c.Prepare(kKpi);
  row.Bind(1, code);
  if (!row.Step()) return std::nullopt;
  return ReadKpi(row);
}

std::optional<KpiMeasurement> LoadMeasurement(Connection& c, std::int64_t id) {
  auto row = c.Prepare(kMeasurement);
  row.Bind(1, id);
  if (!row.Step()) return std::nullopt;
  return ReadMeasurement(row);
}

void BindKpi(Statement& s, const Kpi& k) {
  s.Bind(1, k.code).Bind(2, k.name).Bind(3, k.unit).Bind(4, DirectionCode(k.direction)).Bind(5, k.baseline.value);
  if (k.baseline.date) s.Bind(6, FormatIsoDay(*k.baseline.date)); else s.BindNull(6);
  s.Bind(7, k.baseline.source).Bind(8, k.target.value).Bind(9, k.target.year).Bind(10, ComparatorCode(k.target.comparator));
  s.Bind(11, k.description).Bind(12, k.source).Bind(13, k.frequency).Bind(14, DerivedCode(k.derived)).Bind(15, k.archived);
}

std::string KpiJson(const Kpi& k) {
  return nlohmann::json{{"code", k.code},
                        {"name", k.name},
                        {"unit", k.unit},
                        {"direction", DirectionCode(k.direction)},
                        {"baseline", k.baseline.value ? nlohmann::json(*k.baseline.value) : nlohmann::json(nullptr)},
                        {"target", k.target.value},
                        {"target_year", k.target.year},
                        {"comparator", ComparatorCode(k.target.comparator)},
                        {"archived", k.archived},
                        {"version", k.version}}
      .dump();
}

std::string MeasurementJson(const KpiMeasurement& m) {
  return nlohmann::json{{"kpi", m.kpi},           {"series", SeriesCode(m.series)}, {"date", FormatIsoDay(m.date)},
                        {"value", m.value},       {"source", m.source},             {"note", m.note},
                        {"version", m.version}}
      .dump();
}

Error Stale(const std::string& what) {
  return Error::Conflict(what + " is intussen door iemand anders gewijzigd. Laad de nieuwste versie en probeer het opnieuw.");
}

// Checks a measurement in the transaction: its KPI exists and takes the value.
std::optional<Error> CheckAgainstKpi(Connection& c, const KpiMeasurement& m, Day today) {
  auto kpi = LoadKpi(c, m.kpi);
  if (!kpi) return Error::Invalid({{"kpi", "KPI '" + m.kpi + "' bestaat niet."}});
  auto errors = CheckMeasurement(*kpi, m, today);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return std::nullopt;
}

bool SameValue(const KpiMeasurement& a, const KpiMeasurement& b) {
  return std::abs(a.value - b.value) < 1e-9 && a.source == b.source && a.note == b.note;
}

}  // namespace

std::vector<Kpi> SqliteMonitorRepository::ListKpis(bool include_archived) {
  return db_.With([&](Connection& c) {
    std::vector<Kpi> kpis;
    auto row = c.Prepare(kKpis);
    while (row.Step()) {
      Kpi kpi = ReadKpi(row);
      if (include_archived || !kpi.archived) kpis.push_back(std::move(kpi));
    }
    return kpis;
  });
}

std::optional<Kpi> SqliteMonitorRepository::GetKpi(const std::string& code) {
  return db_.With([&](Connection& c) { return LoadKpi(c, code); });
}

std::vector<KpiMeasurement> SqliteMonitorRepository::Measurements(const std::string& code) {
  return db_.With([&](Connection& c) {
    std::vector<KpiMeasurement> out;
    auto row = c.Prepare(code.empty() ? kAllMeasurements : kMeasurementsOf);
    if (!code.empty()) row.Bind(1, code);
    while (row.Step()) out.push_back(ReadMeasurement(row));
    return out;
  });
}

Result<Kpi> SqliteMonitorRepository::CreateKpi(const Kpi& kpi, const audit::Actor& actor) {
  auto errors = CheckKpi(kpi);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Kpi> {
    Transaction transaction(c);
    if (LoadKpi(c, kpi.code)) {
      return Error{ErrorKind::kConflict, "Er is al een KPI met code " + kpi.code + ".", {{"code", "Deze code is in gebruik."}}};
    }
    auto insert = c.Prepare(kInsertKpi);
    BindKpi(insert, kpi);
    insert.Run();
    Kpi stored = *LoadKpi(c, kpi.code);
    audit::Record(c, actor, now, "kpi", kpi.code, "create", "", KpiJson(stored));
    transaction.Commit();
    return stored;
  });
}

Result<Kpi> SqliteMonitorRepository::UpdateKpi(const std::string& code, const Kpi& input, std::int64_t expected_version,
                                               const audit::Actor& actor) {
  Kpi kpi = input;
  kpi.code = code;
  auto errors = CheckKpi(kpi);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Kpi> {
    Transaction transaction(c);
    auto before = LoadKpi(c, code);
    if (!before) return Error::NotFound("KPI '" + code + "' bestaat niet.");
    auto update = c.Prepare(kUpdateKpi);
    BindKpi(update, kpi);
    update.Bind(16, expected_version).Run();
    if (c.Changes() == 0) return Stale("Deze KPI");
    Kpi after = *LoadKpi(c, code);
    audit::Record(c, actor, now, "kpi", code, "update", KpiJson(*before), KpiJson(after));
    transaction.Commit();
    return after;
  });
}

Result<Done> SqliteMonitorRepository::DeleteKpi(const std::string& code, const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Done> {
    Transaction transaction(c);
    auto before = LoadKpi(c, code);
    if (!before) return Error::NotFound("KPI '" + code + "' bestaat niet.");
    auto count = c.Prepare(kCountMeasurements);
    count.Bind(1, code);
    count.Step();
    if (count.Int(0) > 0) {
      return Error::Conflict("Deze KPI heeft metingen en kan niet worden verwijderd; archiveer hem in plaats daarvan.");
    }
    c.Prepare(kDeleteKpiLinks).Bind(1, code).Run();
    c.Prepare(kDeleteKpi).Bind(1, code).Run();
    audit::Record(c, actor, now, "kpi", code, "delete", KpiJson(*before), "");
    transaction.Commit();
    return Done{};
  });
}

Result<KpiMeasurement> SqliteMonitorRepository::AddMeasurement(const KpiMeasurement& m, Day today,
                                                               const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<KpiMeasurement> {
    Transaction transaction(c);
    if (auto bad = CheckAgainstKpi(c, m, today)) return *bad;
    auto existing = c.Prepare(kMeasurementOn);
    existing.Bind(1, m.kpi).Bind(2, SeriesCode(m.series)).Bind(3, FormatIsoDay(m.date));
    if (existing.Step()) {
      return Error{ErrorKind::kConflict, "Er is al een meting op " + DutchDate(FormatIsoDay(m.date)) + "; corrigeer die.",
                   {{"date", "Er is al een meting op deze datum."}}};
    }
    c.Prepare(kInsertMeasurement)
        .Bind(1, m.kpi).Bind(2, SeriesCode(m.series)).Bind(3, FormatIsoDay(m.date)).Bind(4, m.value)
        .Bind(5, m.source).Bind(6, m.note).Bind(7, now).Run();
    KpiMeasurement stored = *LoadMeasurement(c, c.LastInsertId());
    audit::Record(c, actor, now, "measurement", std::to_string(stored.id), "create", "", MeasurementJson(stored));
    transaction.Commit();
    return stored;
  });
}

Result<KpiMeasurement> SqliteMonitorRepository::CorrectMeasurement(std::int64_t id, const KpiMeasurement& m,
                                                                   std::int64_t expected_version, Day today,
                                                                   const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<KpiMeasurement> {
    Transaction transaction(c);
    auto before = LoadMeasurement(c, id);
    if (!before) return Error::NotFound("Meting " + std::to_string(id) + " bestaat niet.");
    KpiMeasurement corrected = *before;
    corrected.value = m.value;
    corrected.source = m.source;
    corrected.note = m.note;
    if (auto bad = CheckAgainstKpi(c, corrected, today)) return *bad;
    c.Prepare(kCorrectMeasurement).Bind(1, id).Bind(2, m.value).Bind(3, m.source).Bind(4, m.note).Bind(5, now)
        .Bind(6, expected_version).Run();
    if (c.Changes() == 0) return Stale("Deze meting");
    KpiMeasurement after = *LoadMeasurement(c, id);
    audit::Record(c, actor, now, "measurement", std::to_string(id), "update", MeasurementJson(*before),
                  MeasurementJson(after));
    transaction.Commit();
    return after;
  });
}

Result<MeasurementImportReport> SqliteMonitorRepository::ImportMeasurements(
    const std::vector<std::pair<int, KpiMeasurement>>& rows, bool dry_run, Day today, const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<MeasurementImportReport> {
    Transaction transaction(c);
    MeasurementImportReport report;
    report.dry_run = dry_run;
    std::vector<FieldError> problems;
    for (const auto& [line, m] : rows) {
      if (auto bad = CheckAgainstKpi(c, m, today)) {
        for (const FieldError& e : bad->field_errors) problems.push_back({e.field, "Regel " + std::to_string(line) + ": " + e.message});
      }
    }
    if (!problems.empty()) return Error::Invalid(std::move(problems));
    for (const auto& [line, m] : rows) {
      auto existing = c.Prepare(kMeasurementOn);
      existing.Bind(1, m.kpi).Bind(2, SeriesCode(m.series)).Bind(3, FormatIsoDay(m.date));
      if (existing.Step()) {
        KpiMeasurement before = ReadMeasurement(existing);
        if (SameValue(before, m)) {
          ++report.unchanged;
          continue;
        }
        c.Prepare(kCorrectMeasurement).Bind(1, before.id).Bind(2, m.value).Bind(3, m.source).Bind(4, m.note)
            .Bind(5, now).Bind(6, before.version).Run();
        audit::Record(c, actor, now, "measurement", std::to_string(before.id), "update", MeasurementJson(before),
                      MeasurementJson(*LoadMeasurement(c, before.id)));
        ++report.corrected;
      } else {
        c.Prepare(kInsertMeasurement)
            .Bind(1, m.kpi).Bind(2, SeriesCode(m.series)).Bind(3, FormatIsoDay(m.date)).Bind(4, m.value)
            .Bind(5, m.source).Bind(6, m.note).Bind(7, now).Run();
        std::int64_t id = c.LastInsertId();
        audit::Record(c, actor, now, "measurement", std::to_string(id), "create", "", MeasurementJson(*LoadMeasurement(c, id)));
        ++report.created;
      }
    }
    if (!dry_run) transaction.Commit();
    return report;
  });
}

std::vector<LinkedAction> SqliteMonitorRepository::ActionsOf(const std::string& code) {
  return db_.With([&](Connection& c) {
    std::vector<LinkedAction> out;
    auto row = c.Prepare(kActionsOf);
    row.Bind(1, code);
    while (row.Step()) {
      out.push_back({row.Int(0), static_cast<int>(row.Int(1)), row.Text(2), row.Text(3), row.Text(4)});
    }
    return out;
  });
}

std::vector<std::string> SqliteMonitorRepository::KpisOfAction(std::int64_t action_id) {
  return db_.With([&](Connection& c) {
    std::vector<std::string> out;
    auto row = c.Prepare(kKpisOfAction);
    row.Bind(1, action_id);
    while (row.Step()) out.push_back(row.Text(0));
    return out;
  });
}

Result<Done> SqliteMonitorRepository::SetActionKpis(std::int64_t action_id, const std::vector<std::string>& codes,
                                                    const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Done> {
    Transaction transaction(c);
    auto exists = c.Prepare(kActionExists);
    exists.Bind(1, action_id);
    if (!exists.Step()) return Error::NotFound("Actie " + std::to_string(action_id) + " bestaat niet.");
    std::vector<std::string> wanted;
    for (const std::string& code : codes) {
      if (!LoadKpi(c, code)) return Error::Invalid({{"kpis", "KPI '" + code + "' bestaat niet."}});
      if (std::find(wanted.begin(), wanted.end(), code) == wanted.end()) wanted.push_back(code);
    }
    std::vector<std::string> before;
    {
      auto row = c.Prepare(kKpisOfAction);
      row.Bind(1, action_id);
      while (row.Step()) before.push_back(row.Text(0));
    }
    std::vector<std::string> sorted_before = before, sorted_wanted = wanted;
    std::sort(sorted_before.begin(), sorted_before.end());
    std::sort(sorted_wanted.begin(), sorted_wanted.end());
    if (sorted_before == sorted_wanted) return Done{};
    c.Prepare(kDeleteActionLinks).Bind(1, action_id).Run();
    for (const std::string& code : wanted) c.Prepare(kInsertActionLink).Bind(1, action_id).Bind(2, code).Run();
    audit::Record(c, actor, now, "action", std::to_string(action_id), "update",
                  nlohmann::json{{"kpis", sorted_before}}.dump(), nlohmann::json{{"kpis", sorted_wanted}}.dump());
    transaction.Commit();
    return Done{};
  });
}

bool SqliteMonitorRepository::HasData() {
  return db_.With([](Connection& c) {
    auto row = c.Prepare(kHasData);
    row.Step();
    return row.Int(0) != 0;
  });
}

}  // namespace stadshart::monitor
