#include "accounts/account.h"

#include <gtest/gtest.h>


namespace stadshart::accounts {
namespace {

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

}  // namespace
}  // namespace stadshart::accounts
