#include "accounts/sqlite_accounts_repository.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "accounts/secrets.h"
#include "common/text.h"

namespace stadshart::accounts {
namespace {

using storage::Connection;
using storage::Statement;
using storage::Transaction;

#define USER_COLUMNS "id, email, name, role, active, created_at, version"
constexpr const char* kUserById = "SELECT " USER_COLUMNS " FROM users WHERE id = ?1";
constexpr const char* kUserByEmail = "SELECT " USER_COLUMNS " FROM users WHERE email = ?1";
constexpr const char* kUsers = "SELECT " USER_COLUMNS " FROM users ORDER BY name, id";
constexpr const char* kLinksOf = "SELECT kind, ref_id FROM user_links WHERE user_id = ?1 ORDER BY kind, ref_id";
constexpr const char* kDeleteLinks = "DELETE FROM user_links WHERE user_id = ?1";
constexpr const char* kInsertLink = "INSERT INTO user_links (user_id, kind, ref_id) VALUES (?1, ?2, ?3)";
constexpr const char* kHashByEmail = "SELECT id, password_hash FROM users WHERE email = ?1 AND active = 1";
constexpr const char* kInsertUser =
    "INSERT INTO users (email, name, role, password_hash, active, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)";
constexpr const char* kUpdateUser =
    "UPDATE users SET name = ?1, role = ?2, active = ?3, updated_at = ?4, version = version + 1"
    " WHERE id = ?5 AND version = ?6";
constexpr const char* kSetHash = "UPDATE users SET password_hash = ?1, updated_at = ?2 WHERE id = ?3";
constexpr const char* kEndSessionsOf = "DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2";
constexpr const char* kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)"
    " VALUES (?1, ?2, ?3, ?4, ?4, ?5)";
constexpr const char* kSession =
    "SELECT s.user_id, s.csrf_token, s.last_seen_at, s.expires_at FROM sessions s WHERE s.token_hash = ?1";
constexpr const char* kTouchSession = "UPDATE sessions SET last_seen_at = ?1 WHERE token_hash = ?2";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE token_hash = ?1";
constexpr const char* kDeleteExpiredSessions = "DELETE FROM sessions WHERE expires_at <= ?1";
#define TOKEN_COLUMNS "id, user_id, name, scope, created_at, coalesce(last_used_at, ''), coalesce(revoked_at, '')"
constexpr const char* kInsertToken =
    "INSERT INTO api_tokens (user_id, name, scope, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr const char* kTokenById = "SELECT " TOKEN_COLUMNS " FROM api_tokens WHERE id = ?1";
constexpr const char* kTokenByHash =
    "SELECT " TOKEN_COLUMNS " FROM api_tokens WHERE token_hash = ?1 AND revoked_at IS NULL";
constexpr const char* kTokensOf = "SELECT " TOKEN_COLUMNS " FROM api_tokens WHERE user_id = ?1 ORDER BY id";
constexpr const char* kTouchToken =
    "UPDATE api_tokens SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at < ?3)";
constexpr const char* kRevokeToken = "UPDATE api_tokens SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL";
constexpr const char* kInsertFailure = "INSERT INTO login_failures (key, at) VALUES (?1, ?2)";
constexpr const char* kCountFailures = "SELECT count(*) FROM login_failures WHERE key = ?1 AND at >= ?2";
constexpr const char* kClearFailures = "DELETE FROM login_failures WHERE key = ?1";
constexpr const char* kForgetOldFailures = "DELETE FROM login_failures WHERE at < ?1";

User ReadUser(const Statement& row) {
  User user;
  user.id = row.Int(0);
  user.email = row.Text(1);
  user.name = row.Text(2);
  user.role = ParseRole(row.Text(3)).value_or(Role::kOndernemer);
  user.active = row.Int(4) != 0;
  user.created_at = row.Text(5);
  user.version = row.Int(6);
  return user;
}

ApiToken ReadToken(const Statement& row) {
  return {row.Int(0), row.Int(1), row.Text(2), ParseScope(row.Text(3)).value_or(TokenScope::kRead),
          row.Text(4), row.Text(5), row.Text(6)};
}

std::optional<User> LoadUser(Connection& c, const char* sql, const auto& key) {
  auto row = c.Prepare(sql);
  row.Bind(1, key);
  if (!row.Step()) return std::nullopt;
  User user = ReadUser(row);
  auto links = c.Prepare(kLinksOf);
  links.Bind(1, user.id);
  while (links.Step()) user.links.push_back({links.Text(0), links.Int(1)});
  return user;
}

nlohmann::json LinksJson(const std::vector<UserLink>& links) {
  nlohmann::json out = nlohmann::json::array();
  for (const UserLink& link : links) out.push_back({{"kind", link.kind}, {"id", link.id}});
  return out;
}

// What the audit trail keeps of a user: never the password hash.
std::string UserJson(const User& user) {
  return nlohmann::json{{"email", user.email},
                        {"name", user.name},
                        {"role", RoleCode(user.role)},
                        {"active", user.active},
                        {"version", user.version},
                        {"links", LinksJson(user.links)}}
      .dump();
}

std::string TokenJson(const ApiToken& token) {
  return nlohmann::json{{"user_id", token.user_id},
                        {"name", token.name},
                        {"scope", ScopeCode(token.scope)},
                        {"revoked_at", token.revoked_at}}
      .dump();
}

}  // namespace

