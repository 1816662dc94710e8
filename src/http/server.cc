// The only file that sees Boost.Beast and Asio.
//
// Threads: the I/O threads all run one io_context, so whichever thread is free takes the next ready connection (a
// thread that the OS pauses holds up nobody else). A connection needs no strand: its coroutine has one operation
// under way at most, so it runs on one thread at a time; see Connection for what other threads may touch. The
// executor is the io_context's own type, not the type-erased any_io_executor.
//
// One coroutine per connection: wait for the first byte (idle), read and parse the request (Beast's parser, into
// buffers the connection keeps), answer it, write it, repeat while keep-alive. Answers come from, in order: the
// response cache (on the I/O thread), the server itself (404, 405, 308, parse errors; on the I/O thread), or a
// route handler (on the worker pool, then back to an I/O thread to write). Responses are serialized by wire.cc,
// not by Beast, so a cached answer is written as is with one gathered write. A cache hit allocates nothing and
// takes no exclusive lock.
//
// Timeouts: a connection has a deadline (read_timeout while a request or its answer is under way, idle_timeout
// between requests, none while a handler runs) and one watchdog timer checks them all, every watchdog_tick while
// there are connections, shutting down those past theirs. Setting a deadline is a clock read and a store, where
// Beast's tcp_stream armed and cancelled a timer for every read and every write.
//
// Shutdown: Stop() posts BeginShutdown() to the control strand (which also runs the accept loop, the signal wait
// and the grace timer). It closes the acceptor and tells every connection to close: at once when idle, after the
// request in hand otherwise. When the last connection is gone the grace timer is cancelled and the io_context
// runs out of work; if the timer fires first, the io_context is stopped and Run() closes the sockets that are
// left.

#include "http/server.h"

// clang-format off
// g++ 12 with Boost 1.74: <utility> must come before Asio's awaitable.hpp.
#include <utility>
// clang-format on

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <csignal>
#include <cstdint>
#include <ctime>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <type_traits>
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
using SharedWire = std::shared_ptr<const Wire>;
// The io_context's own executor type, not the type-erased any_io_executor: nothing to copy or look up per
// operation. Connections need no strand (see Connection); only the control work has one.
using Executor = asio::io_context::executor_type;
using ControlExecutor = asio::strand<Executor>;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Acceptor = asio::basic_socket_acceptor<tcp, Executor>;
using Clock = std::chrono::steady_clock;
using Timer = asio::basic_waitable_timer<Clock, asio::wait_traits<Clock>, Executor>;
using SignalSet = asio::basic_signal_set<Executor>;
template <typename T>
using Awaitable = asio::awaitable<T, Executor>;
template <typename T>
using ControlAwaitable = asio::awaitable<T, ControlExecutor>;

constexpr std::size_t kReadChunk = 16 * 1024;
// After an error answer the client may still be sending; read and drop that for a while before closing, or the
// kernel answers its data with a reset that can destroy our answer before the client reads it. Bounded by time and
// bytes; the bytes cover a client that sends several times the body limit (a 2 MB body to a 1 MB limit left a few
// hundred bytes unread with a 1 MB bound, and the reset then lost the 413 now and then).
constexpr std::chrono::seconds kLingerTime{3};
constexpr std::size_t kLingerBytes = 16 * 1024 * 1024;
constexpr std::chrono::milliseconds kAcceptRetryDelay{50};

const asio::use_awaitable_t<Executor> kAwait;
const asio::use_awaitable_t<ControlExecutor> kControlAwait;

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
    case 503:
      code = "unavailable";
      message = "De database is even niet bereikbaar. Probeer het over een paar seconden opnieuw.";
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

// One request as read, kept by its connection and reused for the next request, so that reading one allocates
// nothing once the connection has served a request or two: names and values go into one text, not a string each.
struct RequestData {
  struct FieldAt {
    bhttp::field known;  // field::unknown for names Beast does not know
    std::uint32_t name_at, name_size, value_at, value_size;
  };
  bhttp::verb verb = bhttp::verb::unknown;
  std::string method;  // as sent
  std::string target;
  unsigned version = 11;
  std::string field_text;
  std::vector<FieldAt> fields;
  bool expect_continue = false;  // the first Expect header asks for 100-continue
  std::string body;

  void Clear() {
    verb = bhttp::verb::unknown;
    method.clear();
    target.clear();
    version = 11;
    field_text.clear();
    fields.clear();
    expect_continue = false;
    body.clear();
  }
  std::string_view Name(const FieldAt& f) const { return std::string_view(field_text).substr(f.name_at, f.name_size); }
  std::string_view Value(const FieldAt& f) const {
    return std::string_view(field_text).substr(f.value_at, f.value_size);
  }
};

