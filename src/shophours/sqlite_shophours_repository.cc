#include "shophours/sqlite_shophours_repository.h"

#include <nlohmann/json.hpp>

#include "common/text.h"

namespace stadshart::shophours {
namespace {

using storage::Connection;
using storage::Statement;
using storage::Transaction;

constexpr const char* kBusinessExists = "SELECT 1 FROM businesses WHERE id = ?1";
constexpr const char* kHours = "SELECT business_id, opening_hours, version, updated_at FROM business_hours WHERE business_id = ?1";
constexpr const char* kAllHours =
    "SELECT business_id, opening_hours, version, updated_at FROM business_hours ORDER BY business_id";
constexpr const char* kExceptionsOf =
    "SELECT business_id, day, closed, hours, reason FROM business_hours_exceptions WHERE business_id = ?1 ORDER BY day";
constexpr const char* kAllExceptions =
    "SELECT business_id, day, closed, hours, reason FROM business_hours_exceptions ORDER BY business_id, day";
constexpr const char* kInsertHours =
    "INSERT INTO business_hours (business_id, opening_hours, version, updated_at) VALUES (?1, ?2, 1, ?3)";
constexpr const char* kUpdateHours =
    "UPDATE business_hours SET opening_hours = ?1, updated_at = ?2, version = version + 1"
    " WHERE business_id = ?3 AND version = ?4";
constexpr const char* kDeleteExceptions = "DELETE FROM business_hours_exceptions WHERE business_id = ?1";
constexpr const char* kInsertException =
    "INSERT INTO business_hours_exceptions (business_id, day, closed, hours, reason) VALUES (?1, ?2, ?3, ?4, ?5)";

constexpr const char* kSettings =
    "SELECT good_friday, liberation_day, school_region, latitude, longitude, version FROM hours_settings WHERE \"only\" = 1";
constexpr const char* kUpdateSettings =
    "UPDATE hours_settings SET good_friday = ?1, liberation_day = ?2, school_region = ?3, updated_at = ?4,"
    " version = version + 1 WHERE \"only\" = 1 AND version = ?5";
constexpr const char* kSchoolHolidays =
    "SELECT id, region, name, first_day, last_day FROM school_holidays ORDER BY first_day, region, id";
constexpr const char* kSchoolHoliday = "SELECT id, region, name, first_day, last_day FROM school_holidays WHERE id = ?1";
constexpr const char* kInsertSchoolHoliday =
    "INSERT INTO school_holidays (region, name, first_day, last_day) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* kDeleteSchoolHoliday = "DELETE FROM school_holidays WHERE id = ?1";

constexpr const char* kFootfall = "SELECT weekday, hour, value FROM hours_footfall";
constexpr const char* kFootfallSource = "SELECT label, imported_at, imported_by FROM hours_footfall_source WHERE \"only\" = 1";
constexpr const char* kDeleteFootfall = "DELETE FROM hours_footfall";
constexpr const char* kInsertFootfall = "INSERT INTO hours_footfall (weekday, hour, value) VALUES (?1, ?2, ?3)";
constexpr const char* kReplaceFootfallSource =
    "INSERT INTO hours_footfall_source (\"only\", label, imported_at, imported_by) VALUES (1, ?1, ?2, ?3)"
    " ON CONFLICT (\"only\") DO UPDATE SET label = excluded.label, imported_at = excluded.imported_at,"
    " imported_by = excluded.imported_by";

HoursException ReadException(const Statement& row) {
  return {ParseIsoDay(row.Text(1)).value_or(Day{}), row.Int(2) != 0, row.Text(3), row.Text(4)};
}

std::optional<BusinessHours> Load(Connection& c, std::int64_t business_id) {
  auto row = c.Prepare(kHours);
  row.Bind(1, business_id);
  if (!row.Step()) return std::nullopt;
  BusinessHours hours{row.Int(0), row.Text(1), {}, row.Int(2), row.Text(3)};
  auto exceptions = c.Prepare(kExceptionsOf);
  exceptions.Bind(1, business_id);
  while (exceptions.Step()) hours.exceptions.push_back(ReadException(exceptions));
  return hours;
}

std::string HoursJson(const BusinessHours& h) {
  nlohmann::json exceptions = nlohmann::json::array();
  for (const HoursException& e : h.exceptions) {
    exceptions.push_back({{"date", FormatIsoDay(e.day)}, {"closed", e.closed}, {"hours", e.hours}, {"reason", e.reason}});
  }
  return nlohmann::json{{"opening_hours", h.expression}, {"exceptions", exceptions}, {"version", h.version}}.dump();
}

SchoolHoliday ReadSchoolHoliday(const Statement& row) {
  return {row.Int(0), ParseRegion(row.Text(1)).value_or(hours::SchoolRegion::kNoord), row.Text(2),
          ParseIsoDay(row.Text(3)).value_or(Day{}), ParseIsoDay(row.Text(4)).value_or(Day{})};
}

std::string SchoolHolidayJson(const SchoolHoliday& h) {
  return nlohmann::json{{"region", RegionCode(h.region)}, {"name", h.name}, {"first", FormatIsoDay(h.first)},
                        {"last", FormatIsoDay(h.last)}}
      .dump();
}

CentreSettings ReadSettings(Connection& c) {
  auto row = c.Prepare(kSettings);
  CentreSettings s;
  if (!row.Step()) return s;
  s.good_friday = row.Int(0) != 0;
  s.liberation_day = ParseLiberationDay(row.Text(1)).value_or(LiberationDay::kLustrum);
  s.region = ParseRegion(row.Text(2)).value_or(hours::SchoolRegion::kNoord);
  s.latitude = row.Real(3);
  s.longitude = row.Real(4);
  s.version = row.Int(5);
  return s;
}

std::string SettingsJson(const CentreSettings& s) {
  return nlohmann::json{{"good_friday", s.good_friday}, {"liberation_day", LiberationDayCode(s.liberation_day)},
                        {"school_region", RegionCode(s.region)}, {"version", s.version}}
      .dump();
}

Error Stale() {
  return Error::Conflict(
      "De openingstijden zijn intussen door iemand anders gewijzigd. Laad de nieuwste versie en probeer het opnieuw.");
}

}  // namespace

BusinessHours SqliteShopHoursRepository::Get(std::int64_t business_id) {
  return db_.With([&](Connection& c) {
    return Load(c, business_id).value_or(BusinessHours{business_id, "", {}, 0, ""});
  });
}

std::vector<BusinessHours> SqliteShopHoursRepository::All() {
  return db_.With([](Connection& c) {
    c.Exec("BEGIN");
    struct End {
      Connection& c;
      ~End() { c.Exec("COMMIT"); }
    } end{c};
    std::vector<BusinessHours> all;
    auto rows = c.Prepare(kAllHours);
    while (rows.Step()) all.push_back({rows.Int(0), rows.Text(1), {}, rows.Int(2), rows.Text(3)});
    auto exceptions = c.Prepare(kAllExceptions);
    std::size_t i = 0;
    while (exceptions.Step()) {
      std::int64_t id = exceptions.Int(0);
      while (i < all.size() && all[i].business_id < id) ++i;
      if (i < all.size() && all[i].business_id == id) all[i].exceptions.push_back(ReadException(exceptions));
    }
    return all;
  });
}

Result<BusinessHours> SqliteShopHoursRepository::Save(std::int64_t business_id, const std::string& expression,
                                                      const std::optional<std::vector<HoursException>>& exceptions,
                                                      std::int64_t expected_version, const audit::Actor& actor) {
  auto checked = CheckExpression(expression);
  if (auto* problem = std::get_if<ExpressionProblem>(&checked)) return Error::Invalid({ProblemField(*problem)});
  std::optional<std::vector<HoursException>> sorted;
  if (exceptions) {
    auto ok = CheckExceptions(*exceptions);
    if (!ok.ok()) return ok.error();
    sorted = std::move(ok.value());
  }
  std::string normalised = std::get<CheckedExpression>(checked).normalised;
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<BusinessHours> {
    Transaction transaction(c);
    if (!c.Prepare(kBusinessExists).Bind(1, business_id).Step()) {
      return Error::NotFound("Bedrijf " + std::to_string(business_id) + " bestaat niet.");
    }
    auto before = Load(c, business_id);
    std::int64_t stored_version = before ? before->version : 0;
    if (stored_version != expected_version) return Stale();
    if (before && before->expression == normalised && (!sorted || *sorted == before->exceptions)) return *before;
    if (before) {
      c.Prepare(kUpdateHours).Bind(1, normalised).Bind(2, now).Bind(3, business_id).Bind(4, expected_version).Run();
      if (c.Changes() == 0) return Stale();
    } else {
      c.Prepare(kInsertHours).Bind(1, business_id).Bind(2, normalised).Bind(3, now).Run();
    }
    if (sorted) {
      c.Prepare(kDeleteExceptions).Bind(1, business_id).Run();
      for (const HoursException& e : *sorted) {
        c.Prepare(kInsertException)
            .Bind(1, business_id)
            .Bind(2, FormatIsoDay(e.day))
            .Bind(3, e.closed)
            .Bind(4, e.closed ? std::string() : e.hours)
            .Bind(5, e.reason)
            .Run();
      }
    }
    BusinessHours after = *Load(c, business_id);
    audit::Record(c, actor, now, "business_hours", std::to_string(business_id), before ? "update" : "create",
                  before ? HoursJson(*before) : "", HoursJson(after));
    transaction.Commit();
    return after;
  });
}

