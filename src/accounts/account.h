// Accounts: roles, users, who is making a request (Principal), and the password policy. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace stadshart::accounts {

enum class Role { kBeheerder, kGemeente, kOndernemer, kEigenaar, kOrganisator };
inline constexpr Role kAllRoles[] = {Role::kBeheerder, Role::kGemeente, Role::kOndernemer, Role::kEigenaar,
                                     Role::kOrganisator};

std::string_view RoleCode(Role role);   // "beheerder", ...
std::string_view RoleLabel(Role role);  // "Beheerder (Vaart in Assen)", ...
std::optional<Role> ParseRole(std::string_view code);

// What a user acts for: their business, unit or organisation (user_links). An ondernemer may change only the
// businesses they are linked to, an eigenaar only their units, an organisator only their organisation's events.
struct UserLink {
  std::string kind;  // "business", "unit", "organisation"
  std::int64_t id = 0;
  bool operator==(const UserLink&) const = default;
};

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  Role role = Role::kOndernemer;
  bool active = true;
  std::string created_at;
  std::int64_t version = 1;
  std::vector<UserLink> links;

  bool ActsFor(std::string_view kind, std::int64_t id) const;
};

enum class TokenScope { kRead, kWrite };
std::string_view ScopeCode(TokenScope scope);
std::optional<TokenScope> ParseScope(std::string_view code);

// Who is making a request: nobody (anonymous), a user through a browser session, or a user through an API token.
struct Principal {
  std::optional<User> user;                 // empty: anonymous
  std::optional<std::int64_t> token_id;     // set when authenticated by an API token
  TokenScope scope = TokenScope::kWrite;    // a session has full use of the user's role
  std::string csrf_token;                   // of the session; empty for tokens and anonymous

  bool anonymous() const { return !user.has_value(); }
  // For the audit trail: "anna@example.org" or "token 3 van anna@example.org"; "anoniem" when anonymous.
  std::string Label() const;
};

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// A sensible minimum length and not the user's own name or e-mail address (nor containing them); nothing else.
// Errors carry the field "password" and a Dutch message.
std::optional<FieldError> CheckPassword(std::string_view password, std::string_view name, std::string_view email);

// E-mail (a plausible address), name (non-empty, at most 200 characters).
std::vector<FieldError> CheckUserFields(std::string_view email, std::string_view name);

// Lower case, trimmed: the form e-mail addresses are compared in.
std::string NormaliseEmail(std::string_view email);

}  // namespace stadshart::accounts
