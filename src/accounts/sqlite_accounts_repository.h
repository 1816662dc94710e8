// AccountsRepository on SQLite. Queries are the named constants in the .cc file.
#pragma once

#include "accounts/accounts_repository.h"
#include "storage/database.h"

namespace stadshart::accounts {

class SqliteAccountsRepository final : public AccountsRepository {
 public:
  // Neither is owned; both must outlive the repository.
  SqliteAccountsRepository(storage::Database& db, const Clock& clock, SessionPolicy policy = {})
      : db_(db), clock_(clock), policy_(policy) {}

  Result<User> CreateUser(const NewUserInput& input, const audit::Actor& actor) override;
  std::optional<User> FindUser(std::int64_t id) override;
  std::optional<User> FindUserByEmail(const std::string& email) override;
  std::vector<User> ListUsers() override;
  Result<User> UpdateUser(std::int64_t id, const UserEdit& edit, std::int64_t expected_version,
                          const audit::Actor& actor) override;
  Result<User> SetLinks(std::int64_t id, const std::vector<UserLink>& links, const audit::Actor& actor) override;
  Result<Done> SetPassword(std::int64_t id, const std::string& password, const audit::Actor& actor,
                           const std::string& keep_session) override;
  std::optional<User> CheckCredentials(const std::string& email, const std::string& password) override;
  NewSession CreateSession(std::int64_t user_id) override;
  std::optional<Principal> ResolveSession(const std::string& token) override;
  void EndSession(const std::string& token) override;
  Result<std::pair<std::string, ApiToken>> CreateToken(std::int64_t user_id, const std::string& name, TokenScope scope,
                                                       const audit::Actor& actor) override;
  std::optional<Principal> ResolveToken(const std::string& token) override;
  std::vector<ApiToken> ListTokens(std::int64_t user_id) override;
  Result<ApiToken> RevokeToken(std::int64_t token_id, std::optional<std::int64_t> owner,
                               const audit::Actor& actor) override;
  void RecordLoginFailure(const std::vector<std::string>& keys) override;
  int LoginFailuresSince(const std::string& key, std::chrono::seconds window) override;
  void ClearLoginFailures(const std::string& key) override;

 private:
  storage::Database& db_;
  const Clock& clock_;
  SessionPolicy policy_;
};

}  // namespace stadshart::accounts
