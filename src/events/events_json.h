// The JSON form of venues and events (the API's contract, docs/events.md), also what the audit trail keeps.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "events/event.h"
#include "events/recurrence.h"

namespace stadshart::events {

nlohmann::json ToJson(const Place& place);
// The whole event: id, uid, title, ..., start/end with offset, rrule, exdates, changes, status, version.
nlohmann::json ToJson(const EventRecord& event);
// One occurrence in GET /api/v1/events: event_id, uid, recurrence_id (null for single events), title, start,
// end, venue (name), status ("geannuleerd" for a cancelled occurrence), category, audience.
nlohmann::json OccurrenceJson(const EventRecord& event, const Occurrence& occurrence, const std::string& venue);

}  // namespace stadshart::events
