#include "events/sqlite_events_repository.h"

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "accounts/secrets.h"
#include "events/events_json.h"

namespace stadshart::events {
namespace {

using storage::Connection;
using storage::Statement;
using storage::Transaction;

constexpr const char* kVenues =
    "SELECT id, name, address, lat, lon, capacity, zone, residents, sound_from_minutes, sound_until_minutes, version"
    " FROM venues ORDER BY id";

constexpr const char* kVenue =
    "SELECT id, name, address, lat, lon, capacity, zone, residents, sound_from_minutes, sound_until_minutes, version"
    " FROM venues WHERE id = ?1";
constexpr const char* kUpdateVenue =
    "UPDATE venues SET capacity = ?1, residents = ?2, sound_from_minutes = ?3, sound_until_minutes = ?4,"
    " version = version + 1 WHERE id = ?5 AND version = ?6";

#define EVENT_COLUMNS                                                                                           \
  "id, uid, title, description, organiser, owner_user_id, venue_id, location, start_utc, end_utc, all_day, "   \
  "rrule, exdates, rdates, category, audience, expected_visitors, amplified_sound, event_class, public, status, " \
  "regional, source, city_dressing, city_dressing_budget_eur, sequence, version, updated_at"
constexpr const char* kEvent = "SELECT " EVENT_COLUMNS " FROM events WHERE id = ?1";
constexpr const char* kEventByUid = "SELECT " EVENT_COLUMNS " FROM events WHERE uid = ?1";
// Single events overlapping [?1, ?2); series that start before ?2.
constexpr const char* kCandidates =
    "SELECT " EVENT_COLUMNS " FROM events WHERE start_utc < ?2 AND (end_utc > ?1 OR rrule <> '' OR rdates <> '')"
    " ORDER BY start_utc, id";
constexpr const char* kOfSource = "SELECT " EVENT_COLUMNS " FROM events WHERE source = ?1 ORDER BY id";
constexpr const char* kChanges =
    "SELECT recurrence_id, cancelled, start_utc, end_utc FROM event_changes WHERE event_id = ?1 ORDER BY recurrence_id";
constexpr const char* kAllChanges =
    "SELECT event_id, recurrence_id, cancelled, start_utc, end_utc FROM event_changes ORDER BY event_id, recurrence_id";
constexpr const char* kDeleteChanges = "DELETE FROM event_changes WHERE event_id = ?1";
constexpr const char* kInsertChange =
    "INSERT INTO event_changes (event_id, recurrence_id, cancelled, start_utc, end_utc) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr const char* kInsertEvent =
    "INSERT INTO events (uid, title, description, organiser, owner_user_id, venue_id, location, start_utc, end_utc,"
    " all_day, rrule, exdates, rdates, category, audience, expected_visitors, amplified_sound, event_class, public,"
    " status, regional, source, city_dressing, city_dressing_budget_eur, sequence, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,"
    " ?23, ?24, ?25, ?26, ?26)";
constexpr const char* kUpdateEvent =
    "UPDATE events SET title = ?1, description = ?2, organiser = ?3, venue_id = ?4, location = ?5, start_utc = ?6,"
    " end_utc = ?7, all_day = ?8, rrule = ?9, exdates = ?10, rdates = ?11, category = ?12, audience = ?13,"
    " expected_visitors = ?14, amplified_sound = ?15, event_class = ?16, public = ?17, status = ?18,"
    " city_dressing = ?19, city_dressing_budget_eur = ?20, sequence = sequence + 1, version = version + 1,"
    " updated_at = ?21 WHERE id = ?22 AND version = ?23";
constexpr const char* kImportUpdate =
    "UPDATE events SET title = ?1, description = ?2, location = ?3, start_utc = ?4, end_utc = ?5, all_day = ?6,"
    " rrule = ?7, exdates = ?8, rdates = ?9, category = ?10, status = ?11, sequence = CASE WHEN sequence + 1 > ?12 THEN sequence + 1 ELSE ?12 END,"
    " version = version + 1, updated_at = ?13 WHERE id = ?14";
// Every write creates a row or raises a version (also when only occurrence changes are written).
constexpr const char* kFingerprint = "SELECT count(*), coalesce(sum(version), 0), coalesce(max(id), 0) FROM events";
constexpr const char* kCancel =
    "UPDATE events SET status = 'geannuleerd', sequence = sequence + 1, version = version + 1, updated_at = ?1"
    " WHERE id = ?2";

std::string Instants(const std::vector<Instant>& list) {
  std::string out;
  for (Instant t : list) out += (out.empty() ? "" : " ") + FormatUtc(t);
  return out;
}

std::vector<Instant> ParseInstants(const std::string& text) {
  std::vector<Instant> out;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    if (auto t = ParseUtc(word)) out.push_back(*t);
  }
  return out;
}

std::optional<int> OptionalInt(const Statement& row, int column) {
  auto v = row.OptionalInt(column);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

EventRecord ReadEvent(const Statement& r) {
  EventRecord e;
  e.id = r.Int(0);
  e.uid = r.Text(1);
  e.title = r.Text(2);
  e.description = r.Text(3);
  e.organiser = r.Text(4);
  e.owner_user_id = r.OptionalInt(5);
  e.venue_id = r.OptionalInt(6);
  e.location = r.Text(7);
  e.start = ParseUtc(r.Text(8)).value_or(Instant{});
  e.end = ParseUtc(r.Text(9)).value_or(Instant{});
  e.all_day = r.Int(10) != 0;
  e.rrule = r.Text(11);
  e.exdates = ParseInstants(r.Text(12));
  e.rdates = ParseInstants(r.Text(13));
  e.category = r.Text(14);
  e.audience = r.Text(15);
  e.expected_visitors = static_cast<int>(r.Int(16));
  e.amplified_sound = r.Int(17) != 0;
  e.event_class = ParseClass(r.Text(18)).value_or(EventClass::kA);
  e.is_public = r.Int(19) != 0;
  e.status = ParseStatus(r.Text(20)).value_or(Status::kSubmitted);
  e.regional = r.Int(21) != 0;
  e.source = r.Text(22);
  e.city_dressing = r.Int(23) != 0;
  e.city_dressing_budget_eur = static_cast<int>(r.Int(24));
  e.sequence = r.Int(25);
  e.version = r.Int(26);
  e.updated_at = r.Text(27);
  return e;
}

OccurrenceChange ReadChange(const Statement& r, int first) {
  OccurrenceChange c;
  c.recurrence_id = ParseUtc(r.Text(first)).value_or(Instant{});
  c.cancelled = r.Int(first + 1) != 0;
  if (!r.IsNull(first + 2)) c.start = ParseUtc(r.Text(first + 2));
  if (!r.IsNull(first + 3)) c.end = ParseUtc(r.Text(first + 3));
  return c;
}

void LoadChanges(Connection& c, EventRecord& e) {
  auto rows = c.Prepare(kChanges);
  rows.Bind(1, e.id);
  while (rows.Step()) e.changes.push_back(ReadChange(rows, 0));
}

std::optional<EventRecord> Load(Connection& c, const char* query, auto key) {
  auto row = c.Prepare(query);
  row.Bind(1, key);
  if (!row.Step()) return std::nullopt;
  EventRecord e = ReadEvent(row);
  LoadChanges(c, e);
  return e;
}

void WriteChanges(Connection& c, std::int64_t id, const std::vector<OccurrenceChange>& changes) {
  c.Prepare(kDeleteChanges).Bind(1, id).Run();
  for (const OccurrenceChange& change : changes) {
    std::optional<std::string> start, end;
    if (change.start) start = FormatUtc(*change.start);
    if (change.end) end = FormatUtc(*change.end);
    c.Prepare(kInsertChange)
        .Bind(1, id)
        .Bind(2, FormatUtc(change.recurrence_id))
        .Bind(3, change.cancelled)
        .Bind(4, start)
        .Bind(5, end)
        .Run();
  }
}

std::int64_t Insert(Connection& c, const EventRecord& e, const std::string& now) {
  c.Prepare(kInsertEvent)
      .Bind(1, e.uid)
      .Bind(2, e.title)
      .Bind(3, e.description)
      .Bind(4, e.organiser)
      .Bind(5, e.owner_user_id)
      .Bind(6, e.venue_id)
      .Bind(7, e.location)
      .Bind(8, FormatUtc(e.start))
      .Bind(9, FormatUtc(e.end))
      .Bind(10, e.all_day)
      .Bind(11, e.rrule)
      .Bind(12, Instants(e.exdates))
      .Bind(13, Instants(e.rdates))
      .Bind(14, e.category)
      .Bind(15, e.audience)
      .Bind(16, e.expected_visitors)
      .Bind(17, e.amplified_sound)
      .Bind(18, std::string(ClassCode(e.event_class)))
      .Bind(19, e.is_public)
      .Bind(20, std::string(StatusCode(e.status)))
      .Bind(21, e.regional)
      .Bind(22, e.source)
      .Bind(23, e.city_dressing)
      .Bind(24, e.city_dressing_budget_eur)
      .Bind(25, e.sequence)
      .Bind(26, now)
      .Run();
  std::int64_t id = c.LastInsertId();
  WriteChanges(c, id, e.changes);
  return id;
}

bool SameChanges(const std::vector<OccurrenceChange>& a, const std::vector<OccurrenceChange>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].recurrence_id != b[i].recurrence_id || a[i].cancelled != b[i].cancelled || a[i].start != b[i].start ||
        a[i].end != b[i].end) {
      return false;
    }
  }
  return true;
}

