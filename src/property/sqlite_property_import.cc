// The all-or-nothing import of units, businesses and occupancy (contract in property_repository.h; columns and
// rules in docs/register.md).
//
// One write transaction does everything: check every row (collecting every problem with its line), store what
// differs, audit each changed record, raise the generation once. Any problem rolls the whole transaction back; a
// dry run rolls back after the same work, so it finds exactly what a real run would.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"
#include "property/sqlite_property_repository.h"

namespace stadshart::property {
namespace {

using storage::Connection;
using storage::Statement;

constexpr const char* kBulkSettings = "PRAGMA cache_size = -262144";  // KiB: 256 MiB
constexpr const char* kNormalSettings = "PRAGMA cache_size = -2000";  // SQLite's default
// From this many occupancy rows on, the index of intervals by business (migrations/0003_register.sql) is dropped
// for the import and built again at its end, in the same transaction: one sort instead of a million inserts in
// random business order. A failed or dry run rolls the drop back with the rest.
constexpr size_t kRebuildIndexFromRows = 100'000;
constexpr const char* kDropBusinessIndex = "DROP INDEX occupancy_by_business";
constexpr const char* kCreateBusinessIndex = "CREATE INDEX occupancy_by_business ON occupancy(business_id)";
// Above this many changed records an import is audited with one summary row instead of one row per record.
constexpr size_t kPerRecordAuditLimit = 10'000;

constexpr const char* kZoneCodes = "SELECT code FROM zones";
constexpr const char* kUnitByBag =
    "SELECT id, street, number, letter, addition, postcode, zone, floor, floor_area_m2, outlet, lat, lon, owner,"
    " version FROM units WHERE bag_id = ?1";
constexpr const char* kInsertUnit =
    "INSERT INTO units (bag_id, street, number, letter, addition, postcode, zone, floor, floor_area_m2, outlet, lat,"
    " lon, owner, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
constexpr const char* kUpdateUnit =
    "UPDATE units SET street = ?2, number = ?3, letter = ?4, addition = ?5, postcode = ?6, zone = ?7, floor = ?8,"
    " floor_area_m2 = ?9, outlet = ?10, lat = ?11, lon = ?12, owner = ?13, updated_at = ?14, version = version + 1"
    " WHERE bag_id = ?1";
constexpr const char* kBumpUnit = "UPDATE units SET version = version + 1, updated_at = ?1 WHERE id = ?2";
constexpr const char* kBusinessByVestiging =
    "SELECT id, name, kvk, sbi, function, jobs, memberships, website, version FROM businesses WHERE vestiging = ?1";
constexpr const char* kInsertBusiness =
    "INSERT INTO businesses (vestiging, name, kvk, sbi, function, jobs, memberships, website, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr const char* kUpdateBusiness =
    "UPDATE businesses SET name = ?2, kvk = ?3, sbi = ?4, function = ?5, jobs = ?6, memberships = ?7, website = ?8,"
    " updated_at = ?9, version = version + 1 WHERE vestiging = ?1";
constexpr const char* kHistoryOf =
    "SELECT from_day, to_day, kind, business_id, temporary_user, temporary_manager, temporary_end"
    " FROM occupancy WHERE unit_id = ?1 ORDER BY from_day";
constexpr const char* kDeleteHistoryOf = "DELETE FROM occupancy WHERE unit_id = ?1";
constexpr const char* kInsertInterval =
    "INSERT INTO occupancy (unit_id, from_day, to_day, kind, business_id, temporary_user, temporary_manager,"
    " temporary_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
// kInsertInterval for kIntervalsPerInsert rows at once: one statement run per batch instead of per row (each run
// of an INSERT into occupancy builds an ephemeral table for the schema's CHECK (kind IN (...)) and starts the
// VDBE afresh).
constexpr int kIntervalsPerInsert = 64;
const std::string& InsertIntervals() {
  static const std::string sql = [] {
    std::string text =
        "INSERT INTO occupancy (unit_id, from_day, to_day, kind, business_id, temporary_user, temporary_manager,"
        " temporary_end) VALUES ";
    for (int row = 0; row < kIntervalsPerInsert; ++row) text += row ? ",(?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?)";
    return text;
  }();
  return sql;
}

using sqlite_register::ParseDayText;

// 'YYYY-MM-DD' as sqlite_register::DayText writes it, without snprintf (three per stored interval). Years 0-9999.
struct DayText {
  explicit DayText(Day day) {
    std::chrono::year_month_day ymd{day};
    auto put = [](char* at, unsigned value, int digits) {
      for (int k = digits - 1; k >= 0; --k, value /= 10) at[k] = static_cast<char>('0' + value % 10);
    };
    put(text, static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
    text[4] = '-';
    put(text + 5, static_cast<unsigned>(ymd.month()), 2);
    text[7] = '-';
    put(text + 8, static_cast<unsigned>(ymd.day()), 2);
  }
  operator std::string_view() const { return {text, sizeof text}; }
  char text[10];
};

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::vector<std::string> Split(const std::string& joined) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find(',', start);
    if (end == std::string::npos) end = joined.size();
    if (end > start) parts.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// The form in which a unit is stored (what the repository's reads give back).
Unit Stored(Unit unit) {
  unit.postcode = NormalisePostcode(unit.postcode);
  unit.occupancy.clear();
  return unit;
}

bool SameFields(const Unit& a, const Unit& b) {
  return std::tie(a.street, a.number, a.letter, a.addition, a.postcode, a.zone, a.floor, a.floor_area_m2, a.outlet,
                  a.lat, a.lon, a.owner) == std::tie(b.street, b.number, b.letter, b.addition, b.postcode, b.zone,
                                                     b.floor, b.floor_area_m2, b.outlet, b.lat, b.lon, b.owner);
}

bool SameFields(const Business& a, const Business& b) {
  return std::tie(a.name, a.kvk, a.sbi, a.function, a.jobs, a.memberships, a.website) ==
         std::tie(b.name, b.kvk, b.sbi, b.function, b.jobs, b.memberships, b.website);
}

// An interval as stored: a business only when in use, the temporary fields only for temporary use.
OccupancyInterval Normalised(OccupancyInterval i) {
  if (i.kind != OccupancyKind::kInUse) i.business_id.reset();
  if (i.kind != OccupancyKind::kTemporary) {
    i.temporary_user.clear();
    i.temporary_manager.clear();
    i.temporary_end.reset();
  }
  return i;
}

bool SameHistory(const std::vector<OccupancyInterval>& a, const std::vector<OccupancyInterval>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const OccupancyInterval& x, const OccupancyInterval& y) {
    return std::tie(x.from, x.to, x.kind, x.business_id, x.temporary_user, x.temporary_manager, x.temporary_end) ==
           std::tie(y.from, y.to, y.kind, y.business_id, y.temporary_user, y.temporary_manager, y.temporary_end);
  });
}

// The readers below take a statement the import keeps checked out (ImportRun) and leave it reset.
std::optional<Unit> FindUnit(Statement& row, const std::string& bag_id) {
  row.Reset().Bind(1, bag_id);
  if (!row.Step()) return std::nullopt;
  Unit u;
  u.id = row.Int(0);
  u.bag_id = bag_id;
  u.street = row.Text(1);
  u.number = static_cast<int>(row.Int(2));
  u.letter = row.Text(3);
  u.addition = row.Text(4);
  u.postcode = row.Text(5);
  u.zone = row.Text(6);
  u.floor = ParseFloor(row.Text(7)).value_or(Floor::kGround);
  u.floor_area_m2 = row.Int(8);
  u.outlet = row.Int(9) != 0;
  if (!row.IsNull(10)) u.lat = row.Real(10);
  if (!row.IsNull(11)) u.lon = row.Real(11);
  u.owner = row.Text(12);
  u.version = row.Int(13);
  row.Reset();
  return u;
}

std::vector<OccupancyInterval> LoadHistory(Statement& row, std::int64_t unit_id) {
  std::vector<OccupancyInterval> history;
  row.Reset().Bind(1, unit_id);
  while (row.Step()) {
    OccupancyInterval i;
    i.from = ParseDayText(row.Text(0)).value_or(Day{});
    if (!row.IsNull(1)) i.to = ParseDayText(row.Text(1));
    i.kind = ParseKind(row.Text(2)).value_or(OccupancyKind::kVacant);
    i.business_id = row.OptionalInt(3);
    i.temporary_user = row.Text(4);
    i.temporary_manager = row.Text(5);
    if (!row.IsNull(6)) i.temporary_end = ParseDayText(row.Text(6));
    history.push_back(Normalised(std::move(i)));
  }
  return history;
}

std::optional<Business> FindBusiness(Statement& row, const std::string& vestiging) {
  row.Reset().Bind(1, vestiging);
  if (!row.Step()) return std::nullopt;
  Business b;
  b.id = row.Int(0);
  b.vestiging = vestiging;
  b.name = row.Text(1);
  b.kvk = row.Text(2);
  b.sbi = row.Text(3);
  b.function = ParseFunction(row.Text(4)).value_or(Function::kOtherRetail);
  b.jobs = static_cast<int>(row.Int(5));
  b.memberships = Split(row.Text(6));
  b.website = row.Text(7);
  b.version = row.Int(8);
  row.Reset();
  return b;
}

Statement& BindUnit(Statement& s, const Unit& u, const std::string& now) {
  s.Reset().Bind(1, u.bag_id).Bind(2, u.street).Bind(3, u.number).Bind(4, u.letter).Bind(5, u.addition);
  s.Bind(6, u.postcode).Bind(7, u.zone).Bind(8, FloorCode(u.floor)).Bind(9, u.floor_area_m2);
  s.Bind(10, u.outlet).Bind(11, u.lat).Bind(12, u.lon).Bind(13, u.owner).Bind(14, now);
  return s;
}

Statement& BindBusiness(Statement& s, const Business& b, const std::string& now) {
  s.Reset().Bind(1, b.vestiging).Bind(2, b.name).Bind(3, b.kvk).Bind(4, b.sbi).Bind(5, InfoOf(b.function).code);
  s.Bind(6, b.jobs).Bind(7, Joined(b.memberships)).Bind(8, b.website).Bind(9, now);
  return s;
}

// Binds one interval to parameters first + 1 .. first + 8 of kInsertInterval's columns.
void BindInterval(Statement& s, int first, std::int64_t unit_id, const OccupancyInterval& i) {
  s.Bind(first + 1, unit_id).Bind(first + 2, DayText(i.from));
  if (i.to) s.Bind(first + 3, DayText(*i.to)); else s.BindNull(first + 3);
  s.Bind(first + 4, KindCode(i.kind)).Bind(first + 5, i.business_id);
  s.Bind(first + 6, i.temporary_user).Bind(first + 7, i.temporary_manager);
  if (i.temporary_end) s.Bind(first + 8, DayText(*i.temporary_end)); else s.BindNull(first + 8);
}

// Stores intervals kIntervalsPerInsert at a time; Flush() stores the rest one by one. Rows are written in the
// order added, each before Flush() returns.
class IntervalWriter {
 public:
  explicit IntervalWriter(Connection& c) : batch_(c.Prepare(InsertIntervals())), single_(c.Prepare(kInsertInterval)) {
    pending_.reserve(kIntervalsPerInsert);
  }
  void Add(std::int64_t unit_id, const OccupancyInterval& interval) {
    pending_.emplace_back(unit_id, interval);
    if (pending_.size() < kIntervalsPerInsert) return;
    batch_.Reset();
    for (size_t k = 0; k < pending_.size(); ++k) {
      BindInterval(batch_, static_cast<int>(k) * 8, pending_[k].first, pending_[k].second);
    }
    batch_.Run();
    pending_.clear();
  }
  void Flush() {
    for (const auto& [unit_id, interval] : pending_) {
      single_.Reset();
      BindInterval(single_, 0, unit_id, interval);
      single_.Run();
    }
    pending_.clear();
  }

