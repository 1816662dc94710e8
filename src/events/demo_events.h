// The Assen demo agenda: fictitious events (marked so) at the real public places of the centre, around `today`:
// a weekly Saturday market (no end, one EXDATE, one cancelled occurrence), koopzondagen on the last Sunday of
// the month (so on both clock-change days), a Friday music series, a museum exhibition with city dressing,
// a summer Saturday where B/C events clash (same venue, emergency services, a regional race weekend), and a
// submission awaiting moderation. Deterministic for a given `today`.
#pragma once

#include <chrono>
#include <vector>

#include "events/event.h"

namespace stadshart::events {

// Events ready for EventsRepository::Create (validated fields; venues by the seeded names via `places`).
std::vector<EventRecord> AssenDemoEvents(std::chrono::sys_days today, const std::vector<Place>& places);

}  // namespace stadshart::events
