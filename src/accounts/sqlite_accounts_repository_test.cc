#include "accounts/sqlite_accounts_repository.h"
#include "storage/test_database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace stadshart::accounts {
namespace {

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/stadshart-accounts-XXXXXX";
    dir_ = mkdtemp(templ);
    location_ = storage::NewTestDatabase(dir_);
    db_ = storage::Database::Open({location_, 2});
    repo_ = std::make_unique<SqliteAccountsRepository>(*db_, clock_);
  }
  void TearDown() override {
    repo_.reset();
    db_.reset();
    storage::DropTestDatabase(location_);
    std::filesystem::remove_all(dir_);
  }
  User Anna() {
    auto user = repo_->CreateUser({"Anna@Example.org", "Anna de Vries", "gemeente", "paardenbloem-42"},
                                  audit::Actor::System());
    EXPECT_TRUE(user.ok());
    return user.value();
  }
  int AuditRows(const std::string& type) {
    return db_->With([&](storage::Connection& c) { return static_cast<int>(audit::List(c, {.entity_type = type}).size()); });
  }

  std::string dir_;
  std::string location_;
  FixedClock clock_{*ParseUtc("2019-05-01T10:00:00Z")};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<SqliteAccountsRepository> repo_;
};

TEST_F(AccountsTest, CreatesAUserWithANormalisedEmailAndAuditsIt) {
  User anna = Anna();
  EXPECT_EQ(anna.email, "anna@example.org");
  EXPECT_EQ(anna.role, Role::kGemeente);
  EXPECT_EQ(AuditRows("user"), 1);
  auto again = repo_->CreateUser({"anna@example.org", "Anna 2", "gemeente", "paardenbloem-43"}, audit::Actor::System());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
}

TEST_F(AccountsTest, RefusesBadInputNamingEachField) {
  auto bad = repo_->CreateUser({"geen-adres", "", "admin", "kort"}, audit::Actor::System());
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& e : bad.error().field_errors) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"email", "name", "role", "password"}));
  EXPECT_TRUE(repo_->ListUsers().empty());
}

TEST_F(AccountsTest, CredentialsNeedTheRightPasswordAndAnActiveAccount) {
  User anna = Anna();
  EXPECT_TRUE(repo_->CheckCredentials("ANNA@example.org ", "paardenbloem-42"));
  EXPECT_FALSE(repo_->CheckCredentials("anna@example.org", "paardenbloem-41"));
  EXPECT_FALSE(repo_->CheckCredentials("bram@example.org", "paardenbloem-42"));
  ASSERT_TRUE(repo_->UpdateUser(anna.id, {anna.name, anna.role, false}, anna.version, audit::Actor::System()).ok());
  EXPECT_FALSE(repo_->CheckCredentials("anna@example.org", "paardenbloem-42"));
}

TEST_F(AccountsTest, SessionsExpireWhenIdleAndAtTheAbsoluteLimit) {
  User anna = Anna();
  NewSession session = repo_->CreateSession(anna.id);
  auto principal = repo_->ResolveSession(session.token);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->user->id, anna.id);
  EXPECT_EQ(principal->csrf_token, session.csrf_token);
  EXPECT_FALSE(repo_->ResolveSession(session.token + "x"));

  // Active every 90 minutes: stays signed in until the 12-hour limit.
  for (int i = 1; i <= 7; ++i) {
    clock_.Set(clock_.Now() + std::chrono::minutes(90));
    EXPECT_TRUE(repo_->ResolveSession(session.token)) << "after " << i * 90 << " minutes";
  }
  clock_.Set(clock_.Now() + std::chrono::minutes(90));  // 13.5 hours after sign-in
  EXPECT_FALSE(repo_->ResolveSession(session.token));

  NewSession idle = repo_->CreateSession(anna.id);
  clock_.Set(clock_.Now() + std::chrono::hours(2));
  EXPECT_FALSE(repo_->ResolveSession(idle.token));
}

TEST_F(AccountsTest, ChangingThePasswordEndsOtherSessions) {
  User anna = Anna();
  NewSession here = repo_->CreateSession(anna.id);
  NewSession elsewhere = repo_->CreateSession(anna.id);
  ASSERT_TRUE(repo_->SetPassword(anna.id, "korenbloem-77", audit::Actor::System(), here.token).ok());
  EXPECT_TRUE(repo_->ResolveSession(here.token));
  EXPECT_FALSE(repo_->ResolveSession(elsewhere.token));
  EXPECT_TRUE(repo_->CheckCredentials(anna.email, "korenbloem-77"));
}

TEST_F(AccountsTest, TokensAreStoredHashedScopedAndRevocable) {
  User anna = Anna();
  auto created = repo_->CreateToken(anna.id, "rapportage", TokenScope::kRead, audit::Actor::System());
  ASSERT_TRUE(created.ok());
  const std::string secret = created.value().first;
  EXPECT_TRUE(secret.starts_with("sh_"));
  bool stored_plain = db_->With([&](storage::Connection& c) {
    auto row = c.Prepare("SELECT count(*) FROM api_tokens WHERE token_hash = ?1");
    row.Bind(1, secret).Step();
    return row.Int(0) > 0;
  });
  EXPECT_FALSE(stored_plain);
  auto principal = repo_->ResolveToken(secret);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->scope, TokenScope::kRead);
  EXPECT_EQ(principal->token_id, created.value().second.id);
  EXPECT_FALSE(repo_->ListTokens(anna.id).at(0).last_used_at.empty());

  EXPECT_FALSE(repo_->RevokeToken(created.value().second.id, anna.id + 1, audit::Actor::System()).ok())
      << "someone else's token is not found";
  ASSERT_TRUE(repo_->RevokeToken(created.value().second.id, anna.id, audit::Actor::System()).ok());
  EXPECT_FALSE(repo_->ResolveToken(secret));
  EXPECT_EQ(AuditRows("api_token"), 2);
}

TEST_F(AccountsTest, LoginFailuresAreCountedInAWindow) {
  repo_->RecordLoginFailure({"account:anna@example.org", "address:127.0.0.1"});
  clock_.Set(clock_.Now() + std::chrono::seconds(30));
  repo_->RecordLoginFailure({"account:anna@example.org"});
  EXPECT_EQ(repo_->LoginFailuresSince("account:anna@example.org", std::chrono::seconds(60)), 2);
  clock_.Set(clock_.Now() + std::chrono::seconds(40));
  EXPECT_EQ(repo_->LoginFailuresSince("account:anna@example.org", std::chrono::seconds(60)), 1);
  repo_->ClearLoginFailures("account:anna@example.org");
  EXPECT_EQ(repo_->LoginFailuresSince("account:anna@example.org", std::chrono::seconds(60)), 0);
  EXPECT_EQ(repo_->LoginFailuresSince("address:127.0.0.1", std::chrono::seconds(3600)), 1);
}

}  // namespace
}  // namespace stadshart::accounts
