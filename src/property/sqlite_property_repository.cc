#include "property/sqlite_property_repository.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/text.h"

namespace stadshart::property {
namespace {

using storage::Connection;
using storage::Statement;
using storage::Transaction;

constexpr const char* kGeneration = "SELECT generation FROM register_generation WHERE \"only\" = 1";
constexpr const char* kTouch = "UPDATE register_generation SET generation = generation + 1 WHERE \"only\" = 1";
constexpr const char* kHasData = "SELECT EXISTS (SELECT 1 FROM units)";

constexpr const char* kZones = "SELECT code, name, intended, version FROM zones ORDER BY position";
constexpr const char* kZone = "SELECT code, name, intended, version FROM zones WHERE code = ?1";
constexpr const char* kUpdateZone =
    "UPDATE zones SET intended = ?1, version = version + 1 WHERE code = ?2 AND version = ?3";

#define UNIT_COLUMNS                                                                                       \
  "id, bag_id, street, number, letter, addition, postcode, zone, floor, floor_area_m2, outlet, lat, lon, " \
  "owner, version"
constexpr const char* kUnits = "SELECT " UNIT_COLUMNS " FROM units ORDER BY id";
constexpr const char* kUnit = "SELECT " UNIT_COLUMNS " FROM units WHERE id = ?1";
constexpr const char* kUnitByBag = "SELECT id FROM units WHERE bag_id = ?1";
constexpr const char* kInsertUnit =
    "INSERT INTO units (bag_id, street, number, letter, addition, postcode, zone, floor, floor_area_m2, outlet, lat,"
    " lon, owner, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
constexpr const char* kUpdateUnit =
    "UPDATE units SET bag_id = ?1, street = ?2, number = ?3, letter = ?4, addition = ?5, postcode = ?6, zone = ?7,"
    " floor = ?8, floor_area_m2 = ?9, outlet = ?10, lat = ?11, lon = ?12, owner = ?13, updated_at = ?14,"
    " version = version + 1 WHERE id = ?15 AND version = ?16";
constexpr const char* kBumpUnit =
    "UPDATE units SET version = version + 1, updated_at = ?1 WHERE id = ?2 AND version = ?3";

#define OCCUPANCY_COLUMNS \
  "unit_id, from_day, to_day, kind, business_id, temporary_user, temporary_manager, temporary_end"
constexpr const char* kAllOccupancy = "SELECT " OCCUPANCY_COLUMNS " FROM occupancy ORDER BY unit_id, from_day";
constexpr const char* kOccupancyOf =
    "SELECT " OCCUPANCY_COLUMNS " FROM occupancy WHERE unit_id = ?1 ORDER BY from_day";
constexpr const char* kDeleteOccupancyOf = "DELETE FROM occupancy WHERE unit_id = ?1";
constexpr const char* kInsertOccupancy =
    "INSERT INTO occupancy (" OCCUPANCY_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

#define BUSINESS_COLUMNS "id, name, kvk, vestiging, sbi, function, jobs, memberships, website, version"
constexpr const char* kBusinesses = "SELECT " BUSINESS_COLUMNS " FROM businesses ORDER BY id";
constexpr const char* kBusiness = "SELECT " BUSINESS_COLUMNS " FROM businesses WHERE id = ?1";
constexpr const char* kBusinessByVestiging = "SELECT id FROM businesses WHERE vestiging = ?1";
constexpr const char* kInsertBusiness =
    "INSERT INTO businesses (name, kvk, vestiging, sbi, function, jobs, memberships, website, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr const char* kUpdateBusiness =
    "UPDATE businesses SET name = ?1, kvk = ?2, vestiging = ?3, sbi = ?4, function = ?5, jobs = ?6,"
    " memberships = ?7, website = ?8, updated_at = ?9, version = version + 1 WHERE id = ?10 AND version = ?11";

constexpr const char* kInsertScenario =
    "INSERT INTO scenarios (name, date, target, unit_ids, vacant_retail_outside_core, created_by, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
#define SCENARIO_COLUMNS "id, name, date, target, unit_ids, vacant_retail_outside_core, created_by, created_at"
constexpr const char* kScenario = "SELECT " SCENARIO_COLUMNS " FROM scenarios WHERE id = ?1";
constexpr const char* kScenarios = "SELECT " SCENARIO_COLUMNS " FROM scenarios ORDER BY id DESC";

std::vector<std::string> SplitList(const std::string& joined) {
  std::vector<std::string> parts;
  std::stringstream in(joined);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

template <typename T, typename F>
std::string JoinList(const std::vector<T>& items, F&& format) {
  std::string out;
  for (const T& item : items) {
    if (!out.empty()) out += ',';
    out += format(item);
  }
  return out;
}

std::string FunctionList(const std::vector<Function>& functions) {
  return JoinList(functions, [](Function f) { return std::string(InfoOf(f).code); });
}

Zone ReadZone(const Statement& row) {
  Zone zone{row.Text(0), row.Text(1), {}, row.Int(3)};
  for (const std::string& code : SplitList(row.Text(2))) {
    if (auto f = ParseFunction(code)) zone.intended.push_back(*f);
  }
  return zone;
}

Unit ReadUnit(const Statement& row) {
  Unit unit;
  unit.id = row.Int(0);
  unit.bag_id = row.Text(1);
  unit.street = row.Text(2);
  unit.number = static_cast<int>(row.Int(3));
  unit.letter = row.Text(4);
  unit.addition = row.Text(5);
  unit.postcode = row.Text(6);
  unit.zone = row.Text(7);
  unit.floor = ParseFloor(row.Text(8)).value_or(Floor::kGround);
  unit.floor_area_m2 = row.Int(9);
  unit.outlet = row.Int(10) != 0;
  if (!row.IsNull(11)) unit.lat = row.Real(11);
  if (!row.IsNull(12)) unit.lon = row.Real(12);
  unit.owner = row.Text(13);
  unit.version = row.Int(14);
  return unit;
}

// Columns 1.. of OCCUPANCY_COLUMNS (column 0 is the unit id).
OccupancyInterval ReadInterval(const Statement& row) {
  OccupancyInterval interval;
  interval.from = *sqlite_register::ParseDayText(row.Text(1));
  if (!row.IsNull(2)) interval.to = sqlite_register::ParseDayText(row.Text(2));
  interval.kind = ParseKind(row.Text(3)).value_or(OccupancyKind::kVacant);
  interval.business_id = row.OptionalInt(4);
  interval.temporary_user = row.Text(5);
  interval.temporary_manager = row.Text(6);
  if (!row.IsNull(7)) interval.temporary_end = sqlite_register::ParseDayText(row.Text(7));
  return interval;
}

Business ReadBusiness(const Statement& row) {
  Business business;
  business.id = row.Int(0);
  business.name = row.Text(1);
  business.kvk = row.Text(2);
  business.vestiging = row.Text(3);
  business.sbi = row.Text(4);
  business.function = ParseFunction(row.Text(5)).value_or(Function::kOtherRetail);
  business.jobs = static_cast<int>(row.Int(6));
  business.memberships = SplitList(row.Text(7));
  business.website = row.Text(8);
  business.version = row.Int(9);
  return business;
}

std::optional<Unit> LoadUnit(Connection& c, std::int64_t id) {
  auto row = c.Prepare(kUnit);
  row.Bind(1, id);
  if (!row.Step()) return std::nullopt;
  Unit unit = ReadUnit(row);
  auto intervals = c.Prepare(kOccupancyOf);
  intervals.Bind(1, id);
  while (intervals.Step()) unit.occupancy.push_back(ReadInterval(intervals));
  return unit;
}

std::optional<Business> LoadBusiness(Connection& c, std::int64_t id) {
  auto row = c.Prepare(kBusiness);
  row.Bind(1, id);
  if (!row.Step()) return std::nullopt;
  return ReadBusiness(row);
}

std::vector<Zone> LoadZones(Connection& c) {
  std::vector<Zone> zones;
  auto row = c.Prepare(kZones);
  while (row.Step()) zones.push_back(ReadZone(row));
  return zones;
}

Statement& BindUnitFields(Statement& s, const Unit& u, const std::string& now) {
  s.Bind(1, u.bag_id).Bind(2, u.street).Bind(3, u.number).Bind(4, u.letter).Bind(5, u.addition);
  s.Bind(6, NormalisePostcode(u.postcode)).Bind(7, u.zone).Bind(8, FloorCode(u.floor)).Bind(9, u.floor_area_m2);
  s.Bind(10, u.outlet).Bind(11, u.lat).Bind(12, u.lon).Bind(13, u.owner).Bind(14, now);
  return s;
}

Statement& BindBusinessFields(Statement& s, const Business& b, const std::string& now) {
  s.Bind(1, text::Trim(b.name)).Bind(2, b.kvk).Bind(3, b.vestiging).Bind(4, b.sbi);
  s.Bind(5, InfoOf(b.function).code).Bind(6, b.jobs);
  s.Bind(7, JoinList(b.memberships, [](const std::string& m) { return m; })).Bind(8, b.website).Bind(9, now);
  return s;
}

void InsertHistory(Connection& c, std::int64_t unit_id, const std::vector<OccupancyInterval>& history) {
  for (const OccupancyInterval& i : history) {
    auto insert = c.Prepare(kInsertOccupancy);
    insert.Bind(1, unit_id).Bind(2, sqlite_register::DayText(i.from));
    if (i.to) insert.Bind(3, sqlite_register::DayText(*i.to)); else insert.BindNull(3);
    insert.Bind(4, KindCode(i.kind));
    if (i.kind == OccupancyKind::kInUse) insert.Bind(5, i.business_id); else insert.BindNull(5);
    insert.Bind(6, i.temporary_user).Bind(7, i.temporary_manager);
    if (i.temporary_end) insert.Bind(8, sqlite_register::DayText(*i.temporary_end)); else insert.BindNull(8);
    insert.Run();
  }
}

std::optional<Error> ConflictOnKey(Connection& c, const char* sql, const std::string& key, std::int64_t self,
                                   const char* field, const std::string& message) {
  auto row = c.Prepare(sql);
  row.Bind(1, key);
  if (row.Step() && row.Int(0) != self) return Error{ErrorKind::kConflict, message, {{field, message}}};
  return std::nullopt;
}

Error Stale(const std::string& what) {
  return Error::Conflict(what + " is intussen door iemand anders gewijzigd. Laad de nieuwste versie en probeer het opnieuw.");
}

Scenario ReadScenario(const Statement& row) {
  Scenario s;
  s.id = row.Int(0);
  s.name = row.Text(1);
  s.date = sqlite_register::ParseDayText(row.Text(2)).value_or(Day{});
  s.target = ParseFunction(row.Text(3)).value_or(Function::kHousing);
  for (const std::string& id : SplitList(row.Text(4))) {
    long long value = 0;
    if (text::ParseInt(id, value)) s.unit_ids.push_back(value);
  }
  s.vacant_retail_outside_core = row.Int(5) != 0;
  s.created_by = row.Text(6);
  s.created_at = row.Text(7);
  return s;
}

}  // namespace

namespace sqlite_register {

void Touch(Connection& c) { c.Prepare(kTouch).Run(); }

std::string DayText(Day day) { return FormatIsoDay(day); }
std::optional<Day> ParseDayText(std::string_view text) { return ParseIsoDay(text); }

std::string UnitJson(const Unit& unit) {
  nlohmann::json history = nlohmann::json::array();
  for (const OccupancyInterval& i : unit.occupancy) {
    nlohmann::json item{{"from", DayText(i.from)},
                        {"to", i.to ? nlohmann::json(DayText(*i.to)) : nlohmann::json(nullptr)},
                        {"kind", KindCode(i.kind)}};
    if (i.business_id) item["business_id"] = *i.business_id;
    if (i.kind == OccupancyKind::kTemporary) {
      item["temporary_user"] = i.temporary_user;
      item["temporary_manager"] = i.temporary_manager;
      item["temporary_end"] = i.temporary_end ? nlohmann::json(DayText(*i.temporary_end)) : nlohmann::json(nullptr);
    }
    history.push_back(std::move(item));
  }
  return nlohmann::json{{"bag_id", unit.bag_id},   {"address", unit.Address()},   {"postcode", unit.postcode},
                        {"zone", unit.zone},       {"floor", FloorCode(unit.floor)}, {"floor_area_m2", unit.floor_area_m2},
                        {"outlet", unit.outlet},   {"lat", unit.lat ? nlohmann::json(*unit.lat) : nlohmann::json(nullptr)},
                        {"lon", unit.lon ? nlohmann::json(*unit.lon) : nlohmann::json(nullptr)},
                        {"owner", unit.owner},     {"version", unit.version},     {"occupancy", std::move(history)}}
      .dump();
}

std::string BusinessJson(const Business& b) {
  return nlohmann::json{{"name", b.name},         {"kvk", b.kvk},   {"vestiging", b.vestiging},
                        {"sbi", b.sbi},           {"function", InfoOf(b.function).code},
                        {"jobs", b.jobs},         {"memberships", b.memberships},
                        {"website", b.website},   {"version", b.version}}
      .dump();
}

}  // namespace sqlite_register

std::shared_ptr<const Register> SqlitePropertyRepository::Snapshot() {
  std::int64_t generation = db_.With([](Connection& c) {
    auto row = c.Prepare(kGeneration);
    row.Step();
    return row.Int(0);
  });
  {
    std::lock_guard lock(mutex_);
    if (snapshot_ && snapshot_generation_ == generation) return snapshot_;
  }
  // Read everything in one read transaction so that the snapshot is consistent with the generation read in it.
  auto fresh = std::make_shared<Register>();
  std::int64_t loaded_generation = db_.With([&](Connection& c) {
    c.Exec("BEGIN");
    struct Rollback {
      Connection& c;
      ~Rollback() { c.Exec("COMMIT"); }
    } end{c};
    auto gen = c.Prepare(kGeneration);
    gen.Step();
    std::int64_t g = gen.Int(0);
    fresh->zones = LoadZones(c);
    auto units = c.Prepare(kUnits);
    while (units.Step()) fresh->units.push_back(ReadUnit(units));
    auto intervals = c.Prepare(kAllOccupancy);
    size_t index = 0;
    while (intervals.Step()) {
      std::int64_t unit_id = intervals.Int(0);
      while (index < fresh->units.size() && fresh->units[index].id < unit_id) ++index;
      if (index < fresh->units.size() && fresh->units[index].id == unit_id) {
        fresh->units[index].occupancy.push_back(ReadInterval(intervals));
      }
    }
    auto businesses = c.Prepare(kBusinesses);
    while (businesses.Step()) fresh->businesses.push_back(ReadBusiness(businesses));
    return g;
  });
  fresh->vacancy_index = std::make_shared<const VacancyIndex>(fresh->units);  // outside the read transaction
  std::lock_guard lock(mutex_);
  if (!snapshot_ || loaded_generation >= snapshot_generation_) {
    snapshot_ = std::move(fresh);
    snapshot_generation_ = loaded_generation;
  }
  return snapshot_;
}

bool SqlitePropertyRepository::HasData() {
  return db_.With([](Connection& c) {
    auto row = c.Prepare(kHasData);
    row.Step();
    return row.Int(0) != 0;
  });
}

Result<Unit> SqlitePropertyRepository::CreateUnit(const Unit& input, const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Unit> {
    Transaction transaction(c);
    auto errors = CheckUnit(input, LoadZones(c));
    if (!errors.empty()) return Error::Invalid(std::move(errors));
    if (auto conflict = ConflictOnKey(c, kUnitByBag, input.bag_id, 0, "bag_id",
                                      "Er is al een pand met BAG-id " + input.bag_id + ".")) {
      return *conflict;
    }
    if (auto bad = CheckHistory(input.occupancy); !bad.ok()) return bad.error();
    auto insert = c.Prepare(kInsertUnit);
    BindUnitFields(insert, input, now).Run();
    std::int64_t id = c.LastInsertId();
    InsertHistory(c, id, input.occupancy);
    Unit unit = *LoadUnit(c, id);
    sqlite_register::Touch(c);
    audit::Record(c, actor, now, "unit", std::to_string(id), "create", "", sqlite_register::UnitJson(unit));
    transaction.Commit();
    return unit;
  });
}

Result<Unit> SqlitePropertyRepository::UpdateUnit(std::int64_t id, const Unit& input, std::int64_t expected_version,
                                                  const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Unit> {
    Transaction transaction(c);
    auto before = LoadUnit(c, id);
    if (!before) return Error::NotFound("Pand " + std::to_string(id) + " bestaat niet.");
    auto errors = CheckUnit(input, LoadZones(c));
    if (!errors.empty()) return Error::Invalid(std::move(errors));
    if (auto conflict = ConflictOnKey(c, kUnitByBag, input.bag_id, id, "bag_id",
                                      "Er is al een ander pand met BAG-id " + input.bag_id + ".")) {
      return *conflict;
    }
    auto update = c.Prepare(kUpdateUnit);
    BindUnitFields(update, input, now).Bind(15, id).Bind(16, expected_version).Run();
    if (c.Changes() == 0) return Stale("Dit pand");
    Unit after = *LoadUnit(c, id);
    sqlite_register::Touch(c);
    audit::Record(c, actor, now, "unit", std::to_string(id), "update", sqlite_register::UnitJson(*before),
                  sqlite_register::UnitJson(after));
    transaction.Commit();
    return after;
  });
}

