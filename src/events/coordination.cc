#include "events/coordination.h"

#include <set>

#include "events/recurrence.h"

namespace stadshart::events {
namespace {

using namespace std::chrono;

Event ForClash(const EventRecord& e, const Occurrence& o) {
  Event c;
  c.id = e.id;
  c.title = e.title;
  c.venue_id = e.venue_id.value_or(0);
  c.start = ToAmsterdam(o.start);
  c.end = ToAmsterdam(o.end);
  c.expected_visitors = e.expected_visitors;
  c.amplified_sound = e.amplified_sound;
  c.event_class = e.event_class;
  c.regional = e.regional;
  c.cancelled = o.cancelled || !Coordinated(e);
  return c;
}

}  // namespace

bool Coordinated(const EventRecord& e) { return e.status != Status::kRejected && e.status != Status::kCancelled; }

std::vector<Clash> ClashesOf(const EventRecord& event, const std::vector<EventRecord>& others,
                             const std::vector<Place>& places, Instant from, Instant to, const AssenRules& rules) {
  std::vector<Clash> result;
  if (!Coordinated(event)) return result;
  std::vector<Venue> venues;
  for (const Place& p : places) venues.push_back(p.ForClashes());
  // Weekends and days reach a few days around an occurrence.
  const Instant wide_from = from - days{4}, wide_to = to + days{4};
  std::vector<Event> around;
  for (const EventRecord& other : others) {
    if (other.id == event.id || !Coordinated(other)) continue;
    for (const Occurrence& o : Expand(other, wide_from, wide_to, 2000)) {
      if (!o.cancelled) around.push_back(ForClash(other, o));
    }
  }
  std::set<std::string> seen;  // kind, other event (or the reason when there is none)
  for (const Occurrence& o : Expand(event, from, to, 500)) {
    if (o.cancelled) continue;
    for (Clash& clash : FindClashes(ForClash(event, o), around, venues, rules)) {
      std::string key = clash.kind + "|" + (clash.with_event_id ? std::to_string(*clash.with_event_id) : clash.reason);
      if (seen.insert(key).second) result.push_back(std::move(clash));
    }
  }
  return result;
}

}  // namespace stadshart::events
