// The byte-level parts of HTTP/1.1 that need no socket: splitting a request target, and turning a Response into
// the bytes the server writes. Used by server.cc; no Beast or Asio here. Nothing here does I/O.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

#include "http/message.h"

namespace stadshart::http {

// A serialized response, without the Date and Connection headers and the blank line that ends the head: the
// server adds those per write, so one Wire can answer many requests from the response cache.
struct Wire {
  int status = 200;
  std::string head;    // "HTTP/1.1 200 OK\r\nContent-Type: ...\r\n...Content-Length: 5\r\n"
  std::string body;    // written for every method but HEAD
  bool close = false;  // the handler set "Connection: close"
};

// Serializes `response`. The status line carries the standard reason phrase; a status outside 100..599 becomes 500.
// Headers come in the handler's order, then every `default_headers` entry the handler did not set
// (case-insensitive). Content-Length is always computed here (none for 1xx, 204 and 304, which also get no body);
// handler-set Content-Length, Transfer-Encoding, Connection and Date headers are dropped, and so is any header
// whose name is not a token or whose value holds CR, LF or NUL (no response splitting).
Wire Serialize(Response response, const Fields& default_headers);

// "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n" (RFC 9110 §5.6.7) for a time in seconds since the epoch.
std::string DateLine(std::time_t seconds);

// "Not Found" for 404; "Unknown" for codes without a standard phrase.
const char* ReasonPhrase(int status);

// The path and query of a request target, both still percent-encoded. Origin form "/a/b?x=1" gives "/a/b" and
// "x=1"; absolute form "http://host/a?x" gives "/a" and "x" ("/" when it has no path). Anything else (e.g. "*")
// gives an empty path.
struct TargetParts {
  std::string_view path;
  std::string_view query;
};
TargetParts SplitTarget(std::string_view target);

}  // namespace stadshart::http