Calendar SqliteShopHoursRepository::GetCalendar() {
  return db_.With([](Connection& c) {
    Calendar calendar{ReadSettings(c), {}};
    auto rows = c.Prepare(kSchoolHolidays);
    while (rows.Step()) calendar.school_holidays.push_back(ReadSchoolHoliday(rows));
    return calendar;
  });
}

Result<CentreSettings> SqliteShopHoursRepository::SaveSettings(const CentreSettings& settings,
                                                               std::int64_t expected_version, const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<CentreSettings> {
    Transaction transaction(c);
    CentreSettings before = ReadSettings(c);
    if (before.version != expected_version) {
      return Error::Conflict("De instellingen zijn intussen door iemand anders gewijzigd. Laad de pagina opnieuw.");
    }
    if (before.good_friday == settings.good_friday && before.liberation_day == settings.liberation_day &&
        before.region == settings.region) {
      return before;
    }
    c.Prepare(kUpdateSettings)
        .Bind(1, settings.good_friday)
        .Bind(2, LiberationDayCode(settings.liberation_day))
        .Bind(3, RegionCode(settings.region))
        .Bind(4, now)
        .Bind(5, expected_version)
        .Run();
    CentreSettings after = ReadSettings(c);
    audit::Record(c, actor, now, "hours_settings", "1", "update", SettingsJson(before), SettingsJson(after));
    transaction.Commit();
    return after;
  });
}

