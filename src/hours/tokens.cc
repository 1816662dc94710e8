#include "hours/tokens.h"

#include <utility>

namespace stadshart::hours::parsing {

std::optional<Problem> Tokenize(const std::string& s, std::vector<Token>& out) {
  std::size_t i = 0;
  bool space = false;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ') {
      space = true;
      ++i;
      continue;
    }
    Token t;
    t.pos = i;
    t.space_before = space;
    space = false;
    if (c >= '0' && c <= '9') {
      t.kind = Kind::kNumber;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        if (t.digits < 9) t.value = t.value * 10 + (s[i] - '0');
        ++t.digits;
        ++i;
      }
    } else if (c == '"') {
      std::size_t close = s.find('"', i + 1);
      if (close == std::string::npos) {
        return Problem{i, "this comment has no closing '\"'", "deze opmerking heeft geen afsluitend '\"'"};
      }
      t.kind = Kind::kComment;
      t.text = s.substr(i + 1, close - i - 1);
      i = close + 1;
    } else if (c == '|' && i + 1 < s.size() && s[i + 1] == '|') {
      t.kind = Kind::kFallback;
      i += 2;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c & 0x80) != 0) {
      t.kind = Kind::kWord;
      while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_' ||
                              (s[i] & 0x80) != 0)) {
        char ch = s[i];
        t.text.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch);
        ++i;
      }
    } else {
      t.kind = Kind::kPunct;
      t.punct = c;
      ++i;
    }
    t.end = i;
    out.push_back(std::move(t));
  }
  Token end;
  end.kind = Kind::kEnd;
  end.pos = end.end = s.size();
  end.space_before = space;
  out.push_back(end);
  return std::nullopt;
}

}  // namespace stadshart::hours::parsing
