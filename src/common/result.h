// Expected failures as values (style.md §3): bad input, not found, conflict. Exceptions are kept for the truly
// unexpected and are turned into a 500 at the HTTP edge.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace stadshart {

enum class ErrorKind {
  kInvalid,          // input breaks a rule; `field_errors` says which field (HTTP 422)
  kMalformed,        // input cannot be read at all, e.g. broken JSON (HTTP 400)
  kNotFound,         // (HTTP 404)
  kConflict,         // someone changed it in the meantime, or it already exists (HTTP 409)
  kVersionRequired,  // an update without the version it was based on (HTTP 428)
  kUnavailable,      // storage not reachable right now (HTTP 503)
};

struct FieldError {
  std::string field;    // machine name, e.g. "status"
  std::string message;  // Dutch, fit to show next to the field
};

struct Error {
  ErrorKind kind;
  std::string message;  // Dutch, fit to show to the user
  std::vector<FieldError> field_errors = {};

  static Error Invalid(std::vector<FieldError> errors) {
    std::string message = errors.empty() ? "Ongeldige invoer." : errors.front().message;
    return Error{ErrorKind::kInvalid, std::move(message), std::move(errors)};
  }
  static Error NotFound(std::string message) { return Error{ErrorKind::kNotFound, std::move(message)}; }
  static Error Conflict(std::string message) { return Error{ErrorKind::kConflict, std::move(message)}; }
};

// Stable machine code of an error kind, as used in the JSON API: "invalid", "not_found", ...
const char* ErrorCode(ErrorKind kind);

// A value or an Error. Deliberately small: check ok(), then use value() or error().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}    // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// For operations that return nothing on success.
struct Done {};

}  // namespace stadshart
