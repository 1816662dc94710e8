// Tokens of the strict opening_hours text that MakeStrict (lenient.h) produces: numbers, lower-case words, comments,
// punctuation and "||", with byte offsets into that text. Internal to the parser (parse.cc and parse_*.cc); the
// public interface is parse.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hours/result.h"

namespace stadshart::hours::parsing {

enum class Kind { kNumber, kWord, kComment, kPunct, kFallback, kEnd };

struct Token {
  Kind kind = Kind::kEnd;
  std::size_t pos = 0;  // byte offset in the strict text
  std::size_t end = 0;
  int value = 0;        // kNumber
  int digits = 0;       // kNumber
  char punct = 0;       // kPunct
  std::string text;     // kWord: lower case; kComment: the text between the quotes
  bool space_before = false;
};

// Splits the strict text into tokens, ending with one kEnd token. Fails only on a comment without its closing
// quote; the Problem's position is then a byte offset into `s` (the caller maps it back to the input).
std::optional<Problem> Tokenize(const std::string& s, std::vector<Token>& out);

inline constexpr const char* kWeekdays[] = {"mo", "tu", "we", "th", "fr", "sa", "su"};
inline constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};

// 0 = Monday .. 6 = Sunday, or -1.
inline int WeekdayIndex(const Token& t) {
  if (t.kind != Kind::kWord) return -1;
  for (int i = 0; i < 7; ++i) {
    if (t.text == kWeekdays[i]) return i;
  }
  return -1;
}

// 1 = January .. 12 = December, or 0.
inline int MonthIndex(const Token& t) {
  if (t.kind != Kind::kWord) return 0;
  for (int i = 0; i < 12; ++i) {
    if (t.text == kMonths[i]) return i + 1;
  }
  return 0;
}

inline bool IsWord(const Token& t, std::string_view w) { return t.kind == Kind::kWord && t.text == w; }
inline bool IsPunct(const Token& t, char c) { return t.kind == Kind::kPunct && t.punct == c; }
inline bool IsSunWord(const Token& t) {
  return IsWord(t, "sunrise") || IsWord(t, "sunset") || IsWord(t, "dawn") || IsWord(t, "dusk");
}
inline bool IsYear(const Token& t) { return t.kind == Kind::kNumber && t.digits == 4 && t.value >= 1900; }
inline bool IsHoliday(const Token& t) { return IsWord(t, "ph") || IsWord(t, "sh"); }
inline bool IsDayItem(const Token& t) { return WeekdayIndex(t) >= 0 || IsHoliday(t); }

// Days in a month of a leap year (Feb 29 is a valid date in a rule).
inline int DaysInMonth(int month) {
  constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[month - 1];
}

}  // namespace stadshart::hours::parsing
