#include "http/access_log.h"

#include <cstdio>
#include <ctime>

#include "http/wire.h"

namespace stadshart::http {
namespace {

void AppendTime(std::string& line, std::chrono::system_clock::time_point time) {
  auto since_epoch = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch());
  std::time_t seconds = static_cast<std::time_t>(since_epoch.count() / 1000);
  int millis = static_cast<int>(since_epoch.count() % 1000);
  if (millis < 0) {
    millis += 1000;
    --seconds;
  }
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  int n = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                        utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
  line.append(text, static_cast<std::size_t>(n));
}

// Appends `field`, or "-" when empty, escaping bytes that would split or break the line.
void AppendField(std::string& line, std::string_view field) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  if (field.empty()) {
    line.push_back('-');
    return;
  }
  for (char c : field) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) {
      line.push_back('%');
      line.push_back(kHex[byte >> 4]);
      line.push_back(kHex[byte & 0x0F]);
    } else {
      line.push_back(c);
    }
  }
}

}  // namespace

std::string FormatAccessLogLine(const AccessLogEntry& entry) {
  std::string line;
  line.reserve(96 + entry.target.size());
  AppendTime(line, entry.time);
  line.push_back(' ');
  AppendField(line, entry.remote_address);
  line.push_back(' ');
  AppendField(line, entry.method);
  line.push_back(' ');
  std::string_view path = SplitTarget(entry.target).path;
  AppendField(line, path.empty() ? entry.target.substr(0, entry.target.find('?')) : path);
  double millis = std::chrono::duration<double, std::milli>(entry.duration).count();
  char numbers[64];
  int n = std::snprintf(numbers, sizeof numbers, " %d %zu %.2fms", entry.status, entry.body_bytes, millis);
  line.append(numbers, static_cast<std::size_t>(n));
  if (entry.from_cache) line.append(" cache");
  line.push_back('\n');
  return line;
}

void AccessLog::Write(const AccessLogEntry& entry) {
  if (out_ == nullptr) return;
  std::string line = FormatAccessLogLine(entry);
  std::lock_guard lock(mutex_);
  out_->write(line.data(), static_cast<std::streamsize>(line.size()));
}

}  // namespace stadshart::http
