// CSV that Dutch Excel opens as it is: UTF-8 with a byte-order mark, ';' between fields, CRLF line ends.
// Fields with ';', '"' or line breaks are quoted. A field that starts with '=', '+', '-', '@', tab or CR gets a
// leading apostrophe so that a spreadsheet never runs it as a formula (CSV injection).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stadshart::csv {

class Writer {
 public:
  Writer();  // starts with the BOM
  void Row(const std::vector<std::string>& fields);
  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

// One field, quoted and defused as described above.
std::string Field(std::string_view value);

// Reads CSV as Dutch Excel and most other tools write it: UTF-8 with or without a byte-order mark, ';' or ','
// between fields (whichever the first line uses; ';' when it has both), fields optionally quoted with '"'
// ('""' inside a quoted field is one '"'; a quoted field may span lines), CRLF or LF line ends.
// Does not own `text`, which must outlive the reader.
class Reader {
 public:
  explicit Reader(std::string_view text);

  // The next record; false at the end of the text. Empty lines are skipped.
  bool Next(std::vector<std::string>& fields);
  // The line (1-based) on which the record last returned by Next() starts.
  int line() const { return record_line_; }
  char separator() const { return separator_; }
  // True when the text ended inside a quoted field (the last record then holds the rest of the text).
  bool unterminated_quote() const { return unterminated_quote_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int next_line_ = 1;
  int record_line_ = 0;
  char separator_ = ';';
  bool unterminated_quote_ = false;
};

// Undoes what Field() did to defuse a formula: "'=SUM(A1)" becomes "=SUM(A1)", "'-5" becomes "-5". Other
// fields are returned as they are.
std::string_view Undefused(std::string_view field);

}  // namespace stadshart::csv
