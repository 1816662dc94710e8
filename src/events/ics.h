// iCalendar (RFC 5545 with the RFC 7986 calendar properties), written and read with libical. Pure: text in,
// values out.
//
// Writing: one VEVENT per event with DTSTART/DTEND in Europe/Amsterdam (TZID, with the VTIMEZONE in the
// calendar), RRULE/EXDATE/RDATE for series, and for every changed or cancelled occurrence a VEVENT with the same
// UID and a RECURRENCE-ID (STATUS:CANCELLED when cancelled). SEQUENCE is the event's, raised on every change.
// Reading: every VEVENT of a VCALENDAR, times in any zone libical or the IANA database knows (floating times
// and dates are read as Amsterdam), overrides attached to their series by UID.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "events/event.h"

namespace stadshart::events {

struct FeedInfo {
  std::string name = "Evenementen binnenstad Assen";
  std::string description = "Openbare evenementen in de binnenstad van Assen";
  std::string url;          // the feed's own URL (SOURCE), empty: left out
  std::string event_base;   // "https://example.org/agenda/": URL per event; empty: left out
};

// The calendar as text (CRLF lines, folded at 75 octets). `places` names the venues of the events.
std::string WriteCalendar(const std::vector<EventRecord>& events, const std::vector<Place>& places,
                          const FeedInfo& info);

// The events of an iCalendar text, with uid, title, description, location, start, end, all_day, rrule,
// exdates, rdates, changes (from RECURRENCE-ID components), category (first CATEGORIES), status (CANCELLED:
// geannuleerd, else goedgekeurd) and sequence. kMalformed when the text is not an iCalendar file, kInvalid
// (with the UID or position as field) when an event lacks a UID, a start, or has an RRULE libical rejects.
Result<std::vector<EventRecord>> ParseCalendar(std::string_view text);

}  // namespace stadshart::events
