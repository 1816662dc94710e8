// Request and response types of our own small HTTP adapter. Handlers see only these; Boost.Beast stays inside
// server.cc. Nothing here does I/O.
#pragma once

#include <any>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stadshart::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// "GET", "HEAD", ...; "OTHER" for kOther.
const char* MethodName(Method method);

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  Method method = Method::kGet;
  std::string target;  // as sent: path and query, still percent-encoded
  std::string path;    // percent-decoded path without the query
  Fields query;        // decoded query parameters, in order
  Fields headers;      // names lower-cased
  std::string body;
  std::string remote_address;  // peer IP address, for the access log and throttling
  Fields path_params;          // filled by the router from "{name}" segments
  std::any context;            // set by the application before its handler runs (e.g. who is signed in);
                               // never read by the HTTP layer

  // First header with this (case-insensitive) name.
  std::optional<std::string_view> Header(std::string_view name) const;
  // First query parameter with this name.
  std::optional<std::string_view> Query(std::string_view name) const;
  // All query parameters with this name (e.g. repeated checkboxes).
  std::vector<std::string_view> QueryAll(std::string_view name) const;
  // Value of a "{name}" path segment; empty if the route has none.
  std::string_view Param(std::string_view name) const;
  // Cookie value from the Cookie header ("a=1; b=2"): the first cookie with exactly this name, surrounding
  // double quotes removed, not percent-decoded.
  std::optional<std::string> Cookie(std::string_view name) const;
  // Body parsed as application/x-www-form-urlencoded (decoded, in order).
  Fields Form() const;
};

struct Response {
  int status = 200;
  Fields headers;  // e.g. {"Content-Type", "text/html; charset=utf-8"}
  std::string body;

  // Replaces every header with the same (case-insensitive) name, or adds one.
  void SetHeader(std::string name, std::string value);
  // First header with this (case-insensitive) name.
  std::optional<std::string_view> Header(std::string_view name) const;

  // Html/Json/Text set Content-Type with charset=utf-8.
  static Response Html(std::string body, int status = 200);
  static Response Json(std::string body, int status = 200);
  static Response Text(std::string body, int status = 200);
  // 303 See Other: the answer to a successful form POST (post/redirect/get). Sets Location; empty body.
  static Response Redirect(std::string location, int status = 303);
};

// The value of the first field with this name (e.g. of Request::Form()), or "" when there is none.
std::string FieldValue(const Fields& fields, std::string_view name);

// Percent-decoding; '+' becomes a space when `plus_is_space` (query strings and form bodies). A '%' not followed
// by two hex digits is kept as it is. The result may hold any byte (also NUL and invalid UTF-8): validate it.
std::string UrlDecode(std::string_view in, bool plus_is_space);
// Percent-encoding of everything but unreserved characters (RFC 3986).
std::string UrlEncode(std::string_view in);
// "a=1&b=x+y" -> {{"a","1"},{"b","x y"}}. Empty pieces are skipped; "a" alone gives {"a",""}.
Fields ParseUrlEncoded(std::string_view in);

}  // namespace stadshart::http
