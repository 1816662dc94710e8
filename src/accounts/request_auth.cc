#include "accounts/request_auth.h"

#include <any>

namespace stadshart::accounts {

const Principal& PrincipalOf(const http::Request& request) {
  static const Principal kAnonymous;
  if (const auto* principal = std::any_cast<Principal>(&request.context)) return *principal;
  return kAnonymous;
}

void SetPrincipal(http::Request& request, Principal principal) { request.context = std::move(principal); }

bool Can(const http::Request& request, std::string_view permission) {
  return Decide(PrincipalOf(request), permission) == Decision::kAllow;
}

audit::Actor ActorOf(const http::Request& request) {
  const Principal& principal = PrincipalOf(request);
  audit::Actor actor;
  if (principal.user) actor.user_id = principal.user->id;
  actor.label = principal.Label();
  actor.via = request.path.starts_with("/api/") ? "api" : "page";
  return actor;
}

}  // namespace stadshart::accounts
