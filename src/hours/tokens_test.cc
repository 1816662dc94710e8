#include "hours/tokens.h"

#include <gtest/gtest.h>

namespace stadshart::hours::parsing {
namespace {

TEST(Tokens, NumbersWordsPunctuationAndFallback) {
  std::vector<Token> tokens;
  ASSERT_FALSE(Tokenize("Mo-Fr 09:00 || \"bel\"", tokens));
  ASSERT_EQ(tokens.size(), 9u);
  EXPECT_TRUE(IsWord(tokens[0], "mo"));  // lower case
  EXPECT_TRUE(IsPunct(tokens[1], '-'));
  EXPECT_EQ(WeekdayIndex(tokens[2]), 4);
  EXPECT_EQ(tokens[3].kind, Kind::kNumber);
  EXPECT_EQ(tokens[3].value, 9);
  EXPECT_EQ(tokens[3].digits, 2);
  EXPECT_TRUE(tokens[3].space_before);
  EXPECT_EQ(tokens[6].kind, Kind::kFallback);
  EXPECT_EQ(tokens[7].kind, Kind::kComment);
  EXPECT_EQ(tokens[7].text, "bel");
  EXPECT_EQ(tokens[8].kind, Kind::kEnd);
  EXPECT_EQ(tokens[8].pos, 20u);
}

TEST(Tokens, UnclosedCommentFailsAtItsQuote) {
  std::vector<Token> tokens;
  std::optional<Problem> problem = Tokenize("Mo \"open", tokens);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->position, 3u);
}

TEST(Tokens, YearsNeedFourDigitsFrom1900) {
  std::vector<Token> tokens;
  ASSERT_FALSE(Tokenize("2025 1899 0900", tokens));
  EXPECT_TRUE(IsYear(tokens[0]));
  EXPECT_FALSE(IsYear(tokens[1]));
  EXPECT_FALSE(IsYear(tokens[2]));  // 900: a time without colon
}

}  // namespace
}  // namespace stadshart::hours::parsing
