#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <stdexcept>

#include "http/test_server.h"

namespace stadshart::http {
namespace {

using testing::Client;
using testing::Fetch;
using testing::Get;
using testing::Post;
using testing::TestOptions;
using testing::TestServer;

Router HelloRouter() {
  Router router;
  router.Add(Method::kGet, "/hallo", [](Request&) { return Response::Text("hallo"); });
  router.Add(Method::kGet, "/plan", [](Request&) { return Response::Html("<h1>Plan</h1>"); });
  router.Add(Method::kPost, "/api/v1/acties", [](Request&) { return Response::Json("{}", 201); });
  return router;
}

TEST(ServerTest, AnswersWithTheHandlersResponse) {
  TestServer server(HelloRouter());
  auto response = Fetch(server.port(), Get("/hallo"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hallo");
  EXPECT_EQ(response->Header("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(response->Header("content-length"), "5");
  ASSERT_TRUE(response->Header("date"));
  EXPECT_TRUE(response->Header("date")->ends_with(" GMT")) << *response->Header("date");
}

TEST(ServerTest, GivesTheHandlerDecodedPathQueryParamsHeadersBodyAndPeer) {
  Router router;
  router.Add(Method::kPost, "/echo/{naam}", [](Request& request) {
    std::string out = request.path + "|" + std::string(request.Param("naam")) + "|" +
                      std::string(request.Query("q").value_or("-")) + "|" +
                      std::string(request.Header("X-Test").value_or("-")) + "|" + request.body + "|" +
                      request.remote_address + "|" + request.target;
    return Response::Text(out);
  });
  TestServer server(std::move(router));
  std::string request =
      "POST /echo/Jan%20de%2FVries?q=a+b%26c HTTP/1.1\r\nHost: t\r\nX-TEST: ja\r\nContent-Length: 4\r\n\r\nbody";
  auto response = Fetch(server.port(), request);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "/echo/Jan de/Vries|Jan de/Vries|a b&c|ja|body|127.0.0.1|/echo/Jan%20de%2FVries?q=a+b%26c");
}

TEST(ServerTest, UnknownApiPathGetsJsonNotFound) {
  TestServer server(HelloRouter());
  auto response = Fetch(server.port(), Get("/api/x"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->Header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(response->body, R"({"error":{"code":"not_found","message":"Pagina niet gevonden."}})");
}

TEST(ServerTest, UnknownPagePathGetsDutchText) {
  TestServer server(HelloRouter());
  auto response = Fetch(server.port(), Get("/bestaat-niet"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
  EXPECT_NE(response->body.find("Pagina niet gevonden"), std::string::npos);
}

TEST(ServerTest, WrongMethodGets405WithAllow) {
  TestServer server(HelloRouter());
  auto response = Fetch(server.port(), Post("/plan", "a=1"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 405);
  EXPECT_EQ(response->Header("allow"), "GET, HEAD");
  auto api = Fetch(server.port(), Get("/api/v1/acties", "DELETE"));
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 405);
  EXPECT_EQ(api->Header("allow"), "POST");
  EXPECT_NE(api->body.find(R"("code":"method_not_allowed")"), std::string::npos);
}

TEST(ServerTest, TrailingSlashRedirectsPermanentlyToThePathWithout) {
  TestServer server(HelloRouter());
  auto response = Fetch(server.port(), Get("/plan/?jaar=2024"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 308);
  EXPECT_EQ(response->Header("location"), "/plan?jaar=2024");
  auto unknown = Fetch(server.port(), Get("/onbekend/"));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

TEST(ServerTest, NeverRedirectsToAnotherHost) {
  Router router;
  router.Add(Method::kGet, "/{a}", [](Request&) { return Response::Text("a"); });
  TestServer server(std::move(router));
  auto response = Fetch(server.port(), Get("//evil.example/"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
}

TEST(ServerTest, HeadGetsTheHeadersOfGetWithoutBody) {
  TestServer server(HelloRouter());
  Client client(server.port());
  ASSERT_TRUE(client.Send(Get("/hallo", "HEAD")));
  auto head = client.Read(/*head_request=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("content-length"), "5");
  EXPECT_EQ(head->body, "");
  // Had the server sent a body, it would now be read as the start of the next response.
  ASSERT_TRUE(client.Send(Get("/plan")));
  auto get = client.Read();
  ASSERT_TRUE(get);
  EXPECT_EQ(get->body, "<h1>Plan</h1>");
}

TEST(ServerTest, KeepsTheConnectionAliveForSeveralAndPipelinedRequests) {
  TestServer server(HelloRouter());
  Client client(server.port());
  ASSERT_TRUE(client.Send(Get("/hallo")));
  auto first = client.Read();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->Header("connection"), std::nullopt);
  ASSERT_TRUE(client.Send(Get("/plan") + Get("/hallo") + Get("/api/x")));
  auto second = client.Read();
  auto third = client.Read();
  auto fourth = client.Read();
  ASSERT_TRUE(second && third && fourth);
  EXPECT_EQ(second->body, "<h1>Plan</h1>");
  EXPECT_EQ(third->body, "hallo");
  EXPECT_EQ(fourth->status, 404);
}

TEST(ServerTest, ClosesWhenTheClientAsksOrSpeaksHttp10) {
  TestServer server(HelloRouter());
  Client asks(server.port());
  ASSERT_TRUE(asks.Send("GET /hallo HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
  auto response = asks.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_TRUE(asks.WaitForClose());

  Client old(server.port());
  ASSERT_TRUE(old.Send("GET /hallo HTTP/1.0\r\n\r\n"));
  ASSERT_TRUE(old.Read());
  EXPECT_TRUE(old.WaitForClose());

  Client old_keep_alive(server.port());
  ASSERT_TRUE(old_keep_alive.Send("GET /hallo HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  auto kept = old_keep_alive.Read();
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->Header("connection"), "keep-alive");
  ASSERT_TRUE(old_keep_alive.Send("GET /hallo HTTP/1.0\r\n\r\n"));
  EXPECT_TRUE(old_keep_alive.Read());
}

TEST(ServerTest, A413ReachesAClientThatKeepsSendingMegabytes) {
  // The server answers once the limit is passed and drops what the client still sends; were it to close with
  // unread data, the kernel's reset could destroy the answer (or fail the client's send) before it is read.
  ServerOptions options = TestOptions();
  options.max_body_bytes = 64 * 1024;
  TestServer server(HelloRouter(), options);
  Client client(server.port());
  // More than the kernel's socket buffers hold, so the send completes only if the server keeps reading.
  ASSERT_TRUE(client.Send(Post("/api/v1/acties", std::string(12 * 1024 * 1024, 'x'))));
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
}

TEST(ServerTest, OversizedBodyGets413AndTheConnectionCloses) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 16;
  TestServer server(HelloRouter(), options);
  Client client(server.port());
  ASSERT_TRUE(client.Send(Post("/api/v1/acties", std::string(100, 'x'))));
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_NE(response->body.find(R"("code":"too_large")"), std::string::npos);
  EXPECT_TRUE(client.WaitForClose());
  auto small = Fetch(server.port(), Post("/api/v1/acties", std::string(16, 'x')));
  ASSERT_TRUE(small);
  EXPECT_EQ(small->status, 201);
}

TEST(ServerTest, HugeHeadersGet431) {
  ServerOptions options = TestOptions();
  options.max_header_bytes = 1024;
  TestServer server(HelloRouter(), options);
  auto response =
      Fetch(server.port(), "GET /hallo HTTP/1.1\r\nHost: t\r\nX-Groot: " + std::string(20000, 'x') + "\r\n\r\n");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  EXPECT_EQ(response->Header("connection"), "close");
}

TEST(ServerTest, MalformedRequestGets400) {
  TestServer server(HelloRouter());
  Client client(server.port());
  ASSERT_TRUE(client.Send("GET /hallo HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n"));
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_TRUE(client.WaitForClose());
  auto garbage = Fetch(server.port(), "\x01\x02 nonsense\r\n\r\n");
  ASSERT_TRUE(garbage);
  EXPECT_EQ(garbage->status, 400);
}

TEST(ServerTest, AnswersExpectContinueBeforeTheBody) {
  TestServer server(HelloRouter());
  Client client(server.port());
  ASSERT_TRUE(
      client.Send("POST /api/v1/acties HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"));
  auto go_on = client.Read(/*head_request=*/false, /*interim=*/true);
  ASSERT_TRUE(go_on);
  EXPECT_EQ(go_on->status, 100);
  ASSERT_TRUE(client.Send("{}"));
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 201);
}

TEST(ServerTest, HandlerExceptionGives500AndServingGoesOn) {
  Router router = HelloRouter();
  router.Add(Method::kGet, "/stuk", [](Request&) -> Response { throw std::runtime_error("kapot"); });
  router.Add(Method::kGet, "/api/stuk", [](Request&) -> Response { throw 42; });
  std::mutex mutex;
  std::vector<std::string> errors;
  TestServer server(std::move(router), TestOptions(), [&](Server& s) {
    s.on_error = [&](const std::string& what) {
      std::lock_guard lock(mutex);
      errors.push_back(what);
    };
  });
  Client client(server.port());
  ASSERT_TRUE(client.Send(Get("/stuk")));
  auto page = client.Read();
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 500);
  EXPECT_EQ(page->Header("content-type"), "text/plain; charset=utf-8");
  ASSERT_TRUE(client.Send(Get("/api/stuk")));
  auto api = client.Read();
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 500);
  EXPECT_NE(api->body.find(R"("code":"internal")"), std::string::npos);
  ASSERT_TRUE(client.Send(Get("/hallo")));
  auto after = client.Read();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
  std::lock_guard lock(mutex);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], "kapot");
}

TEST(ServerTest, AnUnavailableServiceGives503WithRetryAfterNot500) {
  struct DatabaseDown : std::runtime_error {
    DatabaseDown() : std::runtime_error("database niet bereikbaar: connection refused") {}
  };
  Router router = HelloRouter();
  router.Add(Method::kGet, "/api/v1/weg", [](Request&) -> Response { throw DatabaseDown(); });
  router.Add(Method::kGet, "/weg", [](Request&) -> Response { throw DatabaseDown(); });
  router.Add(Method::kGet, "/stuk", [](Request&) -> Response { throw std::runtime_error("kapot"); });
  ServerOptions options = TestOptions();
  options.is_unavailable = [](const std::exception& e) { return dynamic_cast<const DatabaseDown*>(&e) != nullptr; };
  TestServer server(std::move(router), options);
  auto api = Fetch(server.port(), Get("/api/v1/weg"));
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 503);
  EXPECT_EQ(api->Header("retry-after"), "5");
  EXPECT_NE(api->body.find(R"("code":"unavailable")"), std::string::npos);
  auto page = Fetch(server.port(), Get("/weg"));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 503);
  EXPECT_NE(page->body.find("niet bereikbaar"), std::string::npos);
  auto other = Fetch(server.port(), Get("/stuk"));
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 500);
}

TEST(ServerTest, DefaultHeadersGoOnEveryResponseUnlessTheHandlerSetsThem) {
  Router router = HelloRouter();
  router.Add(Method::kGet, "/eigen", [](Request&) {
    Response response = Response::Text("x");
    response.SetHeader("X-Frame-Options", "SAMEORIGIN");
    return response;
  });
  ServerOptions options = TestOptions();
  options.default_headers = {{"X-Frame-Options", "DENY"}, {"X-Content-Type-Options", "nosniff"}};
  TestServer server(std::move(router), options);
  for (const char* path : {"/hallo", "/api/x", "/bestaat-niet"}) {
    auto response = Fetch(server.port(), Get(path));
    ASSERT_TRUE(response) << path;
    EXPECT_EQ(response->Header("x-frame-options"), "DENY") << path;
    EXPECT_EQ(response->Header("x-content-type-options"), "nosniff") << path;
  }
  auto own = Fetch(server.port(), Get("/eigen"));
  ASSERT_TRUE(own);
  EXPECT_EQ(own->Header("x-frame-options"), "SAMEORIGIN");
  auto not_allowed = Fetch(server.port(), Post("/hallo", ""));
  ASSERT_TRUE(not_allowed);
  EXPECT_EQ(not_allowed->Header("x-content-type-options"), "nosniff");
}

TEST(ServerTest, AccessLogHasOneLinePerRequestWithoutTheQuery) {
  std::ostringstream log;
  ServerOptions options = TestOptions();
  options.access_log = &log;
  {
    TestServer server(HelloRouter(), options);
    ASSERT_TRUE(Fetch(server.port(), Get("/hallo?token=geheim")));
    ASSERT_TRUE(Fetch(server.port(), Get("/api/x")));
  }
  std::string text = log.str();
  EXPECT_NE(text.find(" 127.0.0.1 GET /hallo 200 5 "), std::string::npos) << text;
  EXPECT_NE(text.find(" 127.0.0.1 GET /api/x 404 "), std::string::npos) << text;
  EXPECT_EQ(text.find("geheim"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
}

TEST(ServerTest, ListenReportsAnAddressInUse) {
  TestServer first(HelloRouter());
  ServerOptions options = TestOptions();
  options.port = first.port();
  Router router;
  Server second(options, router);
  try {
    second.Listen();
    FAIL() << "Listen() should throw";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("al in gebruik"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace stadshart::http
