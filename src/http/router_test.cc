#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace stadshart::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) { return Response::Text(name); };
}

// The name of the handler the router picks, or "" when none.
std::string Pick(const Router& router, Method method, std::string_view path) {
  Router::Match match = router.Find(method, path);
  if (match.route == nullptr) return "";
  Request request;
  return match.route->handler(request).body;
}

TEST(RouterTest, MatchesLiteralPathsExactly) {
  Router router;
  router.Add(Method::kGet, "/", Named("root"));
  router.Add(Method::kGet, "/plan", Named("plan"));
  EXPECT_EQ(Pick(router, Method::kGet, "/"), "root");
  EXPECT_EQ(Pick(router, Method::kGet, "/plan"), "plan");
  EXPECT_EQ(Pick(router, Method::kGet, "/Plan"), "");
  EXPECT_EQ(Pick(router, Method::kGet, "/plan/x"), "");
  EXPECT_EQ(Pick(router, Method::kGet, "/pla"), "");
  EXPECT_EQ(Pick(router, Method::kGet, ""), "");
  EXPECT_EQ(Pick(router, Method::kGet, "plan"), "");
}

TEST(RouterTest, TrailingSlashIsAnotherPath) {
  Router router;
  router.Add(Method::kGet, "/plan", Named("plan"));
  Router::Match match = router.Find(Method::kGet, "/plan/");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_FALSE(match.path_known);
}

TEST(RouterTest, ParamsCaptureOneNonEmptyDecodedSegment) {
  Router router;
  router.Add(Method::kGet, "/api/v1/acties/{id}/notities/{nr}", Named("notitie"));
  Router::Match match = router.Find(Method::kGet, "/api/v1/acties/a%2Fb%20c/notities/7");
  ASSERT_NE(match.route, nullptr);
  Fields expected = {{"id", "a/b c"}, {"nr", "7"}};
  EXPECT_EQ(match.params, expected);
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1/acties//notities/7").route, nullptr);
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1/acties/1/notities").route, nullptr);
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1/acties/1/notities/7/x").route, nullptr);
}

TEST(RouterTest, LiteralSegmentsAreComparedDecoded) {
  Router router;
  router.Add(Method::kGet, "/plan/nieuw", Named("nieuw"));
  EXPECT_EQ(Pick(router, Method::kGet, "/plan/nie%75w"), "nieuw");
  EXPECT_EQ(Pick(router, Method::kGet, "/plan%2Fnieuw"), "");
}

TEST(RouterTest, LiteralBeatsParamWhateverTheOrderOfRegistration) {
  Router param_first;
  param_first.Add(Method::kGet, "/plan/{year}", Named("year"));
  param_first.Add(Method::kGet, "/plan/nieuw", Named("nieuw"));
  Router literal_first;
  literal_first.Add(Method::kGet, "/plan/nieuw", Named("nieuw"));
  literal_first.Add(Method::kGet, "/plan/{year}", Named("year"));
  for (const Router* router : {&param_first, &literal_first}) {
    EXPECT_EQ(Pick(*router, Method::kGet, "/plan/nieuw"), "nieuw");
    EXPECT_EQ(Pick(*router, Method::kGet, "/plan/2024"), "year");
  }
}

TEST(RouterTest, LeftmostLiteralDecidesBetweenPartlyLiteralRoutes) {
  Router router;
  router.Add(Method::kGet, "/{a}/x", Named("param-then-literal"));
  router.Add(Method::kGet, "/y/{b}", Named("literal-then-param"));
  EXPECT_EQ(Pick(router, Method::kGet, "/y/x"), "literal-then-param");
  EXPECT_EQ(Pick(router, Method::kGet, "/z/x"), "param-then-literal");
}

TEST(RouterTest, HeadMatchesGetRoutesUnlessItHasItsOwn) {
  Router router;
  router.Add(Method::kGet, "/plan", Named("get"));
  router.Add(Method::kGet, "/status", Named("get-status"));
  router.Add(Method::kHead, "/status", Named("head-status"));
  EXPECT_EQ(Pick(router, Method::kHead, "/plan"), "get");
  EXPECT_EQ(Pick(router, Method::kHead, "/status"), "head-status");
  EXPECT_EQ(Pick(router, Method::kGet, "/status"), "get-status");
}

TEST(RouterTest, PathKnownWhenOnlyAnotherMethodMatches) {
  Router router;
  router.Add(Method::kGet, "/api/v1/acties/{id}", Named("get"));
  router.Add(Method::kDelete, "/api/v1/acties/{id}", Named("delete"));
  Router::Match post = router.Find(Method::kPost, "/api/v1/acties/5");
  EXPECT_EQ(post.route, nullptr);
  EXPECT_TRUE(post.path_known);
  Router::Match other = router.Find(Method::kOther, "/api/v1/acties/5");
  EXPECT_EQ(other.route, nullptr);
  EXPECT_TRUE(other.path_known);
  Router::Match unknown = router.Find(Method::kPost, "/api/v1/plannen/5");
  EXPECT_EQ(unknown.route, nullptr);
  EXPECT_FALSE(unknown.path_known);
  EXPECT_EQ(Pick(router, Method::kDelete, "/api/v1/acties/5"), "delete");
}

TEST(RouterTest, RoutesKeepTheirOptions) {
  Router router;
  router.Add(Method::kGet, "/cached", Named("c"), RouteOptions{.cacheable = true});
  router.Add(Method::kGet, "/fresh", Named("f"));
  EXPECT_TRUE(router.Find(Method::kGet, "/cached").route->options.cacheable);
  EXPECT_FALSE(router.Find(Method::kGet, "/fresh").route->options.cacheable);
  EXPECT_EQ(router.routes().size(), 2u);
}

TEST(RouterTest, RejectsMalformedAndDuplicatePatterns) {
  Router router;
  EXPECT_THROW(router.Add(Method::kGet, "plan", Named("x")), std::invalid_argument);
  EXPECT_THROW(router.Add(Method::kGet, "", Named("x")), std::invalid_argument);
  EXPECT_THROW(router.Add(Method::kGet, "/plan/{}", Named("x")), std::invalid_argument);
  EXPECT_THROW(router.Add(Method::kGet, "/plan/a{id}", Named("x")), std::invalid_argument);
  EXPECT_THROW(router.Add(Method::kGet, "/plan/{id", Named("x")), std::invalid_argument);
  router.Add(Method::kGet, "/plan/{year}", Named("x"));
  EXPECT_THROW(router.Add(Method::kGet, "/plan/{jaar}", Named("y")), std::invalid_argument);
  router.Add(Method::kPost, "/plan/{year}", Named("z"));
  EXPECT_EQ(router.routes().size(), 2u);
}

}  // namespace
}  // namespace stadshart::http
