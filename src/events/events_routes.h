// The events' HTTP surface: the JSON API under /api/v1 (events, venues, clashes), the feeds (/agenda.ics,
// /agenda.rss) and the pages under /agenda. Handlers are thin: parse, call the domain and the repository, render.
#pragma once

#include <memory>

#include "common/time.h"
#include "events/events_repository.h"
#include "http/router.h"

namespace stadshart::events {

// Keeps the repository alive; the clock must outlive the router.
void AddEventRoutes(http::Router& router, std::shared_ptr<EventsRepository> repository, const Clock& clock);

// The base of absolute links in feeds ("https://binnenstad.example"), from STADSHART_PUBLIC_URL; without it
// "http://localhost:8080".
std::string PublicBaseUrl();

}  // namespace stadshart::events
