// The only file that sees Boost.Beast and Asio.
//
// One coroutine per connection, on its own strand: wait for the first byte (idle), read and parse the request
// (Beast), answer it, write it, repeat while keep-alive. Answers come from, in order: the response cache (on the
// I/O thread), the server itself (404, 405, 308, parse errors; on the I/O thread), or a route handler (on the
// worker pool, then back to the strand to write). Responses are serialized by wire.cc, not by Beast, so a cached
// answer is written as is with one gathered write.
//
// Shutdown: Stop() posts BeginShutdown() to the control strand (which also runs the accept loop, the signal
// wait and the grace timer). It closes the acceptor and tells every connection, on the connection's strand, to
// close: at once when idle, after the request in hand otherwise. When the last connection is gone the grace
// timer is cancelled and the io_context runs out of work; if the timer fires first, the io_context is stopped
// and Run() closes the sockets that are left.
//
// With one I/O thread the io_context itself serializes everything, so connections get no strand of their own.

#include "http/server.h"

// clang-format off
// g++ 12 with Boost 1.74: <utility> must come before Asio's awaitable.hpp.
#include <utility>
// clang-format on

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <csignal>
#include <cstdint>
#include <ctime>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <type_traits>
#include <unordered_set>
#include <vector>

#include "http/access_log.h"
#include "http/response_cache.h"
#include "http/wire.h"

namespace stadshart::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Parser = bhttp::request_parser<bhttp::string_body>;
using SharedWire = std::shared_ptr<const Wire>;
// Every I/O object lives on one io_context run by one thread, so the concrete executor type does (no type
// erasure, no strands).
using Executor = asio::io_context::executor_type;
using Stream = beast::basic_stream<tcp, Executor>;
using Acceptor = asio::basic_socket_acceptor<tcp, Executor>;
using Timer = asio::basic_waitable_timer<std::chrono::steady_clock, asio::wait_traits<std::chrono::steady_clock>, Executor>;
using SignalSet = asio::basic_signal_set<Executor>;
template <typename T>
using Awaitable = asio::awaitable<T, Executor>;

constexpr std::size_t kReadChunk = 16 * 1024;
// After an error answer the client may still be sending; read and drop that for a while before closing, or the
// kernel answers its data with a reset that can destroy our answer before the client reads it.
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::size_t kLingerBytes = 1024 * 1024;
constexpr std::chrono::milliseconds kAcceptRetryDelay{50};

const asio::use_awaitable_t<Executor> kAwait;

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

Method ToMethod(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

// The error answers the server gives itself: JSON for the API, a short Dutch text for people.
Response ErrorResponse(int status, std::string_view path) {
  const char* code = "internal";
  const char* message = "Er ging iets mis aan onze kant. Probeer het later opnieuw.";
  switch (status) {
    case 400:
      code = "malformed";
      message = "Het verzoek kon niet worden gelezen.";
      break;
    case 404:
      code = "not_found";
      message = "Pagina niet gevonden.";
      break;
    case 405:
      code = "method_not_allowed";
      message = "Deze methode is hier niet toegestaan.";
      break;
    case 413:
      code = "too_large";
      message = "Het verzoek is te groot.";
      break;
    case 431:
      code = "headers_too_large";
      message = "De headers van het verzoek zijn te groot.";
      break;
    default:
      break;
  }
  if (path.starts_with("/api/")) {
    return Response::Json(std::string(R"({"error":{"code":")") + code + R"(","message":")" + message + "\"}}", status);
  }
  return Response::Text(std::string(message) + "\n", status);
}

// The status to answer a failed read with, or 0 to close without an answer (timeout, reset, client gone).
int StatusForReadError(const error_code& ec) {
  if (ec == bhttp::error::header_limit) return 431;
  if (ec == bhttp::error::body_limit) return 413;
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return 0;
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) return 400;
  return 0;
}