// Beast's request parser writing into a RequestData instead of a beast::http::request, whose fields take one
// allocation each. Make one per request (Beast's parsers cannot be reused); Clear() the data first.
class RequestParser : public bhttp::basic_parser<true> {
 public:
  explicit RequestParser(RequestData& data) : data_(data) {}

 private:
  void on_request_impl(bhttp::verb verb, beast::string_view method_text, beast::string_view target, int version,
                       error_code& /*ec*/) override {
    data_.verb = verb;
    data_.method.assign(method_text.data(), method_text.size());
    data_.target.assign(target.data(), target.size());
    data_.version = static_cast<unsigned>(version);
  }
  void on_response_impl(int, beast::string_view, int, error_code&) override {}
  void on_field_impl(bhttp::field known, beast::string_view name, beast::string_view value,
                     error_code& /*ec*/) override {
    // The header limit (at most 4 GB) bounds the text, so the offsets fit.
    auto at = static_cast<std::uint32_t>(data_.field_text.size());
    data_.field_text.append(name.data(), name.size()).append(value.data(), value.size());
    data_.fields.push_back({known, at, static_cast<std::uint32_t>(name.size()),
                            at + static_cast<std::uint32_t>(name.size()), static_cast<std::uint32_t>(value.size())});
    if (known == bhttp::field::expect &&
        std::none_of(data_.fields.begin(), data_.fields.end() - 1,
                     [](const RequestData::FieldAt& f) { return f.known == bhttp::field::expect; })) {
      data_.expect_continue = beast::iequals(value, "100-continue");
    }
  }
  void on_header_impl(error_code& /*ec*/) override {}
  // As beast::http::string_body does.
  void on_body_init_impl(const boost::optional<std::uint64_t>& content_length, error_code& ec) override {
    if (content_length) {
      if (*content_length > data_.body.max_size()) {
        ec = bhttp::error::buffer_overflow;
        return;
      }
      data_.body.reserve(static_cast<std::size_t>(*content_length));
    }
  }
  std::size_t on_body_impl(beast::string_view body, error_code& /*ec*/) override {
    data_.body.append(body.data(), body.size());
    return body.size();
  }
  void on_chunk_header_impl(std::uint64_t /*size*/, beast::string_view /*extensions*/, error_code& /*ec*/) override {}
  std::size_t on_chunk_body_impl(std::uint64_t /*remain*/, beast::string_view body, error_code& ec) override {
    return on_body_impl(body, ec);
  }
  void on_finish_impl(error_code& /*ec*/) override {}

  RequestData& data_;
};

