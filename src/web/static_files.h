// The embedded static assets under /static/: our theme (static/*) and the NL Design System CSS from npm
// (static/vendor/*). Served with a content type, an ETag and a day of browser caching.
#pragma once

#include "http/router.h"

namespace stadshart::web {

void AddStaticRoutes(http::Router& router);

}  // namespace stadshart::web