// Feeds what `buffer` already holds to `parser`, up to the end of the header. Leaves `ec` clear when it simply
// needs more bytes.
void ParseBufferedHeader(Parser& parser, beast::flat_buffer& buffer, error_code& ec) {
  while (buffer.size() > 0 && !parser.is_header_done()) {
    std::size_t used = parser.put(buffer.data(), ec);
    buffer.consume(used);
    if (ec == bhttp::error::need_more) {
      ec = {};
      return;
    }
    if (ec || used == 0) return;
  }
}

// Runs `function` on `pool` and completes with its result on the caller's executor (for a coroutine: back on
// its strand), keeping that executor's io_context busy meanwhile. `function` must not throw.
template <typename Function, typename Token>
auto RunOnPool(asio::thread_pool& pool, Function function, Token&& token) {
  using Result = std::invoke_result_t<Function&>;
  static_assert(std::is_nothrow_invocable_v<Function&>);
  return asio::async_initiate<Token, void(Result)>(
      [&pool](auto handler, Function function) {
        auto executor = asio::prefer(asio::get_associated_executor(handler), asio::execution::outstanding_work.tracked);
        asio::post(pool, [handler = std::move(handler), function = std::move(function),
                          executor = std::move(executor)]() mutable {
          Result result = function();
          asio::dispatch(executor, [handler = std::move(handler), result = std::move(result)]() mutable {
            std::move(handler)(std::move(result));
          });
        });
      },
      token, std::move(function));
}

// The Date line for now, formatted at most once a second per thread.
const std::string& CurrentDateLine() {
  thread_local std::time_t formatted_second = -1;
  thread_local std::string line;
  std::time_t now = std::time(nullptr);
  if (now != formatted_second) {
    line = DateLine(now);
    formatted_second = now;
  }
  return line;
}

// The bytes of `wire` as one gathered write, with the Date line and the Connection header this request needs.
// `date_line` must stay unchanged until the write completes.
std::array<asio::const_buffer, 5> WireBuffers(const Wire& wire, std::string_view date_line, bool head, bool keep_alive,
                                              unsigned version) {
  std::string_view connection_header;
  if (!keep_alive) {
    connection_header = "Connection: close\r\n";
  } else if (version < 11) {
    connection_header = "Connection: keep-alive\r\n";
  }
  return {asio::buffer(wire.head), asio::buffer(date_line), asio::buffer(connection_header), asio::buffer("\r\n", 2),
          head ? asio::const_buffer() : asio::buffer(wire.body)};
}

struct Connection {
  explicit Connection(Stream::socket_type socket) : stream(std::move(socket)) {}

  Stream stream;  // on the io_context of one I/O thread
  beast::flat_buffer buffer;
  std::string remote_address;
  std::string date_line;  // of the answer being written
  // Only touched on the connection's I/O thread:
  bool idle = false;     // waiting for a request (or lingering): shutdown closes it at once
  bool closing = false;  // shutdown began: answer the request in hand, then close
};

// One I/O thread: an io_context that only this thread runs.
struct Loop {
  asio::io_context context{1};
  // Keeps run() going while the loop has nothing to do, until shutdown begins.
  std::optional<asio::executor_work_guard<Executor>> keep_running{context.get_executor()};
};