std::vector<OccurrenceChange> Sorted(std::vector<OccurrenceChange> changes) {
  std::sort(changes.begin(), changes.end(),
            [](const auto& a, const auto& b) { return a.recurrence_id < b.recurrence_id; });
  return changes;
}

// What an import compares: the fields a calendar carries.
bool SameAsImported(const EventRecord& stored, const EventRecord& in) {
  return stored.title == in.title && stored.description == in.description && stored.location == in.location &&
         stored.start == in.start && stored.end == in.end && stored.all_day == in.all_day && stored.rrule == in.rrule &&
         stored.exdates == in.exdates && stored.rdates == in.rdates && stored.category == in.category &&
         stored.status == in.status && SameChanges(Sorted(stored.changes), Sorted(in.changes));
}

}  // namespace

Place ReadPlace(const Statement& r) {
  Place p;
  p.id = r.Int(0);
  p.name = r.Text(1);
  p.address = r.Text(2);
  p.lat = r.Real(3);
  p.lon = r.Real(4);
  p.capacity = OptionalInt(r, 5);
  p.zone = r.Text(6);
  p.residents = r.Int(7) != 0;
  p.sound_from_minutes = OptionalInt(r, 8);
  p.sound_until_minutes = OptionalInt(r, 9);
  p.version = r.Int(10);
  return p;
}

