#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "http/server.h"
#include "http/test_server.h"

namespace stadshart::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;
using testing::Client;
using testing::Fetch;
using testing::Get;
using testing::TestOptions;
using testing::TestServer;

// A handler that says when it starts and then waits until the test releases it (or 10 s pass).
struct Gate {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::thread::id thread;

  Handler MakeHandler(std::string body) {
    return [this, body](Request&) {
      thread = std::this_thread::get_id();
      entered.set_value();
      released.wait_for(seconds(10));
      return Response::Text(body);
    };
  }
  bool WaitEntered() { return entered.get_future().wait_for(seconds(5)) == std::future_status::ready; }
};

TEST(ServerLifecycleTest, HandlersRunOnWorkersSoASlowOneHoldsUpNoOtherConnection) {
  Gate gate;
  std::thread::id fast_thread;
  Router router;
  router.Add(Method::kGet, "/langzaam", gate.MakeHandler("langzaam"));
  router.Add(Method::kGet, "/snel", [&](Request&) {
    fast_thread = std::this_thread::get_id();
    return Response::Text("snel");
  });
  ServerOptions options = TestOptions();
  options.io_threads = 1;  // the thread that calls Run()
  options.worker_threads = 2;
  TestServer server(std::move(router), options);

  Client slow(server.port());
  ASSERT_TRUE(slow.Send(Get("/langzaam")));
  ASSERT_TRUE(gate.WaitEntered());
  auto fast = Fetch(server.port(), Get("/snel"));
  gate.release.set_value();
  ASSERT_TRUE(fast);
  EXPECT_EQ(fast->body, "snel");
  auto slow_response = slow.Read();
  ASSERT_TRUE(slow_response);
  EXPECT_EQ(slow_response->body, "langzaam");
  EXPECT_NE(gate.thread, server.thread_id());
  EXPECT_NE(fast_thread, server.thread_id());
}

TEST(ServerLifecycleTest, StopFinishesTheRequestInFlightAndClosesIdleConnections) {
  std::promise<void> entered;
  Router router;
  router.Add(Method::kGet, "/hallo", [](Request&) { return Response::Text("hallo"); });
  router.Add(Method::kGet, "/langzaam", [&](Request&) {
    entered.set_value();
    std::this_thread::sleep_for(milliseconds(300));
    return Response::Text("klaar");
  });
  TestServer server(std::move(router));
  Client idle(server.port());
  ASSERT_TRUE(idle.Send(Get("/hallo")));
  ASSERT_TRUE(idle.Read());

  Client busy(server.port());
  ASSERT_TRUE(busy.Send(Get("/langzaam")));
  ASSERT_EQ(entered.get_future().wait_for(seconds(5)), std::future_status::ready);
  server.server().Stop();  // from another thread than Run()'s, while the handler sleeps

  auto response = busy.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "klaar");
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_TRUE(busy.WaitForClose());
  EXPECT_TRUE(idle.WaitForClose());
  EXPECT_TRUE(server.WaitForRunToReturn(seconds(5)));
  EXPECT_FALSE(Client(server.port()).connected());
}

TEST(ServerLifecycleTest, StopClosesConnectionsWhenTheGraceRunsOut) {
  Gate gate;
  Router router;
  router.Add(Method::kGet, "/hangt", gate.MakeHandler("te laat"));
  ServerOptions options = TestOptions();
  options.shutdown_grace = seconds(1);
  TestServer server(std::move(router), options);
  Client client(server.port());
  ASSERT_TRUE(client.Send(Get("/hangt")));
  ASSERT_TRUE(gate.WaitEntered());
  auto start = steady_clock::now();
  server.server().Stop();
  EXPECT_TRUE(client.WaitForClose());
  EXPECT_GE(steady_clock::now() - start, milliseconds(900));
  gate.release.set_value();  // Run() still waits for the handler: a thread cannot be interrupted
  EXPECT_TRUE(server.WaitForRunToReturn(seconds(5)));
}

TEST(ServerLifecycleTest, StopBeforeRunMakesRunReturnAtOnce) {
  Router router;
  Server server(TestOptions(), router);
  server.Listen();
  server.Stop();
  server.Run();
  server.Stop();
}

TEST(ServerLifecycleTest, SigtermStopsTheServer) {
  Router router;
  router.Add(Method::kGet, "/hallo", [](Request&) { return Response::Text("hallo"); });
  ServerOptions options = TestOptions();
  options.handle_signals = true;
  TestServer server(std::move(router), options);
  ASSERT_TRUE(Fetch(server.port(), Get("/hallo")));  // serving, so the signal handler is in place
  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
  EXPECT_TRUE(server.WaitForRunToReturn(seconds(5)));
}

TEST(ServerLifecycleTest, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  Router router;
  router.Add(Method::kGet, "/hallo", [](Request&) { return Response::Text("hallo"); });
  ServerOptions options = TestOptions();
  options.idle_timeout = seconds(1);
  TestServer server(std::move(router), options);
  Client client(server.port());
  ASSERT_TRUE(client.Send(Get("/hallo")));
  ASSERT_TRUE(client.Read());
  auto start = steady_clock::now();
  EXPECT_TRUE(client.WaitForClose());
  auto waited = steady_clock::now() - start;
  EXPECT_GE(waited, milliseconds(500));
  EXPECT_LT(waited, seconds(4));
}