 private:
  Statement batch_;
  Statement single_;
  std::vector<std::pair<std::int64_t, OccupancyInterval>> pending_;
};

// A unit this import changes: as it was (none when created) and as it will be, with its history.
struct UnitChange {
  std::optional<Unit> before;
  Unit after;
  bool history_loaded = false;
};

class ImportRun {
 public:
  ImportRun(Connection& c, const std::string& now, const audit::Actor& actor)
      : c_(c),
        now_(now),
        actor_(actor),
        unit_by_bag_(c.Prepare(kUnitByBag)),
        insert_unit_(c.Prepare(kInsertUnit)),
        update_unit_(c.Prepare(kUpdateUnit)),
        bump_unit_(c.Prepare(kBumpUnit)),
        business_by_vestiging_(c.Prepare(kBusinessByVestiging)),
        insert_business_(c.Prepare(kInsertBusiness)),
        update_business_(c.Prepare(kUpdateBusiness)),
        history_of_(c.Prepare(kHistoryOf)),
        delete_history_of_(c.Prepare(kDeleteHistoryOf)),
        intervals_(c) {}

  void Businesses(const std::vector<Lined<Business>>& rows, ImportReport& report) {
    phase_ = 0;
    std::unordered_map<std::string_view, int> seen;  // keys live in `rows`
    seen.reserve(rows.size());
    business_ids_.reserve(business_ids_.size() + rows.size());
    for (const auto& [line, input] : rows) {
      Business b = input;
      b.name = text::Trim(b.name);
      auto errors = CheckBusiness(b);
      for (const FieldError& e : errors) Fail(line, e.field, e.message);
      if (auto [it, fresh] = seen.emplace(input.vestiging, line); !fresh) {
        Fail(line, "vestiging", "Vestigingsnummer " + b.vestiging + " staat ook op regel " +
                                    std::to_string(it->second) + ".");
        continue;
      }
      if (!errors.empty()) {
        refused_.insert(b.vestiging);
        continue;
      }
      auto stored = FindBusiness(business_by_vestiging_, b.vestiging);
      if (!stored) {
        BindBusiness(insert_business_, b, now_).Run();
        b.id = c_.LastInsertId();
        b.version = 1;
        business_changes_.push_back({std::nullopt, b});
        ++report.businesses_created;
      } else if (!SameFields(*stored, b)) {
        BindBusiness(update_business_, b, now_).Run();
        b.id = stored->id;
        b.version = stored->version + 1;
        business_changes_.push_back({*stored, b});
        ++report.businesses_updated;
      } else {
        b.id = stored->id;
        ++report.businesses_unchanged;
      }
      business_ids_[b.vestiging] = b.id;
    }
  }