// Destroyed front to back: only the first loop may hold objects of another (a socket being accepted).
struct Loops : std::vector<std::unique_ptr<Loop>> {
  Loops() = default;
  Loops(Loops&&) = default;
  Loops& operator=(Loops&&) = default;
  ~Loops() {
    for (auto& loop : *this) loop.reset();
  }
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions server_options, const Router& server_router, Server& server)
      : options(std::move(server_options)),
        router(server_router),
        owner(server),
        access_log(options.access_log),
        loops(MakeLoops(options.io_threads)),
        control(loops.front()->context.get_executor()),
        acceptor(control),
        grace_timer(control) {}

  static Loops MakeLoops(int count) {
    Loops made;
    for (int i = 0; i < std::max(1, count); ++i) made.push_back(std::make_unique<Loop>());
    return made;
  }

  void Listen();
  void Run();
  void BeginShutdown();  // on `control`
  void ReportError(const std::string& what) noexcept;

  Awaitable<void> AcceptLoop();
  Awaitable<void> Serve(std::shared_ptr<Connection> connection);
  Awaitable<void> ServeRequests(Connection& c);
  Awaitable<SharedWire> Answer(Connection& c, Parser::value_type& message, Method method);
  // The request carries credentials (Authorization, or a cookie in options.private_cookies): no response cache.
  bool Personal(const Parser::value_type& message) const;
  SharedWire AnswerWithoutRoute(Method method, TargetParts parts, bool path_known) const;
  Request MakeRequest(Connection& c, Parser::value_type& message, Method method, TargetParts parts) const;
  Awaitable<void> LingeringClose(Connection& c);
  SharedWire MakeWire(Response response) const {
    return std::make_shared<const Wire>(Serialize(std::move(response), options.default_headers));
  }

  const ServerOptions options;
  const Router& router;
  Server& owner;
  ResponseCache cache;
  AccessLog access_log;
  unsigned short bound_port = 0;
  std::atomic<bool> stop_requested{false};

  std::mutex connections_mutex;
  std::unordered_set<std::shared_ptr<Connection>> connections;  // guarded by connections_mutex
  bool shutting_down = false;                                   // guarded by connections_mutex

  // Declared after everything their pending handlers use, so they are destroyed first.
  // loops[0] is run by the thread that calls Run() and also runs the accept loop, the signal wait and the grace
  // timer. Destroyed front to back: only loops[0] may hold objects of another loop (a socket being accepted).
  Loops loops;
  Executor control;          // loops[0]
  std::size_t next_loop = 0;  // round robin of accepted connections; only on loops[0]
  Acceptor acceptor;
  Timer grace_timer;
  std::optional<SignalSet> signals;
  std::optional<asio::thread_pool> workers;  // destroyed before the loops: its dropped work may refer to them
};

void Server::Impl::Listen() {
  error_code ec;
  asio::ip::address address = asio::ip::make_address(options.bind, ec);
  if (ec) throw std::runtime_error("Ongeldig adres om op te luisteren: '" + options.bind + "'");
  tcp::endpoint endpoint(address, options.port);
  std::string where = (address.is_v6() ? "[" + options.bind + "]" : options.bind) + ":" + std::to_string(options.port);

  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (ec == asio::error::address_in_use) throw std::runtime_error("Adres " + where + " is al in gebruik");
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    acceptor.close();
    throw std::runtime_error("Kan niet luisteren op " + where + ": " + ec.message());
  }
  bound_port = acceptor.local_endpoint().port();
}

void Server::Impl::Run() {
  if (!acceptor.is_open()) throw std::logic_error("Server::Run() called before Listen()");
  if (stop_requested.load()) return;

  workers.emplace(static_cast<std::size_t>(std::max(1, options.worker_threads)));
  asio::co_spawn(control, AcceptLoop(), asio::detached);
  if (options.handle_signals) {
    signals.emplace(control, SIGINT, SIGTERM);
    signals->async_wait([this](const error_code& ec, int /*signal*/) {
      if (!ec) owner.Stop();
    });
  }

  auto run = [this](Loop& loop) {
    for (;;) {
      try {
        loop.context.run();
        return;
      } catch (const std::exception& e) {
        ReportError(e.what());
      } catch (...) {
        ReportError("unknown exception on an I/O thread");
      }
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < loops.size(); ++i) threads.emplace_back(run, std::ref(*loops[i]));
  run(*loops.front());
  for (std::thread& thread : threads) thread.join();

  // Connections are left only when the grace ran out and the io_context was stopped. No I/O thread runs now,
  // so their sockets can be closed from here; their coroutines are destroyed with the io_context.
  {
    std::lock_guard lock(connections_mutex);
    for (const auto& connection : connections) {
      error_code ignored;
      connection->stream.socket().close(ignored);
    }
    connections.clear();
  }
  // Normally idle by now; after a forced stop this drops handlers that have not started and waits for the
  // running ones (a thread cannot be interrupted).
  workers->stop();
  workers->join();
}

void Server::Impl::BeginShutdown() {
  error_code ignored;
  acceptor.close(ignored);
  if (signals) signals->cancel(ignored);

  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(connections_mutex);
    shutting_down = true;
    open.assign(connections.begin(), connections.end());
  }
  for (const auto& connection : open) {
    asio::post(connection->stream.get_executor(), [connection] {
      connection->closing = true;
      if (connection->idle) connection->stream.cancel();
    });
  }
  // From now on each loop runs while it has work: its connections, and handlers of theirs on the workers.
  for (auto& loop : loops) loop->keep_running.reset();
  if (open.empty()) return;
  grace_timer.expires_after(options.shutdown_grace);
  grace_timer.async_wait([this](const error_code& ec) {
    if (ec) return;
    for (auto& loop : loops) loop->context.stop();
  });
}

