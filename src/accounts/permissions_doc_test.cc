// docs/permissions.md shows the permission matrix; this test keeps it equal to the data the code uses.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "accounts/permissions.h"

namespace stadshart::accounts {
namespace {

TEST(PermissionsDoc, TableInDocsMatchesTheMatrix) {
  const char* root = std::getenv("STADSHART_SOURCE_DIR");
  if (root == nullptr) GTEST_SKIP() << "STADSHART_SOURCE_DIR is not set";
  std::ifstream file(std::string(root) + "/docs/permissions.md");
  ASSERT_TRUE(file) << "docs/permissions.md is missing";
  std::stringstream content;
  content << file.rdbuf();
  std::string doc = content.str();
  auto yes = [](bool b) { return b ? std::string("ja") : std::string("nee"); };
  for (const PermissionRule& rule : PermissionMatrix()) {
    std::string row = "| `" + std::string(rule.name) + "` | " + std::string(rule.description) + " | " + yes(rule.anonymous);
    for (bool allowed : rule.roles) row += " | " + yes(allowed);
    row += " | " + yes(rule.writes) + " |";
    EXPECT_NE(doc.find(row), std::string::npos) << "docs/permissions.md lacks the row:\n" << row;
  }
}

}  // namespace
}  // namespace stadshart::accounts
