// Request parsing shared by the events' API, feeds and pages (internal to the module).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "events/agenda.h"
#include "events/events_repository.h"
#include "http/message.h"

namespace stadshart::events::http_support {

// from/to (ISO 8601 with offset, a local "2026-12-06T12:00" read as Amsterdam, or a day "2026-12-06" meaning its
// Amsterdam midnight), category, audience, venue (id or name), regio=1. Defaults: from now for `default_days`.
// kInvalid with the field when a value is unreadable, to is not after from, or the range exceeds 2 years.
Result<AgendaFilter> FilterFromQuery(const http::Request& request, const std::vector<Place>& places, Instant now,
                                     int default_days);

// The name of the venue or the event's own location.
std::string VenueName(const EventRecord& event, const std::vector<Place>& places);

// Whether the request's principal may change the event: moderators any, submitters only their own.
bool MayEdit(const http::Request& request, const EventRecord& event);

}  // namespace stadshart::events::http_support
