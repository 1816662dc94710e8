#include "accounts/permissions.h"

#include <gtest/gtest.h>

namespace stadshart::accounts {
namespace {

Principal As(Role role, std::optional<TokenScope> token = std::nullopt) {
  Principal p;
  p.user = User{1, "anna@example.org", "Anna de Vries", role};
  if (token) {
    p.token_id = 7;
    p.scope = *token;
  }
  return p;
}

TEST(Permissions, AnonymousMayReadPublicButMustSignInToWrite) {
  Principal anonymous;
  EXPECT_EQ(Decide(anonymous, "public"), Decision::kAllow);
  EXPECT_EQ(Decide(anonymous, "plan.write"), Decision::kSignInRequired);
  EXPECT_EQ(Decide(anonymous, "users.manage"), Decision::kSignInRequired);
}

TEST(Permissions, PlanIsWrittenByBeheerderAndGemeenteOnly) {
  EXPECT_EQ(Decide(As(Role::kBeheerder), "plan.write"), Decision::kAllow);
  EXPECT_EQ(Decide(As(Role::kGemeente), "plan.write"), Decision::kAllow);
  EXPECT_EQ(Decide(As(Role::kOndernemer), "plan.write"), Decision::kForbidden);
  EXPECT_EQ(Decide(As(Role::kEigenaar), "plan.write"), Decision::kForbidden);
  EXPECT_EQ(Decide(As(Role::kOrganisator), "plan.write"), Decision::kForbidden);
}

TEST(Permissions, OnlyBeheerderManagesUsers) {
  EXPECT_EQ(Decide(As(Role::kBeheerder), "users.manage"), Decision::kAllow);
  EXPECT_EQ(Decide(As(Role::kGemeente), "users.manage"), Decision::kForbidden);
}

TEST(Permissions, ReadTokenCannotWriteEvenForABeheerder) {
  EXPECT_EQ(Decide(As(Role::kBeheerder, TokenScope::kRead), "plan.write"), Decision::kForbidden);
  EXPECT_EQ(Decide(As(Role::kBeheerder, TokenScope::kRead), "audit.read"), Decision::kAllow);
  EXPECT_EQ(Decide(As(Role::kBeheerder, TokenScope::kWrite), "plan.write"), Decision::kAllow);
}

TEST(Permissions, UnknownPermissionsAndInactiveUsersAreRefused) {
  EXPECT_EQ(Decide(As(Role::kBeheerder), "plan.delete-everything"), Decision::kForbidden);
  Principal inactive = As(Role::kBeheerder);
  inactive.user->active = false;
  EXPECT_EQ(Decide(inactive, "plan.write"), Decision::kForbidden);
}

}  // namespace
}  // namespace stadshart::accounts