Result<SchoolHoliday> SqliteShopHoursRepository::AddSchoolHoliday(const SchoolHoliday& input, const audit::Actor& actor) {
  auto errors = CheckSchoolHoliday(input);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<SchoolHoliday> {
    Transaction transaction(c);
    c.Prepare(kInsertSchoolHoliday)
        .Bind(1, RegionCode(input.region))
        .Bind(2, text::Trim(input.name))
        .Bind(3, FormatIsoDay(input.first))
        .Bind(4, FormatIsoDay(input.last))
        .Run();
    auto row = c.Prepare(kSchoolHoliday);
    row.Bind(1, c.LastInsertId());
    row.Step();
    SchoolHoliday stored = ReadSchoolHoliday(row);
    audit::Record(c, actor, now, "school_holiday", std::to_string(stored.id), "create", "", SchoolHolidayJson(stored));
    transaction.Commit();
    return stored;
  });
}

Result<Done> SqliteShopHoursRepository::DeleteSchoolHoliday(std::int64_t id, const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Done> {
    Transaction transaction(c);
    auto row = c.Prepare(kSchoolHoliday);
    row.Bind(1, id);
    if (!row.Step()) return Error::NotFound("Deze schoolvakantie bestaat niet (meer).");
    SchoolHoliday before = ReadSchoolHoliday(row);
    c.Prepare(kDeleteSchoolHoliday).Bind(1, id).Run();
    audit::Record(c, actor, now, "school_holiday", std::to_string(id), "delete", SchoolHolidayJson(before), "");
    transaction.Commit();
    return Done{};
  });
}

std::optional<FootfallData> SqliteShopHoursRepository::GetFootfall() {
  return db_.With([](Connection& c) -> std::optional<FootfallData> {
    auto source = c.Prepare(kFootfallSource);
    if (!source.Step()) return std::nullopt;
    FootfallData data{{}, source.Text(0), source.Text(1), source.Text(2)};
    auto rows = c.Prepare(kFootfall);
    while (rows.Step()) {
      auto d = rows.Int(0), h = rows.Int(1);
      if (d >= 0 && d < 7 && h >= 0 && h < 24) data.values.values[d][h] = rows.Real(2);
    }
    return data;
  });
}

Result<Done> SqliteShopHoursRepository::ReplaceFootfall(const Footfall& footfall, const std::string& label,
                                                        const audit::Actor& actor) {
  std::string name = text::Trim(label);
  if (name.empty() || name.size() > 200 || !text::IsValidUtf8(name)) {
    return Error::Invalid({{"label", "Zeg in 1 tot 200 tekens wat de cijfers zijn, bijvoorbeeld Pintransacties 2024."}});
  }
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Done> {
    Transaction transaction(c);
    auto source = c.Prepare(kFootfallSource);
    std::string before = source.Step() ? nlohmann::json{{"label", source.Text(0)}}.dump() : "";
    c.Prepare(kDeleteFootfall).Run();
    for (int d = 0; d < 7; ++d) {
      for (int h = 0; h < 24; ++h) {
        if (auto v = footfall.values[d][h]) c.Prepare(kInsertFootfall).Bind(1, d).Bind(2, h).Bind(3, *v).Run();
      }
    }
    c.Prepare(kReplaceFootfallSource).Bind(1, name).Bind(2, now).Bind(3, actor.label).Run();
    audit::Record(c, actor, now, "hours_footfall", "1", before.empty() ? "create" : "update", before,
                  nlohmann::json{{"label", name}, {"hours", footfall.Count()}}.dump());
    transaction.Commit();
    return Done{};
  });
}

std::vector<audit::Entry> SqliteShopHoursRepository::ChangeHistory(std::int64_t business_id) {
  return db_.With([&](Connection& c) {
    return audit::List(c, {.entity_type = "business_hours", .entity_id = std::to_string(business_id)});
  });
}

}  // namespace stadshart::shophours