// Feeds what `buffer` already holds to `parser`, up to the end of the header. Leaves `ec` clear when it simply
// needs more bytes.
void ParseBufferedHeader(RequestParser& parser, beast::flat_buffer& buffer, error_code& ec) {
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
// an I/O thread), keeping that executor's io_context busy meanwhile. `function` must not throw.
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

constexpr Clock::rep kNoDeadline = std::numeric_limits<Clock::rep>::max();

// A connection is served by one coroutine, which runs on one I/O thread at a time (whichever picks up its next
// completion) and has one operation under way at most: what only the coroutine touches needs no strand or lock.
// The watchdog and shutdown, on other threads, touch only the atomics, and shut the socket down with
// ::shutdown() while the connection is in Impl::connections (its descriptor stays open until it leaves the list).
struct Connection {
  enum State { kBusy, kIdle, kShut };

  explicit Connection(Socket connected) : socket(std::move(connected)) {}

  // Shuts the socket down: whatever it waits for ends (a read with end of stream, a write with an error), and so
  // does anything it tries next. Any thread, while the connection is in Impl::connections.
  void ShutDown() { ::shutdown(socket.native_handle(), SHUT_RDWR); }
  void SetDeadline(Clock::duration from_now) {
    deadline.store((Clock::now() + from_now).time_since_epoch().count(), std::memory_order_relaxed);
  }
  void ClearDeadline() { deadline.store(kNoDeadline, std::memory_order_relaxed); }
  // kIdle -> kBusy; false when shutdown shut the socket meanwhile.
  bool LeaveIdle() {
    int idle = kIdle;
    return state.compare_exchange_strong(idle, kBusy);
  }

  // Only the coroutine:
  Socket socket;
  beast::flat_buffer buffer;
  RequestData request;  // the one being answered
  std::string remote_address;
  std::string date_line;  // of the answer being written
  // Also the watchdog and shutdown:
  std::atomic<Clock::rep> deadline{kNoDeadline};  // the watchdog shuts the socket down once this has passed
  std::atomic<int> state{kBusy};  // kIdle: waiting for a request (or lingering), which shutdown may end at once
  std::atomic<bool> closing{false};  // shutdown began: answer the request in hand, then close
  // In Impl::connections, guarded by Impl::connections_mutex.
  Connection* previous = nullptr;
  Connection* next = nullptr;
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions server_options, const Router& server_router, Server& server)
      : options(std::move(server_options)),
        router(server_router),
        owner(server),
        access_log(options.access_log),
        watchdog_tick(WatchdogTick(options)),
        ioc(std::max(1, options.io_threads)),
        control(asio::make_strand(ioc)),
        acceptor(ioc),
        grace_timer(ioc),
        watchdog(ioc) {}

  static Clock::duration WatchdogTick(const ServerOptions& options) {
    Clock::duration shortest = std::min(options.read_timeout, options.idle_timeout);
    return std::clamp<Clock::duration>(shortest / 8, std::chrono::milliseconds(10), std::chrono::milliseconds(500));
  }

  void Listen();
  void Run();
  void BeginShutdown();  // on `control`
  void ReportError(const std::string& what) noexcept;

  ControlAwaitable<void> AcceptLoop();
  Awaitable<void> Serve(Socket socket, tcp::endpoint peer);
  void Watch();  // with connections_mutex held
  Awaitable<void> ServeRequests(Connection& c);
  Awaitable<SharedWire> Answer(Connection& c, Method method);
  // The request carries credentials (Authorization, or a cookie in options.private_cookies): no response cache.
  bool Personal(const RequestData& request) const;
  SharedWire AnswerWithoutRoute(Method method, TargetParts parts, bool path_known) const;
  Request MakeRequest(Connection& c, Method method, TargetParts parts) const;
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

  // How often the watchdog looks at the connections' deadlines: timeouts are that much late at most.
  const Clock::duration watchdog_tick;

  std::mutex connections_mutex;
  Connection* connections = nullptr;  // an intrusive list of the connections being served; guarded by the mutex
  std::size_t open_connections = 0;   // also counts those accepted but not started; guarded by the mutex
  bool shutting_down = false;         // guarded by connections_mutex
  bool watching = false;              // the watchdog timer is set; guarded by connections_mutex

  // Declared after everything their pending handlers use, so they are destroyed first.
  asio::io_context ioc;
  ControlExecutor control;  // accept loop, signals, grace timer
  Acceptor acceptor;
  Timer grace_timer;
  Timer watchdog;  // guarded by connections_mutex
  std::optional<SignalSet> signals;
  std::optional<asio::thread_pool> workers;  // destroyed before ioc: its dropped work may refer to ioc
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
    signals.emplace(ioc, SIGINT, SIGTERM);
    signals->async_wait(asio::bind_executor(control, [this](const error_code& ec, int /*signal*/) {
      if (!ec) owner.Stop();
    }));
  }

  auto run = [this] {
    for (;;) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& e) {
        ReportError(e.what());
      } catch (...) {
        ReportError("unknown exception on an I/O thread");
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 1; i < options.io_threads; ++i) threads.emplace_back(run);
  run();
  for (std::thread& thread : threads) thread.join();

  // Connections are left only when the grace ran out and the io_context was stopped. No I/O thread runs now, so
  // their sockets can be closed from here; their coroutines are destroyed with the io_context.
  for (Connection* c = connections; c != nullptr; c = c->next) {
    error_code ignored;
    c->socket.close(ignored);
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

  bool none_open = false;
  {
    std::lock_guard lock(connections_mutex);
    shutting_down = true;
    none_open = open_connections == 0;
    // Those accepted but not yet in the list see stop_requested before they wait for a request.
    for (Connection* c = connections; c != nullptr; c = c->next) {
      c->closing = true;
      int idle = Connection::kIdle;
      if (c->state.compare_exchange_strong(idle, Connection::kShut)) c->ShutDown();
    }
  }
  if (none_open) return;
  grace_timer.expires_after(options.shutdown_grace);
  grace_timer.async_wait(asio::bind_executor(control, [this](const error_code& ec) {
    if (!ec) ioc.stop();
  }));
}

void Server::Impl::ReportError(const std::string& what) noexcept {
  if (!owner.on_error) return;
  try {
    owner.on_error(what);
  } catch (...) {  // NOLINT(bugprone-empty-catch): a failing error reporter must not take the server down
  }
}

