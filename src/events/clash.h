// Coordination of events: which events clash, and why, in plain Dutch. Pure: all times are Europe/Amsterdam
// wall-clock (std::chrono::local_seconds); converting from and to UTC happens outside.
//
// Rules (product.md §6; Assen's A-event criteria as the default):
// - venue_overlap: the same venue at overlapping times;
// - over_capacity: more expected visitors than the venue holds (when its capacity is known);
// - emergency_services: more than one B or C event in the centre on the same day (the safety region's
//   capacity for police and ambulance);
// - regional_weekend: a large event in town (class B or C) on the same weekend as a large event in the region;
// - amplified_sound: amplified sound outside the venue's hours for it, or past the end time of an A-event
//   (22:30 Monday–Thursday, 24:00 Friday–Sunday);
// - class_mismatch: an event declared as a notification (melding) or A-event that does not meet the A-criteria
//   (at most 200 visitors, one location, one day, ending in time) and so needs a B or C permit.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace stadshart::events {

using LocalTime = std::chrono::local_seconds;

enum class EventClass { kMelding, kA, kB, kC };
std::string_view ClassCode(EventClass c);  // "melding", "A", "B", "C"

struct Venue {
  std::int64_t id = 0;
  std::string name;
  std::optional<int> capacity;  // unknown: no capacity check
  // Amplified sound allowed from..until, minutes after local midnight (until may pass 24:00, e.g. 25*60).
  std::optional<std::pair<int, int>> sound_minutes;
};

struct Event {
  std::int64_t id = 0;
  std::string title;
  std::int64_t venue_id = 0;
  LocalTime start;
  LocalTime end;
  int expected_visitors = 0;
  bool amplified_sound = false;
  EventClass event_class = EventClass::kA;
  bool regional = false;   // imported from a regional calendar: not in the centre
  bool cancelled = false;  // cancelled events clash with nothing
};

struct Clash {
  std::string kind;  // "venue_overlap", "over_capacity", ...
  std::optional<std::int64_t> with_event_id;
  std::string reason;  // Dutch, for organisers and the partnership
};

struct AssenRules {
  int a_event_max_visitors = 200;
  int a_end_minutes_mon_thu = 22 * 60 + 30;
  int a_end_minutes_fri_sun = 24 * 60;
};

// The clashes of `event` with the venues' limits and with `others` (which may include `event` itself; it is
// skipped by id). `venues` holds every venue the events refer to.
std::vector<Clash> FindClashes(const Event& event, std::span<const Event> others, std::span<const Venue> venues,
                               const AssenRules& rules = {});

}  // namespace stadshart::events
