// Shared by the parser's tests: the normalised form of an expression, or "ERROR@position: message".
#pragma once

#include <string>
#include <string_view>

#include "hours/parse.h"

namespace stadshart::hours::testing {

inline std::string Normalised(std::string_view expression, const ParseOptions& options = {}) {
  Result<Parsed> parsed = Parse(expression, options);
  if (!parsed.ok()) return "ERROR@" + std::to_string(parsed.problem().position) + ": " + parsed.problem().message;
  return parsed.value().normalised;
}

}  // namespace stadshart::hours::testing
