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

TEST(Text, XmlEscapeReplacesTheFiveSpecialCharacters) {
  EXPECT_EQ(XmlEscape(R"(<a href="x">Tom & Jerry's</a>)"), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(XmlEscape("Café – geen speciale tekens"), "Café – geen speciale tekens");
}

TEST(Text, ParseDecimalTakesACommaOrAPoint) {
  EXPECT_EQ(ParseDecimal("52,9929"), 52.9929);
  EXPECT_EQ(ParseDecimal(" 6.5626 "), 6.5626);
  EXPECT_EQ(ParseDecimal("-1,5"), -1.5);
  EXPECT_EQ(ParseDecimal("52.993"), 52.993) << "a coordinate, not fifty-two thousand";
  for (const char* bad : {"", " ", "1,2,3", "1.234,5", "12a", "+3", "inf", "nan", "1e999"}) {
    EXPECT_FALSE(ParseDecimal(bad)) << bad;
  }
}

TEST(Text, ParseDutchNumberReadsThousandsAndDecimals) {
  EXPECT_EQ(ParseDutchNumber("21,9"), 21.9);
  EXPECT_EQ(ParseDutchNumber("3.800"), 3800);
  EXPECT_EQ(ParseDutchNumber("1.234.567"), 1234567);
  EXPECT_EQ(ParseDutchNumber("1.234,5"), 1234.5);
  EXPECT_EQ(ParseDutchNumber("-2.500"), -2500);
  EXPECT_EQ(ParseDutchNumber("7.5"), 7.5) << "one digit after the point: a decimal point";
  EXPECT_EQ(ParseDutchNumber(" 42 "), 42);
  EXPECT_EQ(ParseDutchNumber("1.2345"), 1.2345) << "groups of four: a decimal point";
  for (const char* bad : {"", "1,2,3", "12.34,5", "3.800.", "abc", ".5.", "1e999"}) {
    EXPECT_FALSE(ParseDutchNumber(bad)) << bad;
  }
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