std::vector<Place> SqliteEventsRepository::Venues() {
  return db_.With([&](Connection& c) {
    std::vector<Place> places;
    auto r = c.Prepare(kVenues);
    while (r.Step()) places.push_back(ReadPlace(r));
    return places;
  });
}

Result<Place> SqliteEventsRepository::UpdateVenue(std::int64_t id, const Place& v, std::int64_t expected_version,
                                                  const audit::Actor& actor) {
  std::vector<FieldError> errors;
  if (v.capacity && *v.capacity < 1) errors.push_back({"capacity", "De capaciteit is minstens 1 (of leeg: onbekend)."});
  if (v.sound_from_minutes.has_value() != v.sound_until_minutes.has_value()) {
    errors.push_back({"sound_until_minutes", "Geef begin en einde van de geluidstijden samen op (of beide leeg)."});
  } else if (v.sound_from_minutes && (*v.sound_from_minutes < 0 || *v.sound_until_minutes > 48 * 60 ||
                                      *v.sound_until_minutes <= *v.sound_from_minutes)) {
    errors.push_back({"sound_until_minutes", "De geluidstijden liggen tussen 0:00 en 48:00 en eindigen na het begin."});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Place> {
    Transaction transaction(c);
    auto row = c.Prepare(kVenue);
    row.Bind(1, id);
    if (!row.Step()) return Error::NotFound("Locatie " + std::to_string(id) + " bestaat niet.");
    Place before = ReadPlace(row);
    if (before.version != expected_version) {
      return Error::Conflict("Iemand anders heeft deze locatie intussen gewijzigd (versie " +
                             std::to_string(before.version) + "). Er is niets opgeslagen.");
    }
    c.Prepare(kUpdateVenue)
        .Bind(1, v.capacity)
        .Bind(2, v.residents)
        .Bind(3, v.sound_from_minutes)
        .Bind(4, v.sound_until_minutes)
        .Bind(5, id)
        .Bind(6, expected_version)
        .Run();
    // Changed by another transaction after the check above (PostgreSQL's READ COMMITTED): nothing is written.
    if (c.Changes() == 0) {
      return Error::Conflict("Iemand anders heeft deze locatie intussen gewijzigd. Er is niets opgeslagen.");
    }
    auto again = c.Prepare(kVenue);
    again.Bind(1, id);
    again.Step();
    Place after = ReadPlace(again);
    audit::Record(c, actor, now, "venue", std::to_string(id), "update", ToJson(before).dump(), ToJson(after).dump());
    transaction.Commit();
    return after;
  });
}

