#include "accounts/account.h"

#include <gtest/gtest.h>

#include "accounts/permissions.h"

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

TEST(Password, NeedsAMinimumLength) {
  EXPECT_TRUE(CheckPassword("kort", "Anna", "anna@example.org").has_value());
  EXPECT_FALSE(CheckPassword("paardenbloem-42", "Anna", "anna@example.org").has_value());
}

TEST(Password, MayNotContainTheUsersNameOrEmail) {
  EXPECT_TRUE(CheckPassword("anna@example.org", "Anna", "anna@example.org").has_value());
  EXPECT_TRUE(CheckPassword("DeVriesDeVries1", "Anna de Vries", "a@example.org").has_value());
  EXPECT_TRUE(CheckPassword("xxannaxxannaxx", "Iemand", "anna@example.org").has_value());
}

TEST(UserFields, RefuseImplausibleEmailAndEmptyName) {
  EXPECT_EQ(CheckUserFields("anna@example.org", "Anna").size(), 0u);
  auto errors = CheckUserFields("anna", " ");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "email");
  EXPECT_EQ(errors[1].field, "name");
}

TEST(Roles, CodesRoundTrip) {
  for (Role r : kAllRoles) EXPECT_EQ(ParseRole(RoleCode(r)), r);
  EXPECT_FALSE(ParseRole("admin"));
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
