// Pages: every HTML page is a template rendered inside templates/layout.mustache (skip link, header with the
// navigation of the modules that exist, main, footer). Dutch, NL Design System classes, no JavaScript needed.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "common/result.h"
#include "http/message.h"

namespace stadshart::web {

struct Crumb {
  std::string href;
  std::string label;
};

struct Page {
  std::string title;         // <title> and, unless the template has its own, the h1
  std::string section;       // href of the active navigation item, e.g. "/werkplan"
  std::vector<Crumb> crumbs;  // breadcrumbs, without the current page
  int status = 200;
};

// Renders `template_name` with `view` inside the layout. The request says who is signed in (the header shows
// their name and a sign-out button, or a sign-in link) and which navigation items they may see.
http::Response RenderPage(const http::Request& request, const Page& page, const char* template_name,
                          const nlohmann::json& view);

// A plain page with a heading and one message, e.g. for 404.
http::Response MessagePage(const http::Request& request, int status, const std::string& title,
                           const std::string& message);

// The view model for form errors: {"field": {"message": "..."}} plus "errors": [{field, message}] for the
// summary at the top of the form.
nlohmann::json ErrorView(const std::vector<FieldError>& errors);

}  // namespace stadshart::web