std::optional<EventRecord> SqliteEventsRepository::Get(std::int64_t id) {
  return db_.With([&](Connection& c) { return Load(c, kEvent, id); });
}

std::vector<EventRecord> SqliteEventsRepository::Candidates(Instant from, Instant to) {
  return db_.With([&](Connection& c) {
    std::vector<EventRecord> events;
    std::map<std::int64_t, std::size_t> index;
    auto r = c.Prepare(kCandidates);
    r.Bind(1, FormatUtc(from)).Bind(2, FormatUtc(to));
    while (r.Step()) {
      index[r.Int(0)] = events.size();
      events.push_back(ReadEvent(r));
    }
    if (events.empty()) return events;
    auto changes = c.Prepare(kAllChanges);
    while (changes.Step()) {
      auto it = index.find(changes.Int(0));
      if (it != index.end()) events[it->second].changes.push_back(ReadChange(changes, 1));
    }
    return events;
  });
}

Result<EventRecord> SqliteEventsRepository::Create(const EventRecord& event, const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<EventRecord> {
    Transaction transaction(c);
    EventRecord e = event;
    if (e.uid.empty()) e.uid = accounts::NewSecret().substr(0, 24) + "@stadshart-assen";
    if (Load(c, kEventByUid, e.uid)) return Error::Conflict("Er is al een evenement met UID " + e.uid + ".");
    std::int64_t id = Insert(c, e, now);
    auto stored = Load(c, kEvent, id);
    audit::Record(c, actor, now, "event", std::to_string(id), "create", "", ToJson(*stored).dump());
    transaction.Commit();
    return *stored;
  });
}

Result<EventRecord> SqliteEventsRepository::Update(std::int64_t id, const EventRecord& e, std::int64_t expected_version,
                                                   const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<EventRecord> {
    Transaction transaction(c);
    auto before = Load(c, kEvent, id);
    if (!before) return Error::NotFound("Evenement " + std::to_string(id) + " bestaat niet.");
    if (before->version != expected_version) {
      return Error::Conflict("Iemand anders heeft dit evenement intussen gewijzigd (versie " +
                             std::to_string(before->version) + ", u werkte op versie " +
                             std::to_string(expected_version) + "). Er is niets opgeslagen.");
    }
    c.Prepare(kUpdateEvent)
        .Bind(1, e.title)
        .Bind(2, e.description)
        .Bind(3, e.organiser)
        .Bind(4, e.venue_id)
        .Bind(5, e.location)
        .Bind(6, FormatUtc(e.start))
        .Bind(7, FormatUtc(e.end))
        .Bind(8, e.all_day)
        .Bind(9, e.rrule)
        .Bind(10, Instants(e.exdates))
        .Bind(11, Instants(e.rdates))
        .Bind(12, e.category)
        .Bind(13, e.audience)
        .Bind(14, e.expected_visitors)
        .Bind(15, e.amplified_sound)
        .Bind(16, std::string(ClassCode(e.event_class)))
        .Bind(17, e.is_public)
        .Bind(18, std::string(StatusCode(e.status)))
        .Bind(19, e.city_dressing)
        .Bind(20, e.city_dressing_budget_eur)
        .Bind(21, now)
        .Bind(22, id)
        .Bind(23, expected_version)
        .Run();
    if (c.Changes() == 0) {  // changed by another transaction after the check above
      return Error::Conflict("Iemand anders heeft dit evenement intussen gewijzigd. Er is niets opgeslagen.");
    }
    WriteChanges(c, id, e.changes);
    auto after = Load(c, kEvent, id);
    audit::Record(c, actor, now, "event", std::to_string(id), "update", ToJson(*before).dump(), ToJson(*after).dump());
    transaction.Commit();
    return *after;
  });
}