  void Units(const std::vector<Lined<Unit>>& rows, ImportReport& report) {
    phase_ = 1;
    std::vector<Zone> zones;
    auto codes = c_.Prepare(kZoneCodes);
    while (codes.Step()) zones.push_back({codes.Text(0), "", {}, 1});
    std::unordered_map<std::string_view, int> seen;  // keys live in `rows`
    seen.reserve(rows.size());
    unit_ids_.reserve(unit_ids_.size() + rows.size());
    for (const auto& [line, input] : rows) {
      Unit u = Stored(input);
      auto errors = CheckUnit(u, zones);
      for (const FieldError& e : errors) Fail(line, e.field, e.message);
      if (auto [it, fresh] = seen.emplace(input.bag_id, line); !fresh) {
        Fail(line, "bag_id", "BAG-id " + u.bag_id + " staat ook op regel " + std::to_string(it->second) + ".");
        continue;
      }
      if (!errors.empty()) {
        refused_.insert(u.bag_id);
        continue;
      }
      auto stored = FindUnit(unit_by_bag_, u.bag_id);
      if (!stored) {
        BindUnit(insert_unit_, u, now_).Run();
        u.id = c_.LastInsertId();
        u.version = 1;
        Change(u.id, std::nullopt, u).history_loaded = true;  // a new unit has no history yet
        ++report.units_created;
      } else if (!SameFields(*stored, u)) {
        BindUnit(update_unit_, u, now_).Run();
        u.id = stored->id;
        u.version = stored->version + 1;
        Change(u.id, *stored, u);
        ++report.units_updated;
      } else {
        ++report.units_unchanged;
      }
      unit_ids_[u.bag_id] = stored ? stored->id : u.id;
    }
  }

