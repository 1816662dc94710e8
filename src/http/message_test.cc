#include "http/message.h"

#include <gtest/gtest.h>

namespace stadshart::http {
namespace {

TEST(UrlDecodeTest, DecodesPercentSequencesInEitherCase) {
  EXPECT_EQ(UrlDecode("a%20b%2fc%2Fd", false), "a b/c/d");
  EXPECT_EQ(UrlDecode("caf%C3%A9", false), "caf\xC3\xA9");
}

TEST(UrlDecodeTest, PlusIsSpaceOnlyWhenAsked) {
  EXPECT_EQ(UrlDecode("x+y", true), "x y");
  EXPECT_EQ(UrlDecode("x+y", false), "x+y");
  EXPECT_EQ(UrlDecode("x%2By", true), "x+y");
}

TEST(UrlDecodeTest, KeepsInvalidPercentSequencesLiterally) {
  EXPECT_EQ(UrlDecode("%zz", false), "%zz");
  EXPECT_EQ(UrlDecode("%", false), "%");
  EXPECT_EQ(UrlDecode("%4", false), "%4");
  EXPECT_EQ(UrlDecode("a%", false), "a%");
  EXPECT_EQ(UrlDecode("%%41", false), "%A");
  EXPECT_EQ(UrlDecode("%4g", false), "%4g");
  EXPECT_EQ(UrlDecode("", true), "");
}

TEST(UrlDecodeTest, DecodesNulAndHighBytes) {
  EXPECT_EQ(UrlDecode("a%00b", false), std::string("a\0b", 3));
  EXPECT_EQ(UrlDecode("%FF", false), "\xFF");
}

TEST(UrlEncodeTest, KeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(UrlEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(UrlEncode("a b/c?d=e&f+g%"), "a%20b%2Fc%3Fd%3De%26f%2Bg%25");
  EXPECT_EQ(UrlEncode("caf\xC3\xA9"), "caf%C3%A9");
  EXPECT_EQ(UrlEncode(""), "");
}

TEST(UrlEncodeTest, RoundTripsThroughDecode) {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  EXPECT_EQ(UrlDecode(UrlEncode(all), true), all);
}

TEST(ParseUrlEncodedTest, SplitsAndDecodesPairsInOrder) {
  Fields expected = {{"a", "1"}, {"b", "x y"}, {"a", "2"}, {"c d", "e&f"}};
  EXPECT_EQ(ParseUrlEncoded("a=1&b=x+y&a=2&c+d=e%26f"), expected);
}

TEST(ParseUrlEncodedTest, SkipsEmptyPiecesAndAllowsMissingValues) {
  Fields expected = {{"a", ""}, {"b", ""}, {"", "x"}, {"c", "1=2"}};
  EXPECT_EQ(ParseUrlEncoded("&a&&b=&=x&c=1=2&"), expected);
  EXPECT_TRUE(ParseUrlEncoded("").empty());
  EXPECT_TRUE(ParseUrlEncoded("&&").empty());
}

TEST(MethodNameTest, NamesEveryMethod) {
  EXPECT_STREQ(MethodName(Method::kGet), "GET");
  EXPECT_STREQ(MethodName(Method::kHead), "HEAD");
  EXPECT_STREQ(MethodName(Method::kPost), "POST");
  EXPECT_STREQ(MethodName(Method::kPut), "PUT");
  EXPECT_STREQ(MethodName(Method::kPatch), "PATCH");
  EXPECT_STREQ(MethodName(Method::kDelete), "DELETE");
  EXPECT_STREQ(MethodName(Method::kOptions), "OPTIONS");
  EXPECT_STREQ(MethodName(Method::kOther), "OTHER");
}

TEST(RequestTest, HeaderIgnoresCase) {
  Request request;
  request.headers = {{"content-type", "text/html"}, {"x-a", "1"}, {"x-a", "2"}};
  EXPECT_EQ(request.Header("Content-Type"), "text/html");
  EXPECT_EQ(request.Header("X-A"), "1");
  EXPECT_EQ(request.Header("x-missing"), std::nullopt);
}

TEST(RequestTest, QueryGivesFirstValueAndQueryAllEveryValue) {
  Request request;
  request.query = {{"status", "open"}, {"wijk", "noord"}, {"status", "klaar"}};
  EXPECT_EQ(request.Query("status"), "open");
  EXPECT_EQ(request.Query("Status"), std::nullopt);
  EXPECT_EQ(request.QueryAll("status"), (std::vector<std::string_view>{"open", "klaar"}));
  EXPECT_TRUE(request.QueryAll("none").empty());
}

TEST(RequestTest, ParamIsEmptyWhenAbsent) {
  Request request;
  request.path_params = {{"year", "2024"}};
  EXPECT_EQ(request.Param("year"), "2024");
  EXPECT_EQ(request.Param("id"), "");
}

TEST(RequestTest, CookieFindsNamedValueAmongSeveral) {
  Request request;
  request.headers = {{"cookie", "a=1; sessie=abc=def;b=2 ;  c = \"quoted\" "}};
  EXPECT_EQ(request.Cookie("a"), "1");
  EXPECT_EQ(request.Cookie("sessie"), "abc=def");
  EXPECT_EQ(request.Cookie("b"), "2");
  EXPECT_EQ(request.Cookie("c"), "quoted");
  EXPECT_EQ(request.Cookie("A"), std::nullopt);
  EXPECT_EQ(request.Cookie("sess"), std::nullopt);
}

TEST(RequestTest, CookieSurvivesMalformedHeaders) {
  Request request;
  request.headers = {{"cookie", ";;novalue; =x; ; d="}, {"cookie", "e=5"}};
  EXPECT_EQ(request.Cookie("novalue"), std::nullopt);
  EXPECT_EQ(request.Cookie("d"), "");
  EXPECT_EQ(request.Cookie(""), "x");
  EXPECT_EQ(request.Cookie("e"), "5");
  EXPECT_EQ(Request{}.Cookie("a"), std::nullopt);
}

TEST(RequestTest, FormParsesUrlEncodedBody) {
  Request request;
  request.body = "titel=Nieuwe+actie&wijk=Noord%2FOost&leeg=";
  Fields expected = {{"titel", "Nieuwe actie"}, {"wijk", "Noord/Oost"}, {"leeg", ""}};
  EXPECT_EQ(request.Form(), expected);
}

TEST(ResponseTest, HelpersSetContentTypeWithCharset) {
  EXPECT_EQ(Response::Html("<p>").Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(Response::Json("{}", 201).Header("Content-Type"), "application/json; charset=utf-8");
  Response text = Response::Text("hoi", 422);
  EXPECT_EQ(text.Header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(text.status, 422);
  EXPECT_EQ(text.body, "hoi");
}

TEST(ResponseTest, RedirectIsSeeOtherWithLocationAndNoBody) {
  Response redirect = Response::Redirect("/plan/2024");
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(redirect.Header("location"), "/plan/2024");
  EXPECT_TRUE(redirect.body.empty());
  EXPECT_EQ(Response::Redirect("/x", 302).status, 302);
}

TEST(ResponseTest, SetHeaderReplacesEveryHeaderWithTheSameNameIgnoringCase) {
  Response response = Response::Text("x");
  response.headers.emplace_back("X-Extra", "1");
  response.headers.emplace_back("x-extra", "2");
  response.SetHeader("content-type", "text/csv");
  response.SetHeader("X-EXTRA", "3");
  response.SetHeader("Cache-Control", "no-store");
  Fields expected = {{"content-type", "text/csv"}, {"X-EXTRA", "3"}, {"Cache-Control", "no-store"}};
  EXPECT_EQ(response.headers, expected);
}

}  // namespace
}  // namespace stadshart::http
