// Small text helpers shared by the modules.
#pragma once

#include <string>
#include <string_view>

namespace stadshart::text {

// Without leading and trailing ASCII whitespace.
std::string Trim(std::string_view in);
// Well-formed UTF-8 without overlong forms or surrogates.
bool IsValidUtf8(std::string_view in);
// Parses a whole decimal integer ("2019"); nullopt-like false when anything else is in the string.
bool ParseInt(std::string_view in, long long& out);

}  // namespace stadshart::text