  void Occupancy(const std::vector<Lined<OccupancyRow>>& rows, ImportReport& report) {
    phase_ = 2;
    // Rows per unit, in the order the units first appear.
    std::unordered_map<std::string_view, size_t> group_of;  // keys live in `rows`
    group_of.reserve(rows.size() / 4);
    std::vector<std::vector<const Lined<OccupancyRow>*>> groups;
    for (const auto& row : rows) {
      auto [it, fresh] = group_of.emplace(row.value.bag_id, groups.size());
      if (fresh) groups.emplace_back();
      groups[it->second].push_back(&row);
    }
    for (auto& group : groups) {
      const std::string& bag_id = group.front()->value.bag_id;
      std::optional<std::int64_t> unit_id = UnitId(bag_id);
      if (!unit_id) {
        if (refused_.count(bag_id)) continue;  // its own row's problem is reported already
        Fail(group.front()->line, "bag_id", "Er is geen pand met BAG-id " + bag_id + " (niet in de database en niet "
                                            "in deze import).");
        continue;
      }
      std::stable_sort(group.begin(), group.end(),
                       [](const auto* a, const auto* b) { return a->value.interval.from < b->value.interval.from; });
      std::vector<OccupancyInterval> history;
      history.reserve(group.size());
      bool ok = true;
      for (const auto* row : group) {
        OccupancyInterval i = Normalised(row->value.interval);
        if (i.kind == OccupancyKind::kInUse) {
          i.business_id = BusinessId(row->value.vestiging);
          if (!i.business_id) {
            if (!refused_.count(row->value.vestiging)) {
              Fail(row->line, "vestiging", "Er is geen bedrijf met vestigingsnummer " + row->value.vestiging +
                                               " (niet in de database en niet in deze import).");
            }
            ok = false;
          }
        }
        history.push_back(std::move(i));
      }
      if (!CheckHistory(history).ok()) {
        ReportClashes(group, history);
        continue;
      }
      if (!ok) continue;
      std::vector<OccupancyInterval> stored;
      UnitChange* change = Changed(*unit_id);
      if (change && change->history_loaded) {
        stored = change->after.occupancy;
      } else {
        stored = LoadHistory(history_of_, *unit_id);
        if (change) {
          change->before->occupancy = stored;
          change->after.occupancy = stored;
          change->history_loaded = true;
        }
      }
      if (SameHistory(stored, history)) {
        ++report.histories_unchanged;
        continue;
      }
      if (!stored.empty()) delete_history_of_.Reset().Bind(1, *unit_id).Run();
      for (const OccupancyInterval& interval : history) intervals_.Add(*unit_id, interval);
      if (!change) {
        // Only the history changes: the unit's version still goes up, as with ChangeOccupancy.
        bump_unit_.Reset().Bind(1, now_).Bind(2, *unit_id).Run();
        auto before = FindUnit(unit_by_bag_, bag_id);
        before->version -= 1;
        before->occupancy = stored;
        Unit after = *before;
        after.version += 1;
        change = &Change(*unit_id, std::move(before), std::move(after));
        change->history_loaded = true;
      }
      change->after.occupancy = std::move(history);
      ++report.histories_replaced;
    }
    intervals_.Flush();
  }

