// The HTTP server: Boost.Beast on Asio with C++20 coroutines, behind the types of message.h.
//
// Threads: `io_threads` run the sockets (parse, write, cache hits); every handler runs on a separate bounded
// pool of `worker_threads`, so database work never blocks an I/O thread. Run() blocks until Stop() or
// SIGTERM/SIGINT; then it stops accepting, lets in-flight requests finish (up to `shutdown_grace`), and returns.
//
// What the server answers by itself: 404 (unknown path), 405 with Allow (known path, other method), 308 from
// "/a/" to "/a" when only the latter exists, 400 (unreadable request), 413 (body over max_body_bytes), 431
// (header over max_header_bytes) and 500 (handler threw). Their bodies are JSON {"error":{"code","message"}} for
// paths under /api/ and a short Dutch text otherwise. HEAD is answered like GET without the body.
//
// Response cache: see RouteOptions::cacheable. A 200 answer to a GET on a cacheable route is kept, keyed by the
// whole target; later GETs and HEADs of that target are answered from memory on the I/O thread. Any answer
// below 400 to a request that is not GET, HEAD or OPTIONS clears the cache.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "http/router.h"

namespace stadshart::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;  // 0: pick a free port (see Server::port())
  int io_threads = 2;
  int worker_threads = 4;
  std::size_t max_header_bytes = 16 * 1024;  // larger: 431
  std::size_t max_body_bytes = 1024 * 1024;  // larger: 413
  std::chrono::seconds read_timeout{30};     // whole request must arrive within this; also bounds the
                                             // wait for a new connection's first byte and each write
  std::chrono::seconds idle_timeout{60};     // keep-alive connection with no new request
                                             // (both are checked every 1/8 of the shorter, at most every
                                             // 0.5 s, so a connection may outlive them by that much)
  std::chrono::seconds shutdown_grace{10};
  // Requests with an Authorization header or one of these cookies are never answered from the response cache
  // and their answers are never stored: what they see may depend on who asks (e.g. the signed-in user's name).
  std::vector<std::string> private_cookies;
  bool handle_signals = true;          // stop on SIGTERM/SIGINT
  std::ostream* access_log = nullptr;  // one line per request (see access_log.h); null: none.
                                       // Must outlive the server; written under a mutex, not flushed.
  // Added to every response (e.g. security headers) unless the handler set the same header.
  Fields default_headers;
  // True for an exception from a handler that means a service it needs is unavailable for a while (the database
  // unreachable or busy): answered with 503, Retry-After and a clear message instead of 500. Null: none is.
  std::function<bool(const std::exception&)> is_unavailable;
  // Called on the worker thread after a request that may change data (not GET, HEAD or OPTIONS) succeeded, once
  // this server's response cache has been emptied: to tell other servers (see Server::ClearCache). It must not
  // throw; the answer waits for it.
  std::function<void()> after_change;
};

class Server {
 public:
  // `router` must outlive the server and not change while it runs.
  Server(ServerOptions options, const Router& router);
  // Call only when Run() is not running (it returned, or was never called).
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket; throws std::runtime_error with a readable message if the address is taken.
  void Listen();
  // Port actually bound (after Listen()).
  unsigned short port() const;
  // Serves until Stop() or a signal, on the calling thread plus io_threads - 1 more. Call Listen() first (else
  // std::logic_error), and at most once. Returns at once if Stop() came first. After the grace it closes what
  // is left, but still waits for handlers that are running: a thread cannot be interrupted.
  void Run();
  // Thread-safe, from any thread, also before Run(); returns at once. Run() returns after in-flight requests
  // finish.
  void Stop();

  // Empties the response cache. Thread-safe, from any thread (e.g. when another server changed the shared data).
  void ClearCache();

  // Called on the worker pool when a handler throws (the server answers 500), and on an I/O thread for any
  // other unexpected exception, with the message. Set it before Run(); it must not block for long.
  std::function<void(const std::string&)> on_error;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace stadshart::http
