#include "common/csv.h"

namespace stadshart::csv {

Writer::Writer() : out_("\xEF\xBB\xBF") {}

void Writer::Row(const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out_ += ';';
    out_ += Field(fields[i]);
  }
  out_ += "\r\n";
}

std::string Field(std::string_view value) {
  std::string text;
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) text = "'";
  text += value;
  if (text.find_first_of(";\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace stadshart::csv