Result<Business> SqlitePropertyRepository::CreateBusiness(const Business& input, const audit::Actor& actor) {
  auto errors = CheckBusiness(input);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Business> {
    Transaction transaction(c);
    if (auto conflict = ConflictOnKey(c, kBusinessByVestiging, input.vestiging, 0, "vestiging",
                                      "Er is al een bedrijf met vestigingsnummer " + input.vestiging + ".")) {
      return *conflict;
    }
    auto insert = c.Prepare(kInsertBusiness);
    BindBusinessFields(insert, input, now).Run();
    Business business = *LoadBusiness(c, c.LastInsertId());
    sqlite_register::Touch(c);
    audit::Record(c, actor, now, "business", std::to_string(business.id), "create", "",
                  sqlite_register::BusinessJson(business));
    transaction.Commit();
    return business;
  });
}

Result<Business> SqlitePropertyRepository::UpdateBusiness(std::int64_t id, const Business& input,
                                                          std::int64_t expected_version, const audit::Actor& actor) {
  auto errors = CheckBusiness(input);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Business> {
    Transaction transaction(c);
    auto before = LoadBusiness(c, id);
    if (!before) return Error::NotFound("Bedrijf " + std::to_string(id) + " bestaat niet.");
    if (auto conflict = ConflictOnKey(c, kBusinessByVestiging, input.vestiging, id, "vestiging",
                                      "Er is al een ander bedrijf met vestigingsnummer " + input.vestiging + ".")) {
      return *conflict;
    }
    auto update = c.Prepare(kUpdateBusiness);
    BindBusinessFields(update, input, now).Bind(10, id).Bind(11, expected_version).Run();
    if (c.Changes() == 0) return Stale("Dit bedrijf");
    Business after = *LoadBusiness(c, id);
    sqlite_register::Touch(c);
    audit::Record(c, actor, now, "business", std::to_string(id), "update", sqlite_register::BusinessJson(*before),
                  sqlite_register::BusinessJson(after));
    transaction.Commit();
    return after;
  });
}

