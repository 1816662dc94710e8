// Storage of venues and events. Every write is one transaction with its audit row; an import is all or nothing.
// Thread-safe; calls block (worker pool or command line only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "common/result.h"
#include "events/event.h"

namespace stadshart::events {

struct ImportReport {
  int created = 0, updated = 0, unchanged = 0, cancelled = 0;
};

class EventsRepository {
 public:
  virtual ~EventsRepository() = default;

  virtual std::vector<Place> Venues() = 0;
  // The partnership fills in what is not public: capacity, residents, the hours for amplified sound (kInvalid
  // for a capacity below 1 or hours outside 0..48h or reversed; kConflict when `expected_version` is stale).
  virtual Result<Place> UpdateVenue(std::int64_t id, const Place& venue, std::int64_t expected_version,
                                    const audit::Actor& actor) = 0;
  virtual std::optional<EventRecord> Get(std::int64_t id) = 0;
  // Every event that may have an occurrence overlapping [from, to): single events overlapping it, and series
  // (RRULE or RDATE) that start before `to`. Expand them (recurrence.h) to know.
  virtual std::vector<EventRecord> Candidates(Instant from, Instant to) = 0;

  // Stores a validated event (ValidateEvent) with a new UID (unless it has one), sequence 0, version 1.
  virtual Result<EventRecord> Create(const EventRecord& event, const audit::Actor& actor) = 0;
  // Replaces the event's fields (not its id, uid or owner) when `expected_version` is still the stored one
  // (kConflict otherwise); raises version and SEQUENCE.
  virtual Result<EventRecord> Update(std::int64_t id, const EventRecord& event, std::int64_t expected_version,
                                     const audit::Actor& actor) = 0;

  // A regional calendar (ParseCalendar) from `source`, all or nothing: events matched by UID are updated when
  // different (SEQUENCE raised), new ones created as regional and approved, and events earlier imported from
  // the same source that are no longer in it are marked geannuleerd (never deleted). The same file twice
  // changes nothing the second time.
  virtual Result<ImportReport> Import(const std::string& source, const std::vector<EventRecord>& events,
                                      const audit::Actor& actor) = 0;

  // A short text that changes whenever any event is created, changed or imported (also by another process), so
  // that a large derived body (the ICS feed) can be kept until then. Cheap: one aggregate query.
  virtual std::string Fingerprint() = 0;

  // The audit trail of one event, newest first.
  virtual std::vector<audit::Entry> ChangeHistory(std::int64_t id) = 0;
};

}  // namespace stadshart::events
