// Recurring events: RRULE, EXDATE, RDATE and changed or cancelled single occurrences, expanded with libical
// (icalrecur_iterator) in Europe/Amsterdam wall-clock, so a weekly 08:00 market stays at 08:00 on both sides of
// a daylight-saving change. Expansion is always bounded by the requested range, also for rules without COUNT or
// UNTIL. Thread-safe (libical's recurrence code keeps no shared state).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "events/clash.h"
#include "events/event.h"

namespace stadshart::events {

// Europe/Amsterdam wall-clock of an instant.
LocalTime ToAmsterdam(Instant instant);
// The instant of an Amsterdam wall-clock time. In the spring gap (02:30 on the last Sunday of March) the offset
// before the gap applies (RFC 5545 §3.3.5: 02:30 becomes 03:30 CEST); in the autumn overlap the first (CEST).
Instant FromAmsterdam(LocalTime local);

// Nullopt when libical accepts `rrule` (an RRULE value without "RRULE:"); else a Dutch message.
std::optional<std::string> CheckRrule(std::string_view rrule);

struct Occurrence {
  Instant recurrence_id;  // the start the series gives it (equal to start unless moved)
  Instant start;
  Instant end;
  bool cancelled = false;
  bool changed = false;  // moved or cancelled by an OccurrenceChange
};

// The occurrences of `event` that overlap [from, to), in order of start, at most `limit`. A single event gives
// itself when it overlaps. The event's own status (geannuleerd) is not applied here. An RRULE libical cannot
// read gives nothing (ValidateEvent refuses those before they are stored).
std::vector<Occurrence> Expand(const EventRecord& event, Instant from, Instant to, std::size_t limit = 10000);

}  // namespace stadshart::events
