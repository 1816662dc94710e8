// CSRF protection for HTML forms, in a hidden form field "csrf":
// - signed in: the token is the session's own (stored with the session, rotated at every sign-in);
// - anonymous (the login form): the double-submit pattern, with the token also in the cookie "stadshart_csrf"
//   (HttpOnly, SameSite=Strict).
// A state-changing POST is accepted only when the token matches and, when the browser sends an Origin header,
// that origin is our own.
#pragma once

#include <string>

#include "http/message.h"

namespace stadshart::web {

inline constexpr const char* kCsrfCookie = "stadshart_csrf";
inline constexpr const char* kCsrfField = "csrf";

struct CsrfToken {
  std::string value;
  bool is_new = false;  // not yet in the browser: Attach() sets the cookie
  void Attach(http::Response& response) const;
};

// The browser's token, or a fresh one when it has none (or a malformed one).
CsrfToken CsrfFor(const http::Request& request);

// Whether a form POST carries a valid token (see above).
bool CsrfValid(const http::Request& request, const http::Fields& form);

}  // namespace stadshart::web
