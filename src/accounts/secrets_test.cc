#include "accounts/secrets.h"

#include <gtest/gtest.h>

#include <set>

#include "accounts/request_auth.h"

namespace stadshart::accounts {
namespace {

TEST(Secrets, PasswordHashVerifiesOnlyTheRightPasswordAndIsSalted) {
  std::string hash = HashPassword("paardenbloem-42");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword("paardenbloem-42", hash));
  EXPECT_FALSE(VerifyPassword("paardenbloem-43", hash));
  EXPECT_FALSE(VerifyPassword("paardenbloem-42", ""));
  EXPECT_NE(HashPassword("paardenbloem-42"), hash) << "a fresh salt every time";
}

TEST(Secrets, NewSecretsAreUniqueUrlSafeAndPrefixed) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string secret = NewSecret("sh_");
    EXPECT_TRUE(secret.starts_with("sh_"));
    EXPECT_EQ(secret.size(), 3u + 43u);
    EXPECT_EQ(secret.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", 3),
              std::string::npos);
    EXPECT_TRUE(seen.insert(secret).second);
  }
}

TEST(Secrets, StoredHashIsStableAndNotTheSecret) {
  EXPECT_EQ(SecretHash("sh_abc"), SecretHash("sh_abc"));
  EXPECT_NE(SecretHash("sh_abc"), SecretHash("sh_abd"));
  EXPECT_EQ(SecretHash("sh_abc").size(), 64u);
}

TEST(RequestAuth, AnonymousUnlessAPrincipalWasSetAndActorFollowsThePath) {
  http::Request request;
  request.path = "/api/v1/actions/1";
  EXPECT_TRUE(PrincipalOf(request).anonymous());
  EXPECT_TRUE(Can(request, "public"));
  EXPECT_FALSE(Can(request, "plan.write"));
  Principal p;
  p.user = User{7, "anna@example.org", "Anna", Role::kGemeente};
  p.token_id = 3;
  SetPrincipal(request, p);
  EXPECT_TRUE(Can(request, "plan.write"));
  audit::Actor actor = ActorOf(request);
  EXPECT_EQ(actor.user_id, 7);
  EXPECT_EQ(actor.label, "token 3 van anna@example.org");
  EXPECT_EQ(actor.via, "api");
  request.path = "/acties/1";
  EXPECT_EQ(ActorOf(request).via, "page");
}

}  // namespace
}  // namespace stadshart::accounts
