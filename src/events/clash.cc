#include "events/clash.h"

#include <algorithm>

namespace stadshart::events {
namespace {

using namespace std::chrono;

const Venue* FindVenue(std::span<const Venue> venues, std::int64_t id) {
  for (const Venue& v : venues) {
    if (v.id == id) return &v;
  }
  return nullptr;
}

bool Overlap(const Event& a, const Event& b) { return a.start < b.end && b.start < a.end; }
bool Large(const Event& e) { return e.event_class == EventClass::kB || e.event_class == EventClass::kC; }

local_days DayOf(LocalTime t) { return floor<days>(t); }

// Whether the two events touch a common calendar day.
bool SameDay(const Event& a, const Event& b) {
  // Days touched by [start, end): the end instant itself belongs to the previous day when it is exactly midnight.
  auto last_day = [](const Event& e) { return DayOf(e.end - seconds{1}); };
  return DayOf(a.start) <= last_day(b) && DayOf(b.start) <= last_day(a);
}

// The weekend (Friday 18:00 until Monday 00:00) an event touches, as the Saturday; nullopt when none.
std::optional<local_days> WeekendOf(const Event& e) {
  for (local_days day = DayOf(e.start); day <= DayOf(e.end - seconds{1}); day += days{1}) {
    weekday wd{day};
    if (wd == Friday && e.end > LocalTime{day} + hours{18}) return day + days{1};
    if (wd == Saturday) return day;
    if (wd == Sunday) return day - days{1};
  }
  return std::nullopt;
}

std::string Clock(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

std::string Describe(const Event& e) { return "\"" + e.title + "\""; }

// Minutes after the local midnight of the start day at which the event ends (may exceed 24*60).
int EndMinutes(const Event& e) {
  return static_cast<int>(duration_cast<minutes>(e.end - LocalTime{DayOf(e.start)}).count());
}

int StartMinutes(const Event& e) {
  return static_cast<int>(duration_cast<minutes>(e.start - LocalTime{DayOf(e.start)}).count());
}

}  // namespace

std::string_view ClassCode(EventClass c) {
  switch (c) {
    case EventClass::kMelding: return "melding";
    case EventClass::kA: return "A";
    case EventClass::kB: return "B";
    case EventClass::kC: return "C";
  }
  return "A";
}

std::vector<Clash> FindClashes(const Event& event, std::span<const Event> others, std::span<const Venue> venues,
                               const AssenRules& rules) {
  std::vector<Clash> clashes;
  if (event.cancelled) return clashes;
  const Venue* venue = FindVenue(venues, event.venue_id);
  std::string venue_name = venue ? venue->name : "de locatie";

  for (const Event& other : others) {
    if (other.id == event.id || other.cancelled) continue;
    if (!event.regional && !other.regional && other.venue_id == event.venue_id && Overlap(event, other)) {
      clashes.push_back({"venue_overlap", other.id,
                         "Tegelijk met " + Describe(other) + " op dezelfde locatie (" + venue_name + ")."});
    }
    if (!event.regional && !other.regional && Large(event) && Large(other) && SameDay(event, other)) {
      clashes.push_back({"emergency_services", other.id,
                         "Op dezelfde dag als " + Describe(other) + ": meer dan één B- of C-evenement in de "
                         "binnenstad vraagt te veel van politie en ambulancezorg."});
    }
    if (Large(event) && other.regional != event.regional && Large(other)) {
      auto mine = WeekendOf(event);
      auto theirs = WeekendOf(other);
      if (mine && theirs && *mine == *theirs) {
        clashes.push_back({"regional_weekend", other.id,
                           "Hetzelfde weekend als " + Describe(other) + (other.regional ? " in de regio" : " in Assen") +
                               ": grote evenementen trekken dan elkaars bezoekers weg en de hotels zitten vol."});
      }
    }
  }

  if (venue && venue->capacity && event.expected_visitors > *venue->capacity) {
    clashes.push_back({"over_capacity", std::nullopt,
                       std::to_string(event.expected_visitors) + " verwachte bezoekers, maar " + venue->name +
                           " biedt plaats aan " + std::to_string(*venue->capacity) + "."});
  }

  if (event.amplified_sound && !event.regional) {
    if (venue && venue->sound_minutes) {
      auto [from, until] = *venue->sound_minutes;
      if (StartMinutes(event) < from || EndMinutes(event) > until) {
        clashes.push_back({"amplified_sound", std::nullopt,
                           "Versterkt geluid buiten de tijden van " + venue->name + " (" + Clock(from) + "–" +
                               Clock(until) + ")."});
      }
    }
    if (event.event_class == EventClass::kA || event.event_class == EventClass::kMelding) {
      weekday wd{DayOf(event.start)};
      bool late_week = wd == Friday || wd == Saturday || wd == Sunday;
      int limit = late_week ? rules.a_end_minutes_fri_sun : rules.a_end_minutes_mon_thu;
      if (EndMinutes(event) > limit) {
        clashes.push_back({"amplified_sound", std::nullopt,
                           "Een A-evenement met versterkt geluid eindigt uiterlijk om " + Clock(limit % (24 * 60)) +
                               (late_week ? " (vrijdag tot en met zondag)" : " (maandag tot en met donderdag)") + "."});
      }
    }
  }

  if (!event.regional && (event.event_class == EventClass::kA || event.event_class == EventClass::kMelding)) {
    std::vector<std::string> reasons;
    if (event.expected_visitors > rules.a_event_max_visitors) {
      reasons.push_back("meer dan " + std::to_string(rules.a_event_max_visitors) + " bezoekers");
    }
    // An evening running past midnight is still one day (and ends too late); more than that is several days.
    if (event.end - event.start > hours{24} || DayOf(event.end - seconds{1}) > DayOf(event.start) + days{1}) {
      reasons.push_back("meer dan één dag");
    }
    weekday wd{DayOf(event.start)};
    int limit = (wd == Friday || wd == Saturday || wd == Sunday) ? rules.a_end_minutes_fri_sun : rules.a_end_minutes_mon_thu;
    if (EndMinutes(event) > limit && event.end - event.start <= hours{24}) reasons.push_back("eindigt te laat");
    if (!reasons.empty()) {
      std::string list;
      for (size_t i = 0; i < reasons.size(); ++i) list += (i ? ", " : "") + reasons[i];
      clashes.push_back({"class_mismatch", std::nullopt,
                         "Als " + std::string(event.event_class == EventClass::kA ? "A-evenement" : "melding") +
                             " te groot (" + list + "): hiervoor is een B- of C-vergunning nodig."});
    }
  }
  return clashes;
}

}  // namespace stadshart::events
