// Events and venues as stored, and the checks an event must pass before it is stored. Pure: no SQL, no HTTP,
// no clock. Times are UTC instants; they mean Europe/Amsterdam wall-clock where it matters (recurrence, the
// A-criteria, the feeds), see local_time.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "events/clash.h"

namespace stadshart::events {

// A place in the centre where events happen (Koopmansplein, Brink, ...).
struct Place {
  std::int64_t id = 0;
  std::string name;
  std::string address;           // "Koopmansplein, 9401 Assen"
  double lat = 0, lon = 0;       // WGS84
  std::optional<int> capacity;   // unknown: left for the partnership to fill
  std::string zone;              // "kernwinkelgebied", "museumkwartier", ...
  bool residents = false;        // people live around it: nuisance-sensitive
  std::optional<int> sound_from_minutes;   // amplified sound allowed from (minutes after local midnight)
  std::optional<int> sound_until_minutes;  // until (may pass 24*60)
  std::int64_t version = 1;

  Venue ForClashes() const;
};

enum class Status { kConcept, kSubmitted, kApproved, kRejected, kCancelled };
std::string_view StatusCode(Status s);  // "concept", "ingediend", "goedgekeurd", "afgewezen", "geannuleerd"
std::optional<Status> ParseStatus(std::string_view code);
std::optional<EventClass> ParseClass(std::string_view code);  // "melding", "A", "B", "C"

// A change to one occurrence of a recurring event, keyed by the occurrence's original start (RECURRENCE-ID).
struct OccurrenceChange {
  Instant recurrence_id;
  bool cancelled = false;
  std::optional<Instant> start;  // moved occurrence; nullopt: as the series says
  std::optional<Instant> end;
};

struct EventRecord {
  std::int64_t id = 0;
  std::string uid;  // RFC 5545 UID; kept for ever, also by imports
  std::string title;
  std::string description;  // plain text; shown escaped, paragraphs by blank lines
  std::string organiser;
  std::optional<std::int64_t> owner_user_id;  // who submitted it (organisers change only their own)
  std::optional<std::int64_t> venue_id;       // nullopt for regional events elsewhere
  std::string location;                        // free text for regional events (their LOCATION)
  Instant start;
  Instant end;
  bool all_day = false;
  std::string rrule;                // RFC 5545 RRULE value, empty: once
  std::vector<Instant> exdates;     // occurrence starts left out
  std::vector<Instant> rdates;      // extra occurrence starts
  std::vector<OccurrenceChange> changes;
  std::string category;             // "markt", "cultuur", "sport", "muziek", "koopzondag", "beurs", "overig"
  std::string audience;             // "iedereen", "jeugd", "gezinnen", "senioren"
  int expected_visitors = 0;
  bool amplified_sound = false;
  EventClass event_class = EventClass::kA;
  bool is_public = true;
  Status status = Status::kSubmitted;
  bool regional = false;            // imported from a regional calendar
  std::string source;               // the calendar it was imported from; empty for local events
  bool city_dressing = false;       // Drents Museum exhibition with the city-dressing package
  int city_dressing_budget_eur = 0; // the budget line (10,000 per occasion by default)
  std::int64_t sequence = 0;        // RFC 5545 SEQUENCE, raised on every change
  std::int64_t version = 1;
  std::string updated_at;           // UTC instant
};

inline constexpr int kCityDressingBudgetEur = 10000;
inline constexpr const char* kCategories[] = {"markt", "cultuur", "muziek", "sport", "koopzondag", "tentoonstelling",
                                              "beurs", "overig"};
inline constexpr const char* kAudiences[] = {"iedereen", "jeugd", "gezinnen", "senioren"};

// What a submitter sends (API or form), before checking. Times already resolved to instants by the caller
// (ParseEventTime); an empty rrule means a single event.
struct EventInput {
  std::string title, description, organiser, rrule, category = "overig", audience = "iedereen", location;
  std::optional<std::int64_t> venue_id;
  std::optional<Instant> start, end;
  bool all_day = false;
  std::vector<Instant> exdates, rdates;
  int expected_visitors = 0;
  bool amplified_sound = false;
  std::optional<EventClass> event_class;  // nullopt: derived from the A-criteria
  bool is_public = true;
  Status status = Status::kSubmitted;
  bool city_dressing = false;
};

// Checks every field and answers the event (uid, id, version left empty) or kInvalid with one FieldError per
// problem, in Dutch: a title (1-200 characters, no HTML), an end after the start, at most 14 days long, an
// RRULE libical accepts, a known category and audience, a venue among `venue_ids` unless regional.
Result<EventRecord> ValidateEvent(const EventInput& input, const std::vector<std::int64_t>& venue_ids, bool regional);

// The input that stores `event` again as it is (its class and status kept, not derived): the base a partial
// change (PATCH, the edit form) is applied over. Occurrence changes are not part of the input.
EventInput InputOf(const EventRecord& event);

// Assen's default class for an event (product.md §6): A when it has at most 200 visitors, one day and ends by
// 22:30 (Mon-Thu) or 24:00 (Fri-Sun); C above 5,000 expected visitors; B otherwise.
EventClass DefaultClass(Instant start, Instant end, int expected_visitors, const AssenRules& rules = {});

// An ISO 8601 time with offset or Z ("2026-12-06T12:00:00+01:00"), or local wall-clock without offset
// ("2026-12-06T12:00" or with seconds) when `tz` is "Europe/Amsterdam". nullopt when unreadable.
std::optional<Instant> ParseEventTime(std::string_view text, std::string_view tz);
// "2026-12-06T12:00:00+01:00": Amsterdam wall-clock with its offset at that instant.
std::string FormatAmsterdamIso(Instant instant);

// Whether text contains something that looks like an HTML tag ("<b", "</", "<!", "<?").
bool LooksLikeHtml(std::string_view text);

}  // namespace stadshart::events
