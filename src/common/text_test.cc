#include "common/text.h"

#include <gtest/gtest.h>

namespace stadshart::text {
namespace {

TEST(Text, TrimRemovesSurroundingWhitespaceOnly) {
  EXPECT_EQ(Trim("  Koopmansplein \n"), "Koopmansplein");
  EXPECT_EQ(Trim(" a b "), "a b");
  EXPECT_EQ(Trim(" \t "), "");
}

TEST(Text, Utf8AcceptsDutchAndRejectsBrokenSequences) {
  EXPECT_TRUE(IsValidUtf8("Cité, één, ➢"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Text, ParseIntAcceptsOnlyWholeNumbers) {
  long long v = 0;
  EXPECT_TRUE(ParseInt("2019", v));
  EXPECT_EQ(v, 2019);
  EXPECT_FALSE(ParseInt("2019a", v));
  EXPECT_FALSE(ParseInt("", v));
  EXPECT_FALSE(ParseInt("99999999999999999999", v));
}

}  // namespace
}  // namespace stadshart::text
