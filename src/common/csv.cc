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

namespace stadshart::csv {

Reader::Reader(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
  std::string_view first = text_.substr(0, text_.find('\n'));
  if (first.find(';') == std::string_view::npos && first.find(',') != std::string_view::npos) separator_ = ',';
}

bool Reader::Next(std::vector<std::string>& fields) {
  fields.clear();
  // Skip empty lines.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++next_line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  record_line_ = next_line_;
  std::string field;
  bool quoted = false;
  while (pos_ < text_.size()) {
    char c = text_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++next_line_;
        field += c;
      }
      continue;
    }
    if (c == separator_) {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == '\n') {
      ++next_line_;
      break;
    } else if (c == '\r' && (pos_ >= text_.size() || text_[pos_] == '\n')) {
      // CR of a CRLF line end: dropped.
    } else {
      field += c;
    }
  }
  unterminated_quote_ = unterminated_quote_ || quoted;
  fields.push_back(std::move(field));
  return true;
}

std::string_view Undefused(std::string_view field) {
  if (field.size() >= 2 && field[0] == '\'' && std::string_view("=+-@\t\r").find(field[1]) != std::string_view::npos) {
    field.remove_prefix(1);
  }
  return field;
}

}  // namespace stadshart::csv
