// The permission matrix: which role may do what, as data (docs/permissions.md shows the same table). Every route
// names one permission; the guard in app/ asks Decide() before the handler runs. A new route without a
// permission, or with one that is not in the table, is refused (and fails the permission-matrix test).
#pragma once

#include <span>
#include <string_view>

#include "accounts/account.h"

namespace stadshart::accounts {

struct PermissionRule {
  std::string_view name;         // e.g. "plan.write"
  std::string_view description;  // Dutch, for docs and the admin view
  bool anonymous;                // allowed without signing in
  bool writes;                   // changes data: refused for read-scope API tokens
  bool roles[5];                 // allowed per Role, in the order of kAllRoles
};

std::span<const PermissionRule> PermissionMatrix();
const PermissionRule* FindPermission(std::string_view name);

enum class Decision {
  kAllow,
  kSignInRequired,  // 401: anonymous, and the permission needs a signed-in user
  kForbidden,       // 403: signed in, but the role or token scope does not allow it
};

// Unknown permissions are forbidden for everyone (deny by default).
Decision Decide(const Principal& principal, std::string_view permission);

}  // namespace stadshart::accounts
