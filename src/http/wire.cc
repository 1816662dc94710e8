#include "http/wire.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace stadshart::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

// RFC 9110 §5.6.2 tchar.
bool IsToken(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  });
}

bool IsSafeValue(std::string_view value) { return value.find_first_of(std::string_view("\r\n\0", 3)) == value.npos; }

// Headers the server writes itself.
bool IsServerHeader(std::string_view name) {
  return EqualsIgnoreCase(name, "content-length") || EqualsIgnoreCase(name, "transfer-encoding") ||
         EqualsIgnoreCase(name, "connection") || EqualsIgnoreCase(name, "date");
}

void AppendHeader(std::string& head, std::string_view name, std::string_view value) {
  head.append(name);
  head.append(": ");
  head.append(value);
  head.append("\r\n");
}

void AppendNumber(std::string& out, std::size_t n) {
  char digits[24];
  auto [end, ec] = std::to_chars(std::begin(digits), std::end(digits), n);
  out.append(digits, end);
}

}  // namespace

const char* ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 101:
      return "Switching Protocols";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Range Not Satisfiable";
    case 422:
      return "Unprocessable Content";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

Wire Serialize(Response response, const Fields& default_headers) {
  Wire wire;
  wire.status = (response.status >= 100 && response.status <= 599) ? response.status : 500;
  bool has_body = wire.status >= 200 && wire.status != 204 && wire.status != 304;

  std::string& head = wire.head;
  head.reserve(128 + 64 * (response.headers.size() + default_headers.size()));
  head.append("HTTP/1.1 ");
  AppendNumber(head, static_cast<std::size_t>(wire.status));
  head.push_back(' ');
  head.append(ReasonPhrase(wire.status));
  head.append("\r\n");
  for (const auto& [name, value] : response.headers) {
    if (!IsToken(name) || !IsSafeValue(value)) continue;
    if (IsServerHeader(name)) {
      if (EqualsIgnoreCase(name, "connection") && EqualsIgnoreCase(value, "close")) wire.close = true;
      continue;
    }
    AppendHeader(head, name, value);
  }
  for (const auto& [name, value] : default_headers) {
    if (!IsToken(name) || !IsSafeValue(value) || IsServerHeader(name)) continue;
    bool set_by_handler = std::any_of(response.headers.begin(), response.headers.end(),
                                      [&name](const auto& field) { return EqualsIgnoreCase(field.first, name); });
    if (!set_by_handler) AppendHeader(head, name, value);
  }
  if (has_body) {
    head.append("Content-Length: ");
    AppendNumber(head, response.body.size());
    head.append("\r\n");
    wire.body = std::move(response.body);
  }
  return wire;
}

std::string DateLine(std::time_t seconds) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char line[64];
  int n = std::snprintf(line, sizeof line, "Date: %s, %02d %s %04d %02d:%02d:%02d GMT\r\n", kDays[utc.tm_wday],
                        utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return std::string(line, static_cast<std::size_t>(n));
}

TargetParts SplitTarget(std::string_view target) {
  if (target.empty()) return {};
  if (target.front() != '/') {
    // Absolute form (RFC 9112 §3.2.2), as sent to proxies: skip "scheme://authority".
    std::size_t scheme_end = target.find("://");
    if (scheme_end == std::string_view::npos || target.find_first_of("/?") < scheme_end) return {};
    std::size_t path_start = target.find_first_of("/?", scheme_end + 3);
    if (path_start == std::string_view::npos) return {"/", {}};
    target.remove_prefix(path_start);
    if (target.front() == '?') return {"/", target.substr(1)};
  }
  std::size_t question = target.find('?');
  if (question == std::string_view::npos) return {target, {}};
  return {target.substr(0, question), target.substr(question + 1)};
}

}  // namespace stadshart::http
