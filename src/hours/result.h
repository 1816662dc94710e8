// Expected failures of the opening-hours engine as values (style.md §3). The engine is a library of its own and
// does not depend on src/common, so it carries its own small result type: a value, or a Problem saying where in
// the expression (a character position, counted in Unicode code points from 0) and what went wrong, in English
// (for the API) and in Dutch (for the pages).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

namespace stadshart::hours {

struct Problem {
  std::size_t position = 0;  // code point index into the expression; the length of the input means "at the end"
  std::string message;       // English, e.g. "expected a time like 09:00"
  std::string message_nl;    // Dutch, e.g. "hier werd een tijd verwacht, zoals 09:00"
};

// A value or a Problem. Check ok(), then use value() or problem().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Problem problem) : state_(std::move(problem)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const Problem& problem() const { return std::get<1>(state_); }

 private:
  std::variant<T, Problem> state_;
};

}  // namespace stadshart::hours