Result<User> SqliteAccountsRepository::CreateUser(const NewUserInput& input, const audit::Actor& actor) {
  std::vector<FieldError> errors = CheckUserFields(input.email, input.name);
  auto role = ParseRole(input.role);
  if (!role) errors.push_back({"role", "Kies een rol: beheerder, gemeente, ondernemer, eigenaar of organisator."});
  if (auto bad = CheckPassword(input.password, input.name, input.email)) errors.push_back(*bad);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  std::string hash = HashPassword(input.password);  // slow: outside the transaction
  std::string now = FormatUtc(clock_.Now());
  std::string email = NormaliseEmail(input.email);
  return db_.With([&](Connection& c) -> Result<User> {
    Transaction transaction(c);
    if (LoadUser(c, kUserByEmail, email)) {
      return Error{ErrorKind::kConflict, "Er is al een gebruiker met dit e-mailadres.", {{"email", "Er is al een gebruiker met dit e-mailadres."}}};
    }
    c.Prepare(kInsertUser).Bind(1, email).Bind(2, text::Trim(input.name)).Bind(3, RoleCode(*role)).Bind(4, hash).Bind(5, now).Run();
    User user = *LoadUser(c, kUserById, c.LastInsertId());
    audit::Record(c, actor, now, "user", std::to_string(user.id), "create", "", UserJson(user));
    transaction.Commit();
    return user;
  });
}

std::optional<User> SqliteAccountsRepository::FindUser(std::int64_t id) {
  return db_.With([&](Connection& c) { return LoadUser(c, kUserById, id); });
}

std::optional<User> SqliteAccountsRepository::FindUserByEmail(const std::string& email) {
  return db_.With([&](Connection& c) { return LoadUser(c, kUserByEmail, NormaliseEmail(email)); });
}

std::vector<User> SqliteAccountsRepository::ListUsers() {
  return db_.With([](Connection& c) {
    std::vector<User> users;
    auto row = c.Prepare(kUsers);
    while (row.Step()) users.push_back(ReadUser(row));
    return users;
  });
}

Result<User> SqliteAccountsRepository::UpdateUser(std::int64_t id, const UserEdit& edit, std::int64_t expected_version,
                                                  const audit::Actor& actor) {
  std::string name = text::Trim(edit.name);
  if (name.empty() || name.size() > 200) return Error::Invalid({{"name", "Vul een naam in (hoogstens 200 tekens)."}});
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<User> {
    Transaction transaction(c);
    auto before = LoadUser(c, kUserById, id);
    if (!before) return Error::NotFound("Gebruiker bestaat niet.");
    if (before->version != expected_version) {
      return Error::Conflict("Iemand anders heeft deze gebruiker intussen gewijzigd; er is niets opgeslagen.");
    }
    c.Prepare(kUpdateUser).Bind(1, name).Bind(2, RoleCode(edit.role)).Bind(3, edit.active).Bind(4, now).Bind(5, id).Bind(6, expected_version).Run();
    if (c.Changes() == 0) {  // changed by another transaction after the check above (PostgreSQL's READ COMMITTED)
      return Error::Conflict("Iemand anders heeft deze gebruiker intussen gewijzigd; er is niets opgeslagen.");
    }
    if (!edit.active) c.Prepare(kEndSessionsOf).Bind(1, id).Bind(2, "").Run();
    User after = *LoadUser(c, kUserById, id);
    audit::Record(c, actor, now, "user", std::to_string(id), "update", UserJson(*before), UserJson(after));
    transaction.Commit();
    return after;
  });
}