Result<ImportReport> SqliteEventsRepository::Import(const std::string& source, const std::vector<EventRecord>& events,
                                                    const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<ImportReport> {
    Transaction transaction(c);
    ImportReport report;
    std::map<std::string, bool> seen;
    for (const EventRecord& in : events) {
      seen[in.uid] = true;
      auto stored = Load(c, kEventByUid, in.uid);
      if (!stored) {
        EventRecord e = in;
        e.regional = true;
        e.source = source;
        e.venue_id.reset();
        e.is_public = true;
        std::int64_t id = Insert(c, e, now);
        audit::Record(c, actor, now, "event", std::to_string(id), "create", "", ToJson(*Load(c, kEvent, id)).dump());
        ++report.created;
        continue;
      }
      if (stored->source != source) {
        return Error::Conflict("UID " + in.uid.substr(0, 80) + " hoort bij een evenement dat niet uit '" + source +
                               "' komt (evenement " + std::to_string(stored->id) + "). Er is niets geïmporteerd.");
      }
      if (SameAsImported(*stored, in)) {
        ++report.unchanged;
        continue;
      }
      c.Prepare(kImportUpdate)
          .Bind(1, in.title)
          .Bind(2, in.description)
          .Bind(3, in.location)
          .Bind(4, FormatUtc(in.start))
          .Bind(5, FormatUtc(in.end))
          .Bind(6, in.all_day)
          .Bind(7, in.rrule)
          .Bind(8, Instants(in.exdates))
          .Bind(9, Instants(in.rdates))
          .Bind(10, in.category)
          .Bind(11, std::string(StatusCode(in.status)))
          .Bind(12, in.sequence)
          .Bind(13, now)
          .Bind(14, stored->id)
          .Run();
      WriteChanges(c, stored->id, in.changes);
      audit::Record(c, actor, now, "event", std::to_string(stored->id), "update", ToJson(*stored).dump(),
                    ToJson(*Load(c, kEvent, stored->id)).dump());
      ++report.updated;
    }
    std::vector<EventRecord> earlier;
    {
      auto rows = c.Prepare(kOfSource);
      rows.Bind(1, source);
      while (rows.Step()) earlier.push_back(ReadEvent(rows));
    }
    for (const EventRecord& e : earlier) {
      if (seen.contains(e.uid) || e.status == Status::kCancelled) continue;
      c.Prepare(kCancel).Bind(1, now).Bind(2, e.id).Run();
      audit::Record(c, actor, now, "event", std::to_string(e.id), "update", ToJson(e).dump(),
                    ToJson(*Load(c, kEvent, e.id)).dump());
      ++report.cancelled;
    }
    transaction.Commit();
    return report;
  });
}

std::string SqliteEventsRepository::Fingerprint() {
  return db_.With([&](Connection& c) {
    auto row = c.Prepare(kFingerprint);
    row.Step();
    return std::to_string(row.Int(0)) + "/" + std::to_string(row.Int(1)) + "/" + std::to_string(row.Int(2));
  });
}

std::vector<audit::Entry> SqliteEventsRepository::ChangeHistory(std::int64_t id) {
  return db_.With([&](Connection& c) {
    audit::Filter filter;
    filter.entity_type = "event";
    filter.entity_id = std::to_string(id);
    return audit::List(c, filter);
  });
}

}  // namespace stadshart::events