void Server::Impl::ReportError(const std::string& what) noexcept {
  if (!owner.on_error) return;
  try {
    owner.on_error(what);
  } catch (...) {  // NOLINT(bugprone-empty-catch): a failing error reporter must not take the server down
  }
}

Awaitable<void> Server::Impl::AcceptLoop() {
  for (;;) {
    // Connections go round robin to the I/O threads, and stay on theirs.
    Loop& loop = *loops[next_loop];
    next_loop = (next_loop + 1) % loops.size();
    Stream::socket_type socket(loop.context);
    error_code ec;
    co_await acceptor.async_accept(socket, asio::redirect_error(kAwait, ec));
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) {  // e.g. out of file descriptors: wait a little instead of spinning
      Timer pause(control, kAcceptRetryDelay);
      co_await pause.async_wait(asio::redirect_error(kAwait, ec));
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    tcp::endpoint peer = socket.remote_endpoint(ec);
    auto connection = std::make_shared<Connection>(std::move(socket));
    if (!ec) connection->remote_address = peer.address().to_string();
    {
      std::lock_guard lock(connections_mutex);
      if (shutting_down) co_return;
      connections.insert(connection);
    }
    auto executor = connection->stream.get_executor();
    asio::co_spawn(executor, Serve(std::move(connection)), asio::detached);
  }
}

Awaitable<void> Server::Impl::Serve(std::shared_ptr<Connection> connection) {
  try {
    co_await ServeRequests(*connection);
  } catch (const std::exception& e) {
    ReportError(e.what());
  } catch (...) {
    ReportError("unknown exception while serving a connection");
  }
  error_code ignored;
  connection->stream.socket().close(ignored);
  bool last = false;
  {
    std::lock_guard lock(connections_mutex);
    connections.erase(connection);
    last = shutting_down && connections.empty();
  }
  if (last) asio::post(control, [this] { grace_timer.cancel(); });
}

