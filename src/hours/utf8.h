// UTF-8 helpers for the opening-hours engine: positions in expressions are counted in code points.
#pragma once

#include <string>
#include <string_view>

namespace stadshart::hours {

// Invalid bytes become U+FFFD, one per byte.
std::u32string DecodeUtf8(std::string_view text);
std::string EncodeUtf8(std::u32string_view text);

// Lower case for ASCII, Latin-1, Latin Extended-A pairs, Greek and Cyrillic; other code points unchanged.
char32_t LowerCase(char32_t c);
std::u32string LowerCase(std::u32string_view text);

}  // namespace stadshart::hours
