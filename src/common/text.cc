#include "common/text.h"

#include <charconv>

namespace stadshart::text {

std::string Trim(std::string_view in) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  auto begin = in.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  auto end = in.find_last_not_of(kSpace);
  return std::string(in.substr(begin, end - begin + 1));
}

bool IsValidUtf8(std::string_view in) {
  size_t i = 0;
  while (i < in.size()) {
    auto c = static_cast<unsigned char>(in[i]);
    int extra;
    unsigned min;
    unsigned code;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1, min = 0x80, code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, min = 0x800, code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, min = 0x10000, code = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= in.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      auto cc = static_cast<unsigned char>(in[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      code = (code << 6) | (cc & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

bool ParseInt(std::string_view in, long long& out) {
  if (in.empty()) return false;
  auto [ptr, ec] = std::from_chars(in.data(), in.data() + in.size(), out);
  return ec == std::errc() && ptr == in.data() + in.size();
}

}  // namespace stadshart::text
