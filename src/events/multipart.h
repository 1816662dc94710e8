// multipart/form-data (RFC 7578), only as far as the import form needs: named parts with their bytes. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stadshart::events {

struct FormPart {
  std::string name;
  std::string filename;  // empty for plain fields
  std::string content;
};

// The parts of `body` for the Content-Type `content_type` ("multipart/form-data; boundary=..."); nullopt when the
// type is another or the body is not well-formed.
std::optional<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body);

}  // namespace stadshart::events