Result<User> SqliteAccountsRepository::SetLinks(std::int64_t id, const std::vector<UserLink>& links,
                                               const audit::Actor& actor) {
  for (const UserLink& link : links) {
    if (link.kind != "business" && link.kind != "unit" && link.kind != "organisation") {
      return Error::Invalid({{"kind", "Een koppeling is met een bedrijf, pand of organisatie."}});
    }
    if (link.id <= 0) return Error::Invalid({{"id", "Een koppeling noemt het nummer van het bedrijf of pand."}});
  }
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<User> {
    Transaction transaction(c);
    auto before = LoadUser(c, kUserById, id);
    if (!before) return Error::NotFound("Gebruiker bestaat niet.");
    c.Prepare(kDeleteLinks).Bind(1, id).Run();
    for (const UserLink& link : links) {
      // INSERT OR IGNORE semantics by hand: a link named twice is one link.
      if (std::count(links.begin(), links.begin() + (&link - links.data()), link) > 0) continue;
      c.Prepare(kInsertLink).Bind(1, id).Bind(2, link.kind).Bind(3, link.id).Run();
    }
    User after = *LoadUser(c, kUserById, id);
    if (after.links == before->links) return after;
    audit::Record(c, actor, now, "user", std::to_string(id), "update", UserJson(*before), UserJson(after));
    transaction.Commit();
    return after;
  });
}

Result<Done> SqliteAccountsRepository::SetPassword(std::int64_t id, const std::string& password,
                                                   const audit::Actor& actor, const std::string& keep_session) {
  auto user = FindUser(id);
  if (!user) return Error::NotFound("Gebruiker bestaat niet.");
  if (auto bad = CheckPassword(password, user->name, user->email)) return Error::Invalid({*bad});
  std::string hash = HashPassword(password);
  std::string now = FormatUtc(clock_.Now());
  std::string keep = keep_session.empty() ? "" : SecretHash(keep_session);
  return db_.With([&](Connection& c) -> Result<Done> {
    Transaction transaction(c);
    c.Prepare(kSetHash).Bind(1, hash).Bind(2, now).Bind(3, id).Run();
    c.Prepare(kEndSessionsOf).Bind(1, id).Bind(2, keep).Run();
    audit::Record(c, actor, now, "user", std::to_string(id), "update", "{\"password\":\"(oud)\"}",
                  "{\"password\":\"(gewijzigd)\"}");
    transaction.Commit();
    return Done{};
  });
}

std::optional<User> SqliteAccountsRepository::CheckCredentials(const std::string& email, const std::string& password) {
  std::string normalised = NormaliseEmail(email);
  auto stored = db_.With([&](Connection& c) -> std::optional<std::pair<std::int64_t, std::string>> {
    auto row = c.Prepare(kHashByEmail);
    row.Bind(1, normalised);
    if (!row.Step()) return std::nullopt;
    return std::make_pair(row.Int(0), row.Text(1));
  });
  if (!stored) {
    // Same work as a real check, so the answer time does not tell whether the address exists.
    static const std::string kDummy = HashPassword("stadshart-dummy-password");
    VerifyPassword(password, kDummy);
    return std::nullopt;
  }
  if (!VerifyPassword(password, stored->second)) return std::nullopt;
  return FindUser(stored->first);
}

NewSession SqliteAccountsRepository::CreateSession(std::int64_t user_id) {
  NewSession session{NewSecret(), NewSecret()};
  Instant now = clock_.Now();
  db_.With([&](Connection& c) {
    Transaction transaction(c);
    c.Prepare(kDeleteExpiredSessions).Bind(1, FormatUtc(now)).Run();
    c.Prepare(kInsertSession)
        .Bind(1, SecretHash(session.token))
        .Bind(2, user_id)
        .Bind(3, session.csrf_token)
        .Bind(4, FormatUtc(now))
        .Bind(5, FormatUtc(now + policy_.absolute))
        .Run();
    transaction.Commit();
  });
  return session;
}

std::optional<Principal> SqliteAccountsRepository::ResolveSession(const std::string& token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  std::string hash = SecretHash(token);
  Instant now = clock_.Now();
  return db_.With([&](Connection& c) -> std::optional<Principal> {
    auto row = c.Prepare(kSession);
    row.Bind(1, hash);
    if (!row.Step()) return std::nullopt;
    std::int64_t user_id = row.Int(0);
    std::string csrf = row.Text(1);
    auto last_seen = ParseUtc(row.Text(2));
    auto expires = ParseUtc(row.Text(3));
    if (!last_seen || !expires || now >= *expires || now - *last_seen >= policy_.idle) {
      c.Prepare(kDeleteSession).Bind(1, hash).Run();
      return std::nullopt;
    }
    auto user = LoadUser(c, kUserById, user_id);
    if (!user || !user->active) return std::nullopt;
    // Touch at most once a minute: a write per request would serialise every reader on the write lock.
    if (now - *last_seen >= std::chrono::minutes(1)) c.Prepare(kTouchSession).Bind(1, FormatUtc(now)).Bind(2, hash).Run();
    Principal principal;
    principal.user = std::move(user);
    principal.csrf_token = std::move(csrf);
    return principal;
  });
}