  // One audit row per changed record (a unit's row holds its fields and its history, before and after); above
  // kPerRecordAuditLimit changed records one summary row for the whole import instead (docs/register.md).
  void AuditChanges(const ImportReport& report) {
    if (business_changes_.size() + changes_.size() > kPerRecordAuditLimit) {
      std::string summary = "{\"units_created\":" + std::to_string(report.units_created) +
                            ",\"units_updated\":" + std::to_string(report.units_updated) +
                            ",\"businesses_created\":" + std::to_string(report.businesses_created) +
                            ",\"businesses_updated\":" + std::to_string(report.businesses_updated) +
                            ",\"histories_replaced\":" + std::to_string(report.histories_replaced) + "}";
      audit::Record(c_, actor_, now_, "register_import", now_, "create", "", summary);
      return;
    }
    for (const auto& [before, after] : business_changes_) {
      Audit("business", after.id, before ? "update" : "create", before ? sqlite_register::BusinessJson(*before) : "",
            sqlite_register::BusinessJson(after));
    }
    for (UnitChange& change : changes_) {
      if (!change.history_loaded) {
        change.before->occupancy = LoadHistory(history_of_, change.after.id);
        change.after.occupancy = change.before->occupancy;
      }
      Audit("unit", change.after.id, change.before ? "update" : "create",
            change.before ? sqlite_register::UnitJson(*change.before) : "", sqlite_register::UnitJson(change.after));
    }
  }