ControlAwaitable<void> Server::Impl::AcceptLoop() {
  for (;;) {
    Socket socket(ioc);
    tcp::endpoint peer;
    error_code ec;
    co_await acceptor.async_accept(socket, peer, asio::redirect_error(kControlAwait, ec));
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) {  // e.g. out of file descriptors: wait a little instead of spinning
      Timer pause(ioc, kAcceptRetryDelay);
      co_await pause.async_wait(asio::redirect_error(kControlAwait, ec));
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);  // answers go out in one write: never wait for an ACK first
    {
      std::lock_guard lock(connections_mutex);
      if (shutting_down) co_return;
      ++open_connections;
    }
    asio::co_spawn(ioc, Serve(std::move(socket), peer), asio::detached);
  }
}

Awaitable<void> Server::Impl::Serve(Socket socket, tcp::endpoint peer) {
  Connection connection(std::move(socket));
  {
    std::lock_guard lock(connections_mutex);
    connection.next = connections;
    if (connections != nullptr) connections->previous = &connection;
    connections = &connection;
    if (!watching) Watch();
  }
  try {
    connection.remote_address = peer.address().to_string();
    co_await ServeRequests(connection);
  } catch (const std::exception& e) {
    ReportError(e.what());
  } catch (...) {
    ReportError("unknown exception while serving a connection");
  }
  bool last = false;
  {
    std::lock_guard lock(connections_mutex);
    (connection.previous != nullptr ? connection.previous->next : connections) = connection.next;
    if (connection.next != nullptr) connection.next->previous = connection.previous;
    error_code ignored;
    if (connections == nullptr) watchdog.cancel(ignored);  // no wake-ups without connections; none at shutdown
    --open_connections;
    last = shutting_down && open_connections == 0;
  }
  error_code ignored;
  connection.socket.close(ignored);  // out of the list: nobody else uses the descriptor now
  if (last) asio::post(control, [this] { grace_timer.cancel(); });
}

void Server::Impl::Watch() {
  watching = true;
  watchdog.expires_after(watchdog_tick);
  watchdog.async_wait([this](const error_code& ec) {
    std::lock_guard lock(connections_mutex);
    watching = false;
    if (!ec) {
      Clock::rep now = Clock::now().time_since_epoch().count();
      for (Connection* c = connections; c != nullptr; c = c->next) {
        if (c->deadline.load(std::memory_order_relaxed) > now) continue;
        c->ClearDeadline();
        c->ShutDown();
      }
    }
    // Cancelled when the last connection left; one may have come since.
    if (connections != nullptr) Watch();
  });
}