Result<Zone> SqlitePropertyRepository::UpdateZone(const std::string& code, const std::vector<Function>& intended,
                                                  std::int64_t expected_version, const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Zone> {
    Transaction transaction(c);
    auto row = c.Prepare(kZone);
    row.Bind(1, code);
    if (!row.Step()) return Error::NotFound("Zone '" + code + "' bestaat niet.");
    Zone before = ReadZone(row);
    c.Prepare(kUpdateZone).Bind(1, FunctionList(intended)).Bind(2, code).Bind(3, expected_version).Run();
    if (c.Changes() == 0) return Stale("Deze zone");
    auto again = c.Prepare(kZone);
    again.Bind(1, code);
    again.Step();
    Zone after = ReadZone(again);
    sqlite_register::Touch(c);
    auto json = [](const Zone& z) {
      return nlohmann::json{{"code", z.code}, {"intended", FunctionList(z.intended)}, {"version", z.version}}.dump();
    };
    audit::Record(c, actor, now, "zone", code, "update", json(before), json(after));
    transaction.Commit();
    return after;
  });
}

Result<Unit> SqlitePropertyRepository::ChangeOccupancy(std::int64_t unit_id, const OccupancyInterval& next,
                                                       std::int64_t expected_version, const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Unit> {
    Transaction transaction(c);
    auto before = LoadUnit(c, unit_id);
    if (!before) return Error::NotFound("Pand " + std::to_string(unit_id) + " bestaat niet.");
    if (before->version != expected_version) return Stale("Dit pand");
    if (next.kind == OccupancyKind::kInUse) {
      if (!next.business_id || !LoadBusiness(c, *next.business_id)) {
        return Error::Invalid({{"business_id", "Kies het bedrijf dat het pand in gebruik neemt."}});
      }
    }
    std::vector<OccupancyInterval> history = before->occupancy;
    // Close the current open interval on the day the new one starts.
    if (!history.empty() && !history.back().to && history.back().from < next.from) history.back().to = next.from;
    OccupancyInterval added = next;
    if (added.kind != OccupancyKind::kInUse) added.business_id.reset();
    auto merged = WithInterval(std::move(history), added);
    if (!merged.ok()) return merged.error();
    c.Prepare(kDeleteOccupancyOf).Bind(1, unit_id).Run();
    InsertHistory(c, unit_id, merged.value());
    c.Prepare(kBumpUnit).Bind(1, now).Bind(2, unit_id).Bind(3, expected_version).Run();
    Unit after = *LoadUnit(c, unit_id);
    sqlite_register::Touch(c);
    audit::Record(c, actor, now, "unit", std::to_string(unit_id), "update", sqlite_register::UnitJson(*before),
                  sqlite_register::UnitJson(after));
    transaction.Commit();
    return after;
  });
}

