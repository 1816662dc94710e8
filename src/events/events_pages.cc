// The agenda's pages (filled in below).
#include "events/events_http.h"
#include "events/events_routes.h"

namespace stadshart::events {

void AddEventPageRoutes(http::Router&, std::shared_ptr<EventsRepository>, const Clock&) {}

}  // namespace stadshart::events
