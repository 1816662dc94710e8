// The public agenda: which events are published, and their occurrences in a range with filters. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "events/event.h"
#include "events/recurrence.h"

namespace stadshart::events {

struct AgendaFilter {
  Instant from, to;                     // occurrences overlapping [from, to)
  std::string category;                 // empty: all
  std::string audience;                 // empty: all
  std::optional<std::int64_t> venue_id;  // nullopt: all
  bool regional = false;                // also the imported regional events
};

struct AgendaItem {
  const EventRecord* event;  // points into the events given to Agenda
  Occurrence occurrence;
};

// Public and approved, or public and cancelled (a cancellation is news too); never concepts, submissions or
// rejected events.
bool IsPublished(const EventRecord& event);
// Whether the event passes the filter's category, audience, venue and regional choice (not the range).
bool Matches(const EventRecord& event, const AgendaFilter& filter);
// The published events' occurrences in the range, in order of start, at most `limit`.
std::vector<AgendaItem> Agenda(const std::vector<EventRecord>& events, const AgendaFilter& filter,
                               std::size_t limit = 5000);

}  // namespace stadshart::events
