#include "http/access_log.h"

#include <gtest/gtest.h>

#include <sstream>

namespace stadshart::http {
namespace {

AccessLogEntry Entry() {
  return AccessLogEntry{.time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1714564800123)),
                        .remote_address = "127.0.0.1",
                        .method = "GET",
                        .target = "/api/v1/acties?token=geheim",
                        .status = 200,
                        .body_bytes = 1234,
                        .duration = std::chrono::microseconds(420),
                        .from_cache = false};
}

TEST(AccessLogTest, WritesOneLineWithoutTheQueryString) {
  EXPECT_EQ(FormatAccessLogLine(Entry()), "2024-05-01T12:00:00.123Z 127.0.0.1 GET /api/v1/acties 200 1234 0.42ms\n");
}

TEST(AccessLogTest, MarksCacheHits) {
  AccessLogEntry entry = Entry();
  entry.from_cache = true;
  entry.duration = std::chrono::milliseconds(1500);
  EXPECT_EQ(FormatAccessLogLine(entry),
            "2024-05-01T12:00:00.123Z 127.0.0.1 GET /api/v1/acties 200 1234 1500.00ms cache\n");
}

TEST(AccessLogTest, EscapesBytesThatWouldBreakTheLine) {
  AccessLogEntry entry = Entry();
  entry.target = "/a b\nc?x";
  entry.method = "";
  std::string line = FormatAccessLogLine(entry);
  EXPECT_NE(line.find(" - /a%20b%0Ac 200"), std::string::npos) << line;
}

TEST(AccessLogTest, WritesToTheStreamOnlyWhenEnabled) {
  std::ostringstream out;
  AccessLog log(&out);
  EXPECT_TRUE(log.enabled());
  log.Write(Entry());
  log.Write(Entry());
  EXPECT_EQ(out.str(), FormatAccessLogLine(Entry()) + FormatAccessLogLine(Entry()));
  AccessLog disabled(nullptr);
  EXPECT_FALSE(disabled.enabled());
  disabled.Write(Entry());
}

}  // namespace
}  // namespace stadshart::http