TEST(ServerLifecycleTest, RequestThatDoesNotArriveInTimeIsDropped) {
  Router router;
  router.Add(Method::kGet, "/hallo", [](Request&) { return Response::Text("hallo"); });
  ServerOptions options = TestOptions();
  options.read_timeout = seconds(1);
  TestServer server(std::move(router), options);
  Client client(server.port());
  ASSERT_TRUE(client.Send("GET /hallo HTTP/1.1\r\nHost: t\r\n"));  // never finished
  auto start = steady_clock::now();
  EXPECT_TRUE(client.WaitForClose());
  EXPECT_LT(steady_clock::now() - start, seconds(4));
}

// Several connections at once, on the two I/O threads of TestOptions().
TEST(ServerLifecycleTest, StopFinishesEveryRequestInFlightAndClosesEveryIdleConnection) {
  constexpr int kBusy = 4;
  std::atomic<int> entered{0};
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  Router router;
  router.Add(Method::kGet, "/hallo", [](Request&) { return Response::Text("hallo"); });
  router.Add(Method::kGet, "/langzaam", [&](Request&) {
    ++entered;
    released.wait_for(seconds(10));
    return Response::Text("klaar");
  });
  ServerOptions options = TestOptions();
  ASSERT_EQ(options.io_threads, 2);
  options.worker_threads = kBusy;
  TestServer server(std::move(router), options);

  std::vector<std::unique_ptr<Client>> idle;
  for (int i = 0; i < 2; ++i) {
    idle.push_back(std::make_unique<Client>(server.port()));
    ASSERT_TRUE(idle.back()->Send(Get("/hallo")));
    ASSERT_TRUE(idle.back()->Read());
  }
  std::vector<std::unique_ptr<Client>> busy;
  for (int i = 0; i < kBusy; ++i) {
    busy.push_back(std::make_unique<Client>(server.port()));
    ASSERT_TRUE(busy.back()->Send(Get("/langzaam")));
  }
  auto deadline = steady_clock::now() + seconds(5);
  while (entered < kBusy && steady_clock::now() < deadline) std::this_thread::sleep_for(milliseconds(5));
  ASSERT_EQ(entered, kBusy);

  server.server().Stop();
  for (auto& client : idle) EXPECT_TRUE(client->WaitForClose());
  release.set_value();
  for (auto& client : busy) {
    auto response = client->Read();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, "klaar");
    EXPECT_EQ(response->Header("connection"), "close");
    EXPECT_TRUE(client->WaitForClose());
  }
  EXPECT_TRUE(server.WaitForRunToReturn(seconds(5)));
}

TEST(ServerLifecycleTest, IdleTimeoutClosesEveryIdleConnection) {
  Router router;
  router.Add(Method::kGet, "/hallo", [](Request&) { return Response::Text("hallo"); });
  ServerOptions options = TestOptions();
  options.idle_timeout = seconds(1);
  TestServer server(std::move(router), options);
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < 4; ++i) {
    clients.push_back(std::make_unique<Client>(server.port()));
    ASSERT_TRUE(clients.back()->Send(Get("/hallo")));
    ASSERT_TRUE(clients.back()->Read());
  }
  auto start = steady_clock::now();
  for (auto& client : clients) EXPECT_TRUE(client->WaitForClose());
  auto waited = steady_clock::now() - start;
  EXPECT_GE(waited, milliseconds(500));
  EXPECT_LT(waited, seconds(4));
  // Serving goes on.
  auto response = Fetch(server.port(), Get("/hallo"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "hallo");
}

TEST(ServerLifecycleTest, AHandlerMayTakeLongerThanTheReadTimeout) {
  Router router;
  router.Add(Method::kGet, "/langzaam", [](Request&) {
    std::this_thread::sleep_for(milliseconds(1600));
    return Response::Text("klaar");
  });
  ServerOptions options = TestOptions();
  options.read_timeout = seconds(1);
  TestServer server(std::move(router), options);
  auto response = Fetch(server.port(), Get("/langzaam"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "klaar");
}

TEST(ServerLifecycleTest, ClientThatStopsReadingTheAnswerIsDroppedAfterTheReadTimeout) {
  constexpr std::size_t kSize = 64 * 1024 * 1024;  // more than the socket buffers hold
  Router router;
  router.Add(Method::kGet, "/groot", [](Request&) { return Response::Text(std::string(kSize, 'x')); });
  ServerOptions options = TestOptions();
  options.read_timeout = seconds(1);
  TestServer server(std::move(router), options);
  Client client(server.port());
  ASSERT_TRUE(client.Send(Get("/groot")));
  std::this_thread::sleep_for(milliseconds(2500));
  auto start = steady_clock::now();
  EXPECT_FALSE(client.Read());  // what was sent before the server gave up, then the end
  EXPECT_LT(steady_clock::now() - start, seconds(4));
}

}  // namespace
}  // namespace stadshart::http