Awaitable<void> Server::Impl::ServeRequests(Connection& c) {
  bool first = true;
  for (;;) {
    error_code ec;
    if (c.buffer.size() == 0) {  // nothing pipelined: wait for the next request
      if (c.closing || stop_requested.load(std::memory_order_relaxed)) co_return;
      c.idle = true;
      c.stream.expires_after(first ? options.read_timeout : options.idle_timeout);
      std::size_t n = co_await c.stream.async_read_some(c.buffer.prepare(kReadChunk), asio::redirect_error(kAwait, ec));
      c.idle = false;
      if (ec) co_return;
      c.buffer.commit(n);
    }
    first = false;
    std::chrono::system_clock::time_point arrived;
    std::chrono::steady_clock::time_point started;
    if (access_log.enabled()) {
      arrived = std::chrono::system_clock::now();
      started = std::chrono::steady_clock::now();
    }

    // The whole request must arrive within read_timeout.
    Parser parser;
    parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(options.max_header_bytes, UINT32_MAX)));
    parser.body_limit(options.max_body_bytes);
    c.stream.expires_after(options.read_timeout);
    ParseBufferedHeader(parser, c.buffer, ec);  // usually all there: saves an asynchronous round
    if (!ec && !parser.is_header_done()) {
      co_await bhttp::async_read_header(c.stream, c.buffer, parser, asio::redirect_error(kAwait, ec));
    }
    if (!ec && !parser.is_done()) {
      Parser::value_type& header = parser.get();
      if (header.version() >= 11 && beast::iequals(header[bhttp::field::expect], "100-continue")) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        co_await asio::async_write(c.stream, asio::buffer(kContinue), asio::redirect_error(kAwait, ec));
      }
      if (!ec) co_await bhttp::async_read(c.stream, c.buffer, parser, asio::redirect_error(kAwait, ec));
    }

    Parser::value_type& message = parser.get();
    Method method = ToMethod(message.method());
    SharedWire wire;
    bool from_cache = false;
    bool keep_alive = false;
    if (ec) {
      int status = StatusForReadError(ec);
      if (status == 0) co_return;
      wire = MakeWire(ErrorResponse(status, SplitTarget(View(message.target())).path));
    } else {
      if ((method == Method::kGet || method == Method::kHead) && !Personal(message)) {
        wire = cache.Find(View(message.target()));
      }
      from_cache = wire != nullptr;
      if (!wire) wire = co_await Answer(c, message, method);
      if (!wire) wire = MakeWire(ErrorResponse(500, SplitTarget(View(message.target())).path));
      keep_alive =
          message.keep_alive() && !wire->close && !c.closing && !stop_requested.load(std::memory_order_relaxed);
    }

    bool head = method == Method::kHead && !ec;
    c.stream.expires_after(options.read_timeout);  // also bounds writing the answer
    c.date_line = CurrentDateLine();
    co_await asio::async_write(c.stream, WireBuffers(*wire, c.date_line, head, keep_alive, message.version()),
                               asio::redirect_error(kAwait, ec));
    bool written = !ec;
    if (access_log.enabled()) {
      access_log.Write(AccessLogEntry{.time = arrived,
                                      .remote_address = c.remote_address,
                                      .method = View(message.method_string()),
                                      .target = View(message.target()),
                                      .status = wire->status,
                                      .body_bytes = head ? 0 : wire->body.size(),
                                      .duration = std::chrono::steady_clock::now() - started,
                                      .from_cache = from_cache});
    }
    if (!written) co_return;
    if (!keep_alive) {
      co_await LingeringClose(c);
      co_return;
    }
  }
}

bool Server::Impl::Personal(const Parser::value_type& message) const {
  if (message.find(bhttp::field::authorization) != message.end()) return true;
  if (options.private_cookies.empty()) return false;
  for (auto it = message.find(bhttp::field::cookie); it != message.end() && it->name() == bhttp::field::cookie; ++it) {
    std::string_view cookies = View(it->value());
    for (const std::string& name : options.private_cookies) {
      for (size_t at = cookies.find(name); at != std::string_view::npos; at = cookies.find(name, at + 1)) {
        bool starts = at == 0 || cookies[at - 1] == ' ' || cookies[at - 1] == ';';
        bool ends = at + name.size() < cookies.size() && cookies[at + name.size()] == '=';
        if (starts && ends) return true;
      }
    }
  }
  return false;
}

