#include "events/agenda.h"

#include <algorithm>

namespace stadshart::events {

bool IsPublished(const EventRecord& e) {
  return e.is_public && (e.status == Status::kApproved || e.status == Status::kCancelled);
}

bool Matches(const EventRecord& e, const AgendaFilter& f) {
  if (e.regional && !f.regional) return false;
  if (!f.category.empty() && e.category != f.category) return false;
  if (!f.audience.empty() && e.audience != f.audience) return false;
  if (f.venue_id && e.venue_id != f.venue_id) return false;
  return true;
}

std::vector<AgendaItem> Agenda(const std::vector<EventRecord>& events, const AgendaFilter& filter, std::size_t limit) {
  std::vector<AgendaItem> items;
  for (const EventRecord& e : events) {
    if (!IsPublished(e) || !Matches(e, filter)) continue;
    for (const Occurrence& o : Expand(e, filter.from, filter.to, limit)) {
      Occurrence shown = o;
      if (e.status == Status::kCancelled) shown.cancelled = true;
      items.push_back({&e, shown});
    }
  }
  std::stable_sort(items.begin(), items.end(), [](const AgendaItem& a, const AgendaItem& b) {
    return a.occurrence.start != b.occurrence.start ? a.occurrence.start < b.occurrence.start
                                                    : a.event->id < b.event->id;
  });
  if (items.size() > limit) items.resize(limit);
  return items;
}

}  // namespace stadshart::events