  bool changed_anything(const ImportReport& r) const {
    return r.units_created + r.units_updated + r.businesses_created + r.businesses_updated + r.histories_replaced > 0;
  }
  // Every problem found, by phase (businesses, units, occupancy) and line.
  std::vector<FieldError> TakeErrors() {
    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const Problem& a, const Problem& b) { return std::tie(a.phase, a.line) < std::tie(b.phase, b.line); });
    std::vector<FieldError> out;
    out.reserve(errors_.size());
    for (Problem& p : errors_) out.push_back(std::move(p.error));
    return out;
  }
  bool failed() const { return !errors_.empty(); }

 private:
  void Fail(int line, const std::string& field, const std::string& message) {
    errors_.push_back({phase_, line, {field, "Regel " + std::to_string(line) + ": " + message}});
  }

  void Audit(const char* type, std::int64_t id, const char* operation, const std::string& before,
             const std::string& after) {
    audit::Record(c_, actor_, now_, type, std::to_string(id), operation, before, after);
  }

  UnitChange& Change(std::int64_t id, std::optional<Unit> before, Unit after) {
    change_of_[id] = changes_.size();
    changes_.push_back({std::move(before), std::move(after)});
    return changes_.back();
  }
  UnitChange* Changed(std::int64_t id) {
    auto it = change_of_.find(id);
    return it == change_of_.end() ? nullptr : &changes_[it->second];
  }

  std::optional<std::int64_t> UnitId(const std::string& bag_id) {
    if (auto it = unit_ids_.find(bag_id); it != unit_ids_.end()) return it->second;
    auto unit = FindUnit(unit_by_bag_, bag_id);
    if (!unit) return std::nullopt;
    unit_ids_[bag_id] = unit->id;
    return unit->id;
  }

  std::optional<std::int64_t> BusinessId(const std::string& vestiging) {
    if (auto it = business_ids_.find(vestiging); it != business_ids_.end()) return it->second;
    auto business = FindBusiness(business_by_vestiging_, vestiging);
    if (!business) return std::nullopt;
    business_ids_[vestiging] = business->id;
    return business->id;
  }

  // The history (sorted like `group`) breaks CheckHistory: name each row that does, by line.
  void ReportClashes(const std::vector<const Lined<OccupancyRow>*>& group,
                     const std::vector<OccupancyInterval>& history) {
    for (size_t k = 0; k < history.size(); ++k) {
      auto alone = CheckHistory({history[k]});
      if (!alone.ok()) {
        Fail(group[k]->line, "to", alone.error().message);
        continue;
      }
      if (k == 0) continue;
      auto pair = CheckHistory({history[k - 1], history[k]});
      if (!pair.ok()) {
        Fail(group[k]->line, "from", pair.error().message + " (regel " + std::to_string(group[k - 1]->line) + ")");
      }
    }
  }

  Connection& c_;
  const std::string& now_;
  const audit::Actor& actor_;
  // Checked out of the connection's cache once for the whole import, reset before each use.
  Statement unit_by_bag_, insert_unit_, update_unit_, bump_unit_;
  Statement business_by_vestiging_, insert_business_, update_business_;
  Statement history_of_, delete_history_of_;
  IntervalWriter intervals_;
  struct Problem {
    int phase;
    int line;
    FieldError error;
  };
  int phase_ = 0;
  std::vector<Problem> errors_;
  std::unordered_map<std::string, std::int64_t> unit_ids_;      // bag_id -> id, as far as looked up
  std::unordered_map<std::string, std::int64_t> business_ids_;  // vestiging -> id, as far as looked up
  std::unordered_set<std::string> refused_;  // BAG ids and vestigingsnummers of rows refused above
  std::vector<UnitChange> changes_;
  std::vector<std::pair<std::optional<Business>, Business>> business_changes_;  // before (none: created), after
  std::unordered_map<std::int64_t, size_t> change_of_;
};

}  // namespace

Result<ImportReport> SqlitePropertyRepository::Import(const ImportBatch& batch, bool dry_run,
                                                      const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<ImportReport> {
    // A national-size import touches more pages than SQLite's default 2 MB cache holds: a larger cache for the
    // length of the import, restored before the connection goes back to the pool. (PostgreSQL's shared buffers are
    // the server's to size.)
    if (!c.is_postgres()) c.Exec(kBulkSettings);
    struct Restore {
      Connection& c;
      ~Restore() {
        if (!c.is_postgres()) c.Exec(kNormalSettings);
      }
    } restore{c};
    storage::Transaction transaction(c);
    ImportReport report;
    report.dry_run = dry_run;
    ImportRun run(c, now, actor);
    // Businesses first (in_use rows name them), then units, then the histories that refer to both.
    run.Businesses(batch.businesses, report);
    run.Units(batch.units, report);
    bool rebuild_index = batch.occupancy.size() >= kRebuildIndexFromRows;
    if (rebuild_index) c.Exec(kDropBusinessIndex);
    run.Occupancy(batch.occupancy, report);
    if (run.failed()) {
      Error error = Error::Invalid(run.TakeErrors());
      error.message = "Er is niets geïmporteerd: " + std::to_string(error.field_errors.size()) +
                      (error.field_errors.size() == 1 ? " probleem." : " problemen.");
      return error;
    }
    if (rebuild_index) c.Exec(kCreateBusinessIndex);
    run.AuditChanges(report);
    if (run.changed_anything(report)) sqlite_register::Touch(c);
    if (!dry_run) transaction.Commit();  // a dry run rolls back here: it did the same work, nothing stays
    return report;
  });
}

}  // namespace stadshart::property
