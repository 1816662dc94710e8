#include "http/wire.h"

#include <gtest/gtest.h>

namespace stadshart::http {
namespace {

TEST(SerializeTest, WritesStatusLineHeadersAndContentLength) {
  Wire wire = Serialize(Response::Json("{}", 201), {});
  EXPECT_EQ(wire.status, 201);
  EXPECT_EQ(wire.head,
            "HTTP/1.1 201 Created\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 2\r\n");
  EXPECT_EQ(wire.body, "{}");
  EXPECT_FALSE(wire.close);
}

TEST(SerializeTest, AddsDefaultHeadersTheHandlerDidNotSet) {
  Response response = Response::Text("x");
  response.headers.emplace_back("x-frame-options", "SAMEORIGIN");
  Fields defaults = {{"X-Frame-Options", "DENY"}, {"X-Content-Type-Options", "nosniff"}};
  Wire wire = Serialize(std::move(response), defaults);
  EXPECT_NE(wire.head.find("x-frame-options: SAMEORIGIN\r\n"), std::string::npos);
  EXPECT_EQ(wire.head.find("DENY"), std::string::npos);
  EXPECT_NE(wire.head.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos);
}

TEST(SerializeTest, DropsFramingHeadersAndHeadersThatWouldSplitTheResponse) {
  Response response = Response::Text("abc");
  response.headers.emplace_back("Content-Length", "99");
  response.headers.emplace_back("Transfer-Encoding", "chunked");
  response.headers.emplace_back("X-Evil", "a\r\nSet-Cookie: x=1");
  response.headers.emplace_back("Bad Name", "1");
  response.headers.emplace_back("", "1");
  response.headers.emplace_back("Connection", "close");
  Wire wire = Serialize(std::move(response), {{"X-Default", "a\nb"}});
  EXPECT_EQ(wire.head, "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 3\r\n");
  EXPECT_TRUE(wire.close);
}

TEST(SerializeTest, NoContentAndNotModifiedHaveNeitherBodyNorLength) {
  for (int status : {204, 304}) {
    Response response = Response::Text("ignored", status);
    Wire wire = Serialize(std::move(response), {});
    EXPECT_EQ(wire.head.find("Content-Length"), std::string::npos) << status;
    EXPECT_TRUE(wire.body.empty()) << status;
  }
  EXPECT_NE(Serialize(Response::Redirect("/x"), {}).head.find("Content-Length: 0\r\n"), std::string::npos);
}

TEST(SerializeTest, ImpossibleStatusBecomesInternalServerError) {
  Response response;
  response.status = 42;
  EXPECT_EQ(Serialize(std::move(response), {}).head, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n");
  EXPECT_STREQ(ReasonPhrase(599), "Unknown");
}

TEST(SerializeTest, LeavesTheDateToTheServer) {
  Response response = Response::Text("x");
  response.headers.emplace_back("Date", "gisteren");
  EXPECT_EQ(Serialize(std::move(response), {{"date", "ooit"}}).head.find("ate:"), std::string::npos);
}

TEST(DateLineTest, FormatsImfFixdate) {
  EXPECT_EQ(DateLine(784111777), "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n");
  EXPECT_EQ(DateLine(0), "Date: Thu, 01 Jan 1970 00:00:00 GMT\r\n");
}

TEST(SplitTargetTest, SplitsOriginFormAtTheFirstQuestionMark) {
  TargetParts parts = SplitTarget("/a/b?x=1?y");
  EXPECT_EQ(parts.path, "/a/b");
  EXPECT_EQ(parts.query, "x=1?y");
  EXPECT_EQ(SplitTarget("/a").query, "");
  EXPECT_EQ(SplitTarget("/?").path, "/");
}

TEST(SplitTargetTest, TakesThePathOfAbsoluteForm) {
  TargetParts parts = SplitTarget("http://example.org:8080/plan?jaar=2024");
  EXPECT_EQ(parts.path, "/plan");
  EXPECT_EQ(parts.query, "jaar=2024");
  EXPECT_EQ(SplitTarget("https://example.org").path, "/");
  EXPECT_EQ(SplitTarget("https://example.org?q").query, "q");
}

TEST(SplitTargetTest, GivesEmptyPathForOtherForms) {
  EXPECT_EQ(SplitTarget("*").path, "");
  EXPECT_EQ(SplitTarget("example.org:443").path, "");
  EXPECT_EQ(SplitTarget("").path, "");
}

}  // namespace
}  // namespace stadshart::http
