#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <sstream>

#include "http/server.h"
#include "http/test_server.h"

namespace stadshart::http {
namespace {

using testing::Client;
using testing::Fetch;
using testing::Get;
using testing::Post;
using testing::TestOptions;
using testing::TestServer;

constexpr RouteOptions kCacheable{.cacheable = true};

// GET /api/v1/plan (cacheable) answers with how often it ran; POST /api/v1/acties succeeds, POST /api/v1/fout fails.
struct CountingRoutes {
  std::atomic<int> plan_calls{0};
  std::atomic<int> fresh_calls{0};

  Router MakeRouter() {
    Router router;
    router.Add(
        Method::kGet, "/api/v1/plan",
        [this](Request&) { return Response::Json("{\"versie\":" + std::to_string(++plan_calls) + "}"); }, kCacheable);
    router.Add(
        Method::kGet, "/api/v1/plan/{jaar}",
        [this](Request& request) {
          ++plan_calls;
          if (request.Param("jaar") == "0") return Response::Json("{}", 404);
          return Response::Json(std::string(request.Param("jaar")));
        },
        kCacheable);
    router.Add(Method::kGet, "/vers", [this](Request&) { return Response::Text(std::to_string(++fresh_calls)); });
    router.Add(Method::kPost, "/api/v1/acties", [](Request&) { return Response::Json("{}", 200); });
    router.Add(Method::kPost, "/api/v1/fout", [](Request&) { return Response::Json("{}", 422); });
    return router;
  }
};

TEST(ServerCacheTest, CacheableGetRunsOnceUntilASuccessfulChange) {
  CountingRoutes routes;
  TestServer server(routes.MakeRouter());
  auto first = Fetch(server.port(), Get("/api/v1/plan"));
  auto second = Fetch(server.port(), Get("/api/v1/plan"));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(routes.plan_calls, 1);
  EXPECT_EQ(second->body, R"({"versie":1})");
  EXPECT_EQ(second->Header("content-type"), "application/json; charset=utf-8");

  ASSERT_EQ(Fetch(server.port(), Post("/api/v1/fout", "x=1"))->status, 422);
  EXPECT_EQ(Fetch(server.port(), Get("/api/v1/plan"))->body, R"({"versie":1})");
  EXPECT_EQ(routes.plan_calls, 1);

  ASSERT_EQ(Fetch(server.port(), Post("/api/v1/acties", "x=1"))->status, 200);
  EXPECT_EQ(Fetch(server.port(), Get("/api/v1/plan"))->body, R"({"versie":2})");
  EXPECT_EQ(Fetch(server.port(), Get("/api/v1/plan"))->body, R"({"versie":2})");
  EXPECT_EQ(routes.plan_calls, 2);
}

TEST(ServerCacheTest, KeysOnTheWholeTargetIncludingTheQuery) {
  CountingRoutes routes;
  TestServer server(routes.MakeRouter());
  for (int round = 0; round < 2; ++round) {
    ASSERT_TRUE(Fetch(server.port(), Get("/api/v1/plan?jaar=2024")));
    ASSERT_TRUE(Fetch(server.port(), Get("/api/v1/plan?jaar=2025")));
  }
  EXPECT_EQ(routes.plan_calls, 2);
}

TEST(ServerCacheTest, KeepsOnlyOkAnswersOfCacheableRoutes) {
  CountingRoutes routes;
  TestServer server(routes.MakeRouter());
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(Fetch(server.port(), Get("/api/v1/plan/0"))->status, 404);
    EXPECT_EQ(Fetch(server.port(), Get("/vers"))->status, 200);
  }
  EXPECT_EQ(routes.plan_calls, 2);
  EXPECT_EQ(routes.fresh_calls, 2);
}

TEST(ServerCacheTest, HeadIsAnsweredFromTheCacheButDoesNotFillIt) {
  CountingRoutes routes;
  TestServer server(routes.MakeRouter());
  auto head = Fetch(server.port(), Get("/api/v1/plan", "HEAD"), /*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->Header("content-length"), "12");
  ASSERT_TRUE(Fetch(server.port(), Get("/api/v1/plan")));
  EXPECT_EQ(routes.plan_calls, 2);
  Client client(server.port());
  ASSERT_TRUE(client.Send(Get("/api/v1/plan", "HEAD") + Get("/api/v1/plan")));
  auto cached_head = client.Read(/*head_request=*/true);
  auto cached_get = client.Read();
  ASSERT_TRUE(cached_head && cached_get);
  EXPECT_EQ(cached_head->Header("content-length"), "12");
  EXPECT_EQ(cached_get->body, R"({"versie":2})");
  EXPECT_EQ(routes.plan_calls, 2);
}

TEST(ServerCacheTest, CacheHitsCarryDefaultHeadersAndAreLoggedAsSuch) {
  CountingRoutes routes;
  std::ostringstream log;
  ServerOptions options = TestOptions();
  options.default_headers = {{"X-Content-Type-Options", "nosniff"}};
  options.access_log = &log;
  {
    TestServer server(routes.MakeRouter(), options);
    ASSERT_TRUE(Fetch(server.port(), Get("/api/v1/plan")));
    auto hit = Fetch(server.port(), Get("/api/v1/plan"));
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->Header("x-content-type-options"), "nosniff");
  }
  // Each line is written when its answer went out, so their order may vary.
  std::istringstream lines(log.str());
  int misses = 0;
  int hits = 0;
  for (std::string line; std::getline(lines, line);) {
    EXPECT_NE(line.find(" GET /api/v1/plan 200 12 "), std::string::npos) << line;
    (line.ends_with("ms cache") ? hits : misses) += 1;
  }
  EXPECT_EQ(misses, 1) << log.str();
  EXPECT_EQ(hits, 1) << log.str();
}

