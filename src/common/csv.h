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

}  // namespace stadshart::csv
