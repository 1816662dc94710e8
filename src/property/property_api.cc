// JSON API of the register. (Being written.)
#include "property/property_routes.h"

namespace stadshart::property {

void AddRegisterApiRoutes(http::Router&, PropertyRepository&, const Clock&) {}

}  // namespace stadshart::property
