// Coordination: the clash rules (clash.h) applied to stored events and their occurrences. Pure.
#pragma once

#include <vector>

#include "events/clash.h"
#include "events/event.h"

namespace stadshart::events {

// Whether the event takes part in coordination: not rejected, not cancelled (concepts and submissions do).
bool Coordinated(const EventRecord& event);

// The clashes of `event`'s occurrences in [from, to) with the venues' limits and with every occurrence of
// `others` (which may include `event` itself), one per kind and other event, in order of first appearance.
std::vector<Clash> ClashesOf(const EventRecord& event, const std::vector<EventRecord>& others,
                             const std::vector<Place>& places, Instant from, Instant to,
                             const AssenRules& rules = {});

}  // namespace stadshart::events