void SqliteAccountsRepository::EndSession(const std::string& token) {
  if (token.empty()) return;
  std::string hash = SecretHash(token);
  db_.With([&](Connection& c) { c.Prepare(kDeleteSession).Bind(1, hash).Run(); });
}

Result<std::pair<std::string, ApiToken>> SqliteAccountsRepository::CreateToken(std::int64_t user_id,
                                                                                const std::string& name,
                                                                                TokenScope scope,
                                                                                const audit::Actor& actor) {
  std::string label = text::Trim(name);
  if (label.empty() || label.size() > 100 || !text::IsValidUtf8(label)) {
    return Error::Invalid({{"name", "Geef het token een naam (hoogstens 100 tekens), bijvoorbeeld 'rapportage'."}});
  }
  std::string secret = NewSecret("sh_");
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<std::pair<std::string, ApiToken>> {
    Transaction transaction(c);
    if (!LoadUser(c, kUserById, user_id)) return Error::NotFound("Gebruiker bestaat niet.");
    c.Prepare(kInsertToken).Bind(1, user_id).Bind(2, label).Bind(3, ScopeCode(scope)).Bind(4, SecretHash(secret)).Bind(5, now).Run();
    auto row = c.Prepare(kTokenById);
    row.Bind(1, c.LastInsertId()).Step();
    ApiToken token = ReadToken(row);
    audit::Record(c, actor, now, "api_token", std::to_string(token.id), "create", "", TokenJson(token));
    transaction.Commit();
    return std::make_pair(secret, token);
  });
}

std::optional<Principal> SqliteAccountsRepository::ResolveToken(const std::string& secret) {
  if (!secret.starts_with("sh_") || secret.size() > 100) return std::nullopt;
  std::string hash = SecretHash(secret);
  Instant now = clock_.Now();
  return db_.With([&](Connection& c) -> std::optional<Principal> {
    auto row = c.Prepare(kTokenByHash);
    row.Bind(1, hash);
    if (!row.Step()) return std::nullopt;
    ApiToken token = ReadToken(row);
    auto user = LoadUser(c, kUserById, token.user_id);
    if (!user || !user->active) return std::nullopt;
    c.Prepare(kTouchToken).Bind(1, FormatUtc(now)).Bind(2, token.id).Bind(3, FormatUtc(now - std::chrono::minutes(1))).Run();
    Principal principal;
    principal.user = std::move(user);
    principal.token_id = token.id;
    principal.scope = token.scope;
    return principal;
  });
}

std::vector<ApiToken> SqliteAccountsRepository::ListTokens(std::int64_t user_id) {
  return db_.With([&](Connection& c) {
    std::vector<ApiToken> tokens;
    auto row = c.Prepare(kTokensOf);
    row.Bind(1, user_id);
    while (row.Step()) tokens.push_back(ReadToken(row));
    return tokens;
  });
}

Result<ApiToken> SqliteAccountsRepository::RevokeToken(std::int64_t token_id, std::optional<std::int64_t> owner,
                                                       const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<ApiToken> {
    Transaction transaction(c);
    auto row = c.Prepare(kTokenById);
    row.Bind(1, token_id);
    if (!row.Step()) return Error::NotFound("Token bestaat niet.");
    ApiToken before = ReadToken(row);
    if (owner && before.user_id != *owner) return Error::NotFound("Token bestaat niet.");
    if (!before.revoked_at.empty()) return before;
    c.Prepare(kRevokeToken).Bind(1, now).Bind(2, token_id).Run();
    ApiToken after = before;
    after.revoked_at = now;
    audit::Record(c, actor, now, "api_token", std::to_string(token_id), "update", TokenJson(before), TokenJson(after));
    transaction.Commit();
    return after;
  });
}

void SqliteAccountsRepository::RecordLoginFailure(const std::vector<std::string>& keys) {
  Instant now = clock_.Now();
  db_.With([&](Connection& c) {
    Transaction transaction(c);
    c.Prepare(kForgetOldFailures).Bind(1, FormatUtc(now - std::chrono::hours(24))).Run();
    for (const std::string& key : keys) c.Prepare(kInsertFailure).Bind(1, key).Bind(2, FormatUtc(now)).Run();
    transaction.Commit();
  });
}

int SqliteAccountsRepository::LoginFailuresSince(const std::string& key, std::chrono::seconds window) {
  Instant since = clock_.Now() - window;
  return db_.With([&](Connection& c) {
    auto row = c.Prepare(kCountFailures);
    row.Bind(1, key).Bind(2, FormatUtc(since)).Step();
    return static_cast<int>(row.Int(0));
  });
}

void SqliteAccountsRepository::ClearLoginFailures(const std::string& key) {
  db_.With([&](Connection& c) { c.Prepare(kClearFailures).Bind(1, key).Run(); });
}

}  // namespace stadshart::accounts