Awaitable<void> Server::Impl::ServeRequests(Connection& c) {
  bool first = true;
  for (;;) {
    error_code ec;
    if (c.buffer.size() == 0) {  // nothing pipelined: wait for the next request
      c.SetDeadline(first ? options.read_timeout : options.idle_timeout);
      c.state = Connection::kIdle;
      // Shutdown sets `closing`, then shuts down the connections it finds idle: one of the two sees the other.
      if (c.closing || stop_requested.load(std::memory_order_relaxed)) co_return;
      std::size_t n = co_await c.socket.async_read_some(c.buffer.prepare(kReadChunk), asio::redirect_error(kAwait, ec));
      if (!c.LeaveIdle() || ec) co_return;
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
    c.request.Clear();
    RequestParser parser(c.request);
    parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(options.max_header_bytes, UINT32_MAX)));
    parser.body_limit(options.max_body_bytes);
    c.SetDeadline(options.read_timeout);
    ParseBufferedHeader(parser, c.buffer, ec);  // usually all there: saves an asynchronous round
    if (!ec && !parser.is_header_done()) {
      co_await bhttp::async_read_header(c.socket, c.buffer, parser, asio::redirect_error(kAwait, ec));
    }
    if (!ec && !parser.is_done()) {
      if (c.request.version >= 11 && c.request.expect_continue) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        co_await asio::async_write(c.socket, asio::buffer(kContinue), asio::redirect_error(kAwait, ec));
      }
      if (!ec) co_await bhttp::async_read(c.socket, c.buffer, parser, asio::redirect_error(kAwait, ec));
    }

    const RequestData& request = c.request;
    Method method = ToMethod(request.verb);
    SharedWire wire;
    bool from_cache = false;
    bool keep_alive = false;
    if (ec) {
      int status = StatusForReadError(ec);
      if (status == 0) co_return;
      wire = MakeWire(ErrorResponse(status, SplitTarget(request.target).path));
    } else {
      if ((method == Method::kGet || method == Method::kHead) && !Personal(request)) {
        wire = cache.Find(request.target);
      }
      from_cache = wire != nullptr;
      if (!wire) {
        c.ClearDeadline();  // a handler may take its time
        wire = co_await Answer(c, method);
      }
      if (!wire) wire = MakeWire(ErrorResponse(500, SplitTarget(request.target).path));
      keep_alive =
          parser.keep_alive() && !wire->close && !c.closing && !stop_requested.load(std::memory_order_relaxed);
    }

    bool head = method == Method::kHead && !ec;
    c.SetDeadline(options.read_timeout);  // also bounds writing the answer
    c.date_line = CurrentDateLine();
    co_await asio::async_write(c.socket, WireBuffers(*wire, c.date_line, head, keep_alive, request.version),
                               asio::redirect_error(kAwait, ec));
    bool written = !ec;
    if (access_log.enabled()) {
      access_log.Write(AccessLogEntry{.time = arrived,
                                      .remote_address = c.remote_address,
                                      .method = request.method,
                                      .target = request.target,
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

bool Server::Impl::Personal(const RequestData& request) const {
  for (const RequestData::FieldAt& field : request.fields) {
    if (field.known == bhttp::field::authorization) return true;
  }
  if (options.private_cookies.empty()) return false;
  for (const RequestData::FieldAt& field : request.fields) {
    if (field.known != bhttp::field::cookie) continue;
    std::string_view cookies = request.Value(field);
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

Awaitable<SharedWire> Server::Impl::Answer(Connection& c, Method method) {
  TargetParts parts = SplitTarget(c.request.target);
  if (parts.path.empty()) co_return MakeWire(ErrorResponse(400, {}));
  Router::Match match = router.Find(method, parts.path);
  if (match.route == nullptr) co_return AnswerWithoutRoute(method, parts, match.path_known);

  Request request = MakeRequest(c, method, parts);
  request.path_params = std::move(match.params);
  const Route& route = *match.route;
  bool store = route.options.cacheable && method == Method::kGet && !Personal(c.request);
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
            if (options.is_unavailable && options.is_unavailable(e)) {
              response = ErrorResponse(503, parts.path);
              response.SetHeader("Retry-After", "5");
            } else {
              response = ErrorResponse(500, parts.path);
            }
          } catch (...) {
            ReportError("unknown exception in handler for " + route.pattern);
            response = ErrorResponse(500, parts.path);
          }
          // A successful change may alter any cached page. OPTIONS is safe (RFC 9110 §9.2.1), like GET and HEAD.
          bool safe = method == Method::kGet || method == Method::kHead || method == Method::kOptions;
          if (!safe && response.status < 400) {
            cache.Clear();
            if (options.after_change) options.after_change();
          }
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

Request Server::Impl::MakeRequest(Connection& c, Method method, TargetParts parts) const {
  Request request;
  request.method = method;
  request.target = c.request.target;
  request.path = UrlDecode(parts.path, false);
  request.query = ParseUrlEncoded(parts.query);
  request.headers.reserve(c.request.fields.size());
  for (const RequestData::FieldAt& field : c.request.fields) {
    std::string name(c.request.Name(field));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](char ch) { return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch; });
    request.headers.emplace_back(std::move(name), std::string(c.request.Value(field)));
  }
  request.body = std::move(c.request.body);
  request.remote_address = c.remote_address;
  return request;
}

Awaitable<void> Server::Impl::LingeringClose(Connection& c) {
  error_code ec;
  c.socket.shutdown(tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  c.SetDeadline(kLingerTime);
  c.state = Connection::kIdle;
  if (c.closing) co_return;
  std::size_t drained = 0;
  while (!ec && drained < kLingerBytes) {
    c.buffer.consume(c.buffer.size());
    drained += co_await c.socket.async_read_some(c.buffer.prepare(kReadChunk), asio::redirect_error(kAwait, ec));
  }
}

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router, *this)) {}

Server::~Server() = default;

void Server::Listen() { impl_->Listen(); }

unsigned short Server::port() const { return impl_->bound_port; }

void Server::Run() { impl_->Run(); }

void Server::ClearCache() { impl_->cache.Clear(); }

void Server::Stop() {
  if (impl_->stop_requested.exchange(true)) return;
  asio::post(impl_->control, [impl = impl_.get()] { impl->BeginShutdown(); });
}

}  // namespace stadshart::http