TEST(ServerCacheTest, HitsDoNotWaitForBusyWorkers) {
  CountingRoutes routes;
  Router router = routes.MakeRouter();
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  router.Add(Method::kGet, "/bezet", [&](Request&) {
    entered.set_value();
    released.wait_for(std::chrono::seconds(10));
    return Response::Text("klaar");
  });
  ServerOptions options = TestOptions();
  options.worker_threads = 1;
  TestServer server(std::move(router), options);
  ASSERT_TRUE(Fetch(server.port(), Get("/api/v1/plan")));

  Client busy(server.port());
  ASSERT_TRUE(busy.Send(Get("/bezet")));
  ASSERT_EQ(entered.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
  auto hit = Fetch(server.port(), Get("/api/v1/plan"));  // the only worker is taken
  release.set_value();
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->status, 200);
  auto slow = busy.Read();
  ASSERT_TRUE(slow);
  EXPECT_EQ(slow->body, "klaar");
}

TEST(ServerCacheTest, RequestsWithCredentialsAreNeitherAnsweredFromNorStoredInTheCache) {
  CountingRoutes routes;
  ServerOptions options = TestOptions();
  options.private_cookies = {"sessie"};
  TestServer server(routes.MakeRouter(), options);
  auto get = [&](std::string_view extra_headers) {
    auto response = Fetch(server.port(), "GET /api/v1/plan HTTP/1.1\r\nHost: t\r\n" + std::string(extra_headers) + "\r\n");
    return response ? response->body : "";
  };
  EXPECT_EQ(get("Authorization: Bearer geheim\r\n"), R"({"versie":1})");
  EXPECT_EQ(get("Cookie: a=1; sessie=abc\r\n"), R"({"versie":2})");
  EXPECT_EQ(get(""), R"({"versie":3})");  // nothing was stored for the requests above
  EXPECT_EQ(get(""), R"({"versie":3})");
  EXPECT_EQ(get("authorization: Basic eDp5\r\n"), R"({"versie":4})");
  EXPECT_EQ(get("Cookie: sessie=abc\r\n"), R"({"versie":5})");
  EXPECT_EQ(get("Cookie: a=1\r\nX-Tussen: 1\r\nCookie: sessie=abc\r\n"), R"({"versie":6})");
  // Other cookies, or the name as a value or inside another name, are not credentials.
  EXPECT_EQ(get("Cookie: mijnsessie=1; b=sessie\r\n"), R"({"versie":3})");
  EXPECT_EQ(routes.plan_calls, 6);
}

}  // namespace
}  // namespace stadshart::http
