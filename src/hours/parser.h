// The recursive-descent parser behind Parse (parse.h): one Parser per call, over the tokens of the strict text.
// Internal; split by concern into
//   parse.cc        Parse, rules and separators, errors and warnings
//   parse_dates.cc  years, months, dates and date ranges, day offsets
//   parse_days.cc   ISO weeks, weekdays, the nth weekday of the month, PH and SH
//   parse_times.cc  clock times, sun times, time ranges, open ends and periods
// Each Parse* method consumes what it recognises and returns true, or records the Problem (error()) and returns
// false; Fail/Invalid/Unexpected return that Problem so a caller can write `return !Fail(...)`.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hours/lenient.h"
#include "hours/parse.h"
#include "hours/result.h"
#include "hours/schedule.h"
#include "hours/tokens.h"

namespace stadshart::hours::parsing {

class Parser {
 public:
  // `lenient` and `options` must outlive the Parser.
  Parser(const LenientText& lenient, const ParseOptions& options, std::vector<Token> tokens)
      : lenient_(lenient), options_(options), tokens_(std::move(tokens)) {}

  // Parses the whole text into `out`; the Problem on failure.
  std::optional<Problem> Run(Schedule& out);

  std::vector<Warning> warnings;  // from the strict grammar (times without ':', one-digit hours, ...)

 private:
  enum class Part { kNone, kSelector, kTime, kAlways, kState, kComment };

  const Token& Peek(std::size_t ahead = 0) const {
    std::size_t k = std::min(k_ + ahead, tokens_.size() - 1);
    return tokens_[k];
  }
  const Token& Next() {
    const Token& t = tokens_[k_];
    if (k_ + 1 < tokens_.size()) ++k_;
    return t;
  }

  // "12:00" at Peek(ahead): a number, ':' and minutes written against it ("Nov 01: 10:00" is a day and a colon).
  bool TimeAt(std::size_t ahead) const {
    return Peek(ahead).kind == Kind::kNumber && IsPunct(Peek(ahead + 1), ':') &&
           Peek(ahead + 2).kind == Kind::kNumber && !Peek(ahead + 2).space_before;
  }

  std::size_t Position(const Token& t) const { return lenient_.origin[std::min(t.pos, lenient_.origin.size() - 1)]; }

  // parse.cc: errors, warnings, rules
  std::string Describe(const Token& t) const;
  // Sets the error "expected X" at token t and returns it.
  std::optional<Problem> Fail(const Token& t, const std::string& expected_en, const std::string& expected_nl);
  std::optional<Problem> Invalid(const Token& t, const std::string& en, const std::string& nl);
  std::optional<Problem> Unexpected(const Token& t);
  void Warn(const Token& t, std::string en, std::string nl);
  bool ParseRule(Rule& rule);

  // parse_dates.cc
  bool ParseYears(Rule& rule);
  bool ParseOffset(int& days, bool allow_space);
  // `range_start`: a "Jun Sa[1]" is a date only when a range or an offset follows; else it is a month and a
  // weekday selector ("2025 Jun Sa[1],Tu[2]"), as opening_hours.js reads it.
  bool ParseDate(DatePoint& p, bool& month_only, bool allow_day, bool range_start = false);
  bool NthDateContinues() const;
  bool ParseMonthdayRange(MonthDayRange& r);
  bool ParseMonthdays(Rule& rule);

  // parse_days.cc
  bool ParseWeeks(Rule& rule);
  bool ParseNth(std::vector<int>& nth);
  bool ParseDays(Rule& rule);

  // parse_times.cc
  bool StartsTime(const Token& t, const Token& after) const;
  bool ParseClock(int& minutes, bool& bare);
  bool ParseTime(TimeOfDay& time, bool& bare);
  bool ParseTimes(Rule& rule);

  const LenientText& lenient_;
  const ParseOptions& options_;
  std::vector<Token> tokens_;
  std::size_t k_ = 0;
  std::optional<Problem> error_;
};

}  // namespace stadshart::hours::parsing
