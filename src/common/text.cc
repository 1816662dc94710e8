#include "common/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>

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

namespace {

// Digits in groups of three after the first group of one to three: "3.800", "1.234.567" (sign already removed).
bool IsGroupedThousands(std::string_view s) {
  size_t first = s.find('.');
  if (first == 0 || first > 3) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool point_here = i >= first && (i - first) % 4 == 0;
    if (point_here ? s[i] != '.' : (s[i] < '0' || s[i] > '9')) return false;
  }
  return (s.size() - first) % 4 == 0;
}

}  // namespace

std::string XmlEscape(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (char c : in) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::optional<double> ParseDecimal(std::string_view in) {
  std::string s = Trim(in);
  for (char& c : s) {
    if (c == ',') c = '.';
  }
  if (s.empty() || s[0] == '+') return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<double> ParseDutchNumber(std::string_view in) {
  std::string s = Trim(in);
  std::string_view digits = s;
  if (!digits.empty() && digits[0] == '-') digits.remove_prefix(1);
  size_t comma = digits.find(',');
  if (comma != std::string_view::npos) {
    if (digits.find(',', comma + 1) != std::string_view::npos) return std::nullopt;
    std::string_view whole = digits.substr(0, comma);
    if (whole.find('.') != std::string_view::npos && !IsGroupedThousands(whole)) return std::nullopt;
    std::erase(s, '.');
  } else if (IsGroupedThousands(digits)) {
    std::erase(s, '.');
  }
  return ParseDecimal(s);
}

}  // namespace stadshart::text
