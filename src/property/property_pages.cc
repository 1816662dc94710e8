// Pages of the register. (Being written: see the note.)
#include "property/property_routes.h"

namespace stadshart::property {

void AddRegisterPageRoutes(http::Router&, PropertyRepository&, const Clock&, const MapSettings&) {}

}  // namespace stadshart::property
