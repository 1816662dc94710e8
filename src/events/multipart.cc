#include "events/multipart.h"

namespace stadshart::events {
namespace {

// The value of `key="..."` (or key=token) in a header value.
std::string Parameter(std::string_view header, std::string_view key) {
  std::string needle = std::string(key) + "=";
  std::size_t at = 0;
  while ((at = header.find(needle, at)) != std::string_view::npos) {
    bool boundary_ok = at == 0 || header[at - 1] == ' ' || header[at - 1] == ';';
    at += needle.size();
    if (!boundary_ok) continue;
    if (at < header.size() && header[at] == '"') {
      std::size_t end = header.find('"', at + 1);
      if (end == std::string_view::npos) return {};
      return std::string(header.substr(at + 1, end - at - 1));
    }
    std::size_t end = header.find_first_of("; ", at);
    return std::string(header.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
  }
  return {};
}

}  // namespace

std::optional<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body) {
  if (!content_type.starts_with("multipart/form-data")) return std::nullopt;
  std::string boundary = Parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) return std::nullopt;
  const std::string delimiter = "--" + boundary;
  std::size_t at = body.find(delimiter);
  if (at == std::string_view::npos) return std::nullopt;
  std::vector<FormPart> parts;
  while (true) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    at += 2;
    std::size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) return std::nullopt;
    std::string_view headers = body.substr(at, headers_end - at);
    std::size_t next = body.find("\r\n" + delimiter, headers_end + 4);
    if (next == std::string_view::npos) return std::nullopt;
    FormPart part;
    std::size_t line_start = 0;
    while (line_start <= headers.size()) {
      std::size_t line_end = headers.find("\r\n", line_start);
      std::string_view line = headers.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos
                                                                                             : line_end - line_start);
      std::string lower(line.substr(0, line.find(':')));
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == "content-disposition") {
        part.name = Parameter(line, "name");
        part.filename = Parameter(line, "filename");
      }
      if (line_end == std::string_view::npos) break;
      line_start = line_end + 2;
    }
    part.content = std::string(body.substr(headers_end + 4, next - headers_end - 4));
    parts.push_back(std::move(part));
    at = next + 2;
  }
}

}  // namespace stadshart::events
