// Who is behind an HTTP request. The guard (app/guard.h) resolves the session cookie or bearer token before
// any handler runs and stores the Principal in Request::context; handlers read it here.
#pragma once

#include "accounts/account.h"
#include "accounts/permissions.h"
#include "audit/audit.h"
#include "http/message.h"

namespace stadshart::accounts {

inline constexpr const char* kSessionCookie = "stadshart_session";

// The principal the guard stored; anonymous when none was stored.
const Principal& PrincipalOf(const http::Request& request);
void SetPrincipal(http::Request& request, Principal principal);

// Whether the request's principal has the permission (for showing or hiding forms and links).
bool Can(const http::Request& request, std::string_view permission);

// Per-object rule on top of the matrix: a beheerder may change any record of `kind` ("business", "unit"); an
// ondernemer only businesses and an eigenaar only units they are linked to (User::links); nobody else.
bool MayChange(const Principal& principal, std::string_view kind, std::int64_t id);
inline bool MayChange(const http::Request& request, std::string_view kind, std::int64_t id) {
  return MayChange(PrincipalOf(request), kind, id);
}

// The audit actor of the request: its user, labelled as Principal::Label(), via "api" for /api/ paths and
// "page" otherwise.
audit::Actor ActorOf(const http::Request& request);

}  // namespace stadshart::accounts
