#include "hours/utf8.h"

#include <gtest/gtest.h>

namespace stadshart::hours {
namespace {

TEST(Utf8, DecodeAndEncodeRoundTripMultiByteText) {
  std::string text = "geöffnet – 月曜日 😀";
  std::u32string decoded = DecodeUtf8(text);
  EXPECT_EQ(decoded.size(), 16u);
  EXPECT_EQ(EncodeUtf8(decoded), text);
}

TEST(Utf8, InvalidBytesBecomeReplacementCharacters) {
  std::u32string decoded = DecodeUtf8("a\xFF" "b\xC3");
  EXPECT_EQ(decoded, (std::u32string{U'a', 0xFFFD, U'b', 0xFFFD}));
}

TEST(Utf8, LowerCaseCoversLatinAndCyrillic) {
  EXPECT_EQ(LowerCase(U"MÄRZ Öffnung ПЯТНИЦА"), U"märz öffnung пятница");
}

}  // namespace
}  // namespace stadshart::hours
