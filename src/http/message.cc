#include "http/message.h"

#include <algorithm>

namespace stadshart::http {
namespace {

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return AsciiLower(x) == AsciiLower(y); });
}

std::optional<std::string_view> FindIgnoreCase(const Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

// -1 when `c` is not a hex digit.
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Response WithContentType(std::string body, int status, const char* content_type) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Content-Type", content_type);
  response.body = std::move(body);
  return response;
}

}  // namespace

const char* MethodName(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      break;
  }
  return "OTHER";
}

std::optional<std::string_view> Request::Header(std::string_view name) const { return FindIgnoreCase(headers, name); }

std::optional<std::string_view> Request::Query(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::vector<std::string_view> Request::QueryAll(std::string_view name) const {
  std::vector<std::string_view> values;
  for (const auto& [key, value] : query) {
    if (key == name) values.emplace_back(value);
  }
  return values;
}

std::string_view Request::Param(std::string_view name) const {
  for (const auto& [key, value] : path_params) {
    if (key == name) return value;
  }
  return {};
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  // RFC 6265 §5.4: "a=1; b=2". Browsers send one Cookie header, but look at every one to be safe.
  for (const auto& [key, header] : headers) {
    if (!EqualsIgnoreCase(key, "cookie")) continue;
    std::string_view rest = header;
    while (!rest.empty()) {
      std::size_t end = rest.find(';');
      std::string_view pair = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (TrimSpace(pair.substr(0, eq)) != name) continue;
      std::string_view value = TrimSpace(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return std::string(value);
    }
  }
  return std::nullopt;
}

Fields Request::Form() const { return ParseUrlEncoded(body); }

void Response::SetHeader(std::string name, std::string value) {
  auto same = [&name](const auto& field) { return EqualsIgnoreCase(field.first, name); };
  auto it = std::find_if(headers.begin(), headers.end(), same);
  if (it == headers.end()) {
    headers.emplace_back(std::move(name), std::move(value));
    return;
  }
  it->first = std::move(name);
  it->second = std::move(value);
  const auto& kept = *it;
  headers.erase(std::remove_if(std::next(it), headers.end(),
                               [&kept](const auto& field) { return EqualsIgnoreCase(field.first, kept.first); }),
                headers.end());
}

std::optional<std::string_view> Response::Header(std::string_view name) const { return FindIgnoreCase(headers, name); }

Response Response::Html(std::string body, int status) {
  return WithContentType(std::move(body), status, "text/html; charset=utf-8");
}

Response Response::Json(std::string body, int status) {
  return WithContentType(std::move(body), status, "application/json; charset=utf-8");
}

Response Response::Text(std::string body, int status) {
  return WithContentType(std::move(body), status, "text/plain; charset=utf-8");
}

Response Response::Redirect(std::string location, int status) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

std::string UrlDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%' && i + 2 < in.size()) {
      int high = HexValue(in[i + 1]);
      int low = HexValue(in[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::string UrlEncode(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (char c : in) {
    auto byte = static_cast<unsigned char>(c);
    if (IsUnreserved(byte)) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

Fields ParseUrlEncoded(std::string_view in) {
  // WHATWG URL standard, "application/x-www-form-urlencoded parsing": empty pieces are skipped, a piece without
  // '=' is a name with an empty value.
  Fields fields;
  while (!in.empty()) {
    std::size_t end = in.find('&');
    std::string_view piece = in.substr(0, end);
    in = end == std::string_view::npos ? std::string_view() : in.substr(end + 1);
    if (piece.empty()) continue;
    std::size_t eq = piece.find('=');
    std::string_view name = piece.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
    fields.emplace_back(UrlDecode(name, true), UrlDecode(value, true));
  }
  return fields;
}

std::string FieldValue(const Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return {};
}

}  // namespace stadshart::http
