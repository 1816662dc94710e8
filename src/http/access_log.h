// One line per request, e.g.
//   2024-05-01T12:00:00.123Z 127.0.0.1 GET /api/v1/acties 200 1234 0.42ms cache
// time (UTC, when the request arrived), remote address, method, path, status, body bytes sent, duration, and
// "cache" when the answer came from the response cache. The query string is never written: it may hold secrets.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

namespace stadshart::http {

struct AccessLogEntry {
  std::chrono::system_clock::time_point time;
  std::string_view remote_address;
  std::string_view method;
  std::string_view target;  // as sent; only its path is written (still percent-encoded)
  int status = 0;
  std::size_t body_bytes = 0;
  std::chrono::steady_clock::duration duration{};
  bool from_cache = false;
};

// The line for `entry`, ending in '\n'. Bytes that could break the line (controls, space) are %-escaped.
std::string FormatAccessLogLine(const AccessLogEntry& entry);

// Writes lines to a stream shared by all threads. Does not flush: give it a stream that does if you need that.
class AccessLog {
 public:
  // `out` may be null (no log); it must outlive this object.
  explicit AccessLog(std::ostream* out) : out_(out) {}

  bool enabled() const { return out_ != nullptr; }
  // Thread-safe. Does nothing when not enabled.
  void Write(const AccessLogEntry& entry);

 private:
  std::ostream* const out_;
  std::mutex mutex_;  // guards *out_
};

}  // namespace stadshart::http