Result<Scenario> SqlitePropertyRepository::SaveScenario(const Scenario& input, const audit::Actor& actor) {
  auto snapshot = Snapshot();
  auto checked = Evaluate(*snapshot, input);
  if (!checked.ok()) return checked.error();
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Scenario> {
    Transaction transaction(c);
    c.Prepare(kInsertScenario)
        .Bind(1, text::Trim(input.name))
        .Bind(2, sqlite_register::DayText(input.date))
        .Bind(3, InfoOf(input.target).code)
        .Bind(4, JoinList(input.unit_ids, [](std::int64_t id) { return std::to_string(id); }))
        .Bind(5, input.vacant_retail_outside_core)
        .Bind(6, actor.label)
        .Bind(7, now)
        .Run();
    auto row = c.Prepare(kScenario);
    row.Bind(1, c.LastInsertId());
    row.Step();
    Scenario saved = ReadScenario(row);
    audit::Record(c, actor, now, "scenario", std::to_string(saved.id), "create", "",
                  nlohmann::json{{"name", saved.name}, {"date", sqlite_register::DayText(saved.date)},
                                 {"target", InfoOf(saved.target).code}, {"unit_ids", saved.unit_ids},
                                 {"vacant_retail_outside_core", saved.vacant_retail_outside_core}}
                      .dump());
    transaction.Commit();
    return saved;
  });
}

std::optional<Scenario> SqlitePropertyRepository::GetScenario(std::int64_t id) {
  return db_.With([&](Connection& c) -> std::optional<Scenario> {
    auto row = c.Prepare(kScenario);
    row.Bind(1, id);
    if (!row.Step()) return std::nullopt;
    return ReadScenario(row);
  });
}

std::vector<Scenario> SqlitePropertyRepository::ListScenarios() {
  return db_.With([](Connection& c) {
    std::vector<Scenario> scenarios;
    auto row = c.Prepare(kScenarios);
    while (row.Step()) scenarios.push_back(ReadScenario(row));
    return scenarios;
  });
}

std::vector<audit::Entry> SqlitePropertyRepository::ChangeHistory(const std::string& entity_type, std::int64_t id) {
  return db_.With([&](Connection& c) {
    return audit::List(c, {.entity_type = entity_type, .entity_id = std::to_string(id)});
  });
}

}  // namespace stadshart::property