Awaitable<SharedWire> Server::Impl::Answer(Connection& c, Parser::value_type& message, Method method) {
  TargetParts parts = SplitTarget(View(message.target()));
  if (parts.path.empty()) co_return MakeWire(ErrorResponse(400, {}));
  Router::Match match = router.Find(method, parts.path);
  if (match.route == nullptr) co_return AnswerWithoutRoute(method, parts, match.path_known);

  Request request = MakeRequest(c, message, method, parts);
  request.path_params = std::move(match.params);
  const Route& route = *match.route;
  bool store = route.options.cacheable && method == Method::kGet && !Personal(message);
  std::uint64_t generation = cache.generation();
  co_return co_await RunOnPool(
      *workers,
      [&]() noexcept -> SharedWire {
        try {
          Response response;
          try {
            response = route.handler(request);
          } catch (const std::exception& e) {
            ReportError(e.what());
            response = ErrorResponse(500, parts.path);
          } catch (...) {
            ReportError("unknown exception in handler for " + route.pattern);
            response = ErrorResponse(500, parts.path);
          }
          // A successful change may alter any cached page. OPTIONS is safe (RFC 9110 §9.2.1), like GET and HEAD.
          bool safe = method == Method::kGet || method == Method::kHead || method == Method::kOptions;
          if (!safe && response.status < 400) cache.Clear();
          SharedWire wire = MakeWire(std::move(response));
          if (store && wire->status == 200) cache.Store(request.target, wire, generation);
          return wire;
        } catch (...) {  // out of memory while building the answer
          return nullptr;
        }
      },
      kAwait);
}

SharedWire Server::Impl::AnswerWithoutRoute(Method method, TargetParts parts, bool path_known) const {
  static constexpr std::array kMethods = {Method::kGet,   Method::kHead,   Method::kPost,   Method::kPut,
                                          Method::kPatch, Method::kDelete, Method::kOptions};
  if (path_known) {
    std::string allow;
    for (Method candidate : kMethods) {
      if (router.Find(candidate, parts.path).route == nullptr) continue;
      if (!allow.empty()) allow.append(", ");
      allow.append(MethodName(candidate));
    }
    Response response = ErrorResponse(405, parts.path);
    response.SetHeader("Allow", std::move(allow));
    return MakeWire(std::move(response));
  }
  // "/plan/" -> 308 "/plan" when that exists. Never to "//host", which a browser reads as another site.
  std::string_view trimmed = parts.path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.remove_suffix(1);
  if (trimmed.size() < parts.path.size() && !trimmed.starts_with("//")) {
    Router::Match without_slash = router.Find(method, trimmed);
    if (without_slash.route != nullptr || without_slash.path_known) {
      std::string location(trimmed);
      if (!parts.query.empty()) location.append("?").append(parts.query);
      return MakeWire(Response::Redirect(std::move(location), 308));
    }
  }
  return MakeWire(ErrorResponse(404, parts.path));
}

Request Server::Impl::MakeRequest(Connection& c, Parser::value_type& message, Method method, TargetParts parts) const {
  Request request;
  request.method = method;
  request.target = std::string(View(message.target()));
  request.path = UrlDecode(parts.path, false);
  request.query = ParseUrlEncoded(parts.query);
  for (const auto& field : message) {
    std::string name(View(field.name_string()));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](char ch) { return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch; });
    request.headers.emplace_back(std::move(name), std::string(View(field.value())));
  }
  request.body = std::move(message.body());
  request.remote_address = c.remote_address;
  return request;
}

Awaitable<void> Server::Impl::LingeringClose(Connection& c) {
  error_code ec;
  c.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec || c.closing) co_return;
  c.idle = true;
  c.stream.expires_after(kLingerTime);
  std::size_t drained = 0;
  while (!ec && drained < kLingerBytes) {
    c.buffer.consume(c.buffer.size());
    drained += co_await c.stream.async_read_some(c.buffer.prepare(kReadChunk), asio::redirect_error(kAwait, ec));
  }
}

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router, *this)) {}

Server::~Server() = default;

void Server::Listen() { impl_->Listen(); }

unsigned short Server::port() const { return impl_->bound_port; }

void Server::Run() { impl_->Run(); }

void Server::Stop() {
  if (impl_->stop_requested.exchange(true)) return;
  asio::post(impl_->control, [impl = impl_.get()] { impl->BeginShutdown(); });
}

}  // namespace stadshart::http
