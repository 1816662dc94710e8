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

bool MayChange(const Principal& principal, std::string_view kind, std::int64_t id) {
  if (principal.anonymous() || !principal.user->active) return false;
  if (principal.token_id && principal.scope == TokenScope::kRead) return false;
  switch (principal.user->role) {
    case Role::kBeheerder: return kind == "business" || kind == "unit";
    case Role::kOndernemer: return kind == "business" && principal.user->ActsFor(kind, id);
    case Role::kEigenaar: return kind == "unit" && principal.user->ActsFor(kind, id);
    default: return false;
  }
}

}  // namespace stadshart::accounts
