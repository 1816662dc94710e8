// CSRF protection for HTML forms: the double-submit pattern. A random token lives in the cookie
// "stadshart_csrf" (HttpOnly, SameSite=Strict) and in a hidden form field "csrf"; a state-changing POST is
// accepted only when both are present and equal, and, when the browser sends an Origin header, it is our own.
// (Once accounts exist, the token will also be bound to the session.)
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

// 32 random bytes from libsodium, URL-safe base64 without padding.
std::string RandomToken();

}  // namespace stadshart::web
