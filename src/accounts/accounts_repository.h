// Storage of users, sessions, API tokens and login throttling. Thread-safe; calls block (worker pool only).
// Every change to a user or token is written to the audit trail in the same transaction.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/account.h"
#include "audit/audit.h"
#include "common/result.h"
#include "common/time.h"

namespace stadshart::accounts {

struct SessionPolicy {
  std::chrono::seconds idle{2 * 60 * 60};       // no request for this long: signed out
  std::chrono::seconds absolute{12 * 60 * 60};  // signed out this long after signing in, whatever happens
};

struct NewSession {
  std::string token;  // the cookie value; only its hash is stored
  std::string csrf_token;
};

struct ApiToken {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;
  TokenScope scope = TokenScope::kRead;
  std::string created_at;
  std::string last_used_at;  // empty: never
  std::string revoked_at;    // empty: active
};

struct NewUserInput {
  std::string email;
  std::string name;
  std::string role;
  std::string password;
};

struct UserEdit {
  std::string name;
  Role role = Role::kOndernemer;
  bool active = true;
};

class AccountsRepository {
 public:
  virtual ~AccountsRepository() = default;

  // Validates (fields, role, password policy), hashes the password and stores the user. kConflict when the
  // e-mail address is taken.
  virtual Result<User> CreateUser(const NewUserInput& input, const audit::Actor& actor) = 0;
  virtual std::optional<User> FindUser(std::int64_t id) = 0;
  virtual std::optional<User> FindUserByEmail(const std::string& email) = 0;
  virtual std::vector<User> ListUsers() = 0;
  virtual Result<User> UpdateUser(std::int64_t id, const UserEdit& edit, std::int64_t expected_version,
                                  const audit::Actor& actor) = 0;
  // Checks the policy, stores the new hash, and ends the user's sessions (except `keep_session`, if given).
  virtual Result<Done> SetPassword(std::int64_t id, const std::string& password, const audit::Actor& actor,
                                   const std::string& keep_session = "") = 0;

  // Replaces what the user acts for (kind "business", "unit" or "organisation"). The records linked to are not
  // checked here: they live in other modules. kNotFound for an unknown user.
  virtual Result<User> SetLinks(std::int64_t id, const std::vector<UserLink>& links, const audit::Actor& actor) = 0;

  // The user when the password is right and the account active; nullopt otherwise (no hint which was wrong).
  virtual std::optional<User> CheckCredentials(const std::string& email, const std::string& password) = 0;

  virtual NewSession CreateSession(std::int64_t user_id) = 0;
  // The signed-in principal for a cookie value, touching last_seen; nullopt when unknown, expired or inactive.
  virtual std::optional<Principal> ResolveSession(const std::string& token) = 0;
  virtual void EndSession(const std::string& token) = 0;

  // The new token (shown once) and its record.
  virtual Result<std::pair<std::string, ApiToken>> CreateToken(std::int64_t user_id, const std::string& name,
                                                               TokenScope scope, const audit::Actor& actor) = 0;
  virtual std::optional<Principal> ResolveToken(const std::string& token) = 0;
  virtual std::vector<ApiToken> ListTokens(std::int64_t user_id) = 0;
  // Revokes a token; when `owner` is set, only if it belongs to that user (kNotFound otherwise).
  virtual Result<ApiToken> RevokeToken(std::int64_t token_id, std::optional<std::int64_t> owner,
                                       const audit::Actor& actor) = 0;

  // Login throttling: failures recorded under keys such as "account:anna@example.org" and "address:10.0.0.1".
  virtual void RecordLoginFailure(const std::vector<std::string>& keys) = 0;
  virtual int LoginFailuresSince(const std::string& key, std::chrono::seconds window) = 0;
  virtual void ClearLoginFailures(const std::string& key) = 0;
};

}  // namespace stadshart::accounts
