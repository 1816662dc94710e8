// For tests only: a Server running on 127.0.0.1 on a free port in its own thread, and a blocking HTTP/1.1 client
// on plain POSIX sockets that sends raw bytes (so tests can send malformed or oversized requests). Every read
// gives up after a few seconds, so a broken server fails a test instead of hanging it.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "http/server.h"

namespace stadshart::http::testing {

inline ServerOptions TestOptions() {
  ServerOptions options;
  options.bind = "127.0.0.1";
  options.port = 0;
  options.io_threads = 2;  // each connection on its own strand, as in production
  options.worker_threads = 2;
  options.handle_signals = false;
  options.read_timeout = std::chrono::seconds(5);
  options.idle_timeout = std::chrono::seconds(5);
  options.shutdown_grace = std::chrono::seconds(5);
  return options;
}

// Starts serving in the constructor; stops and joins in the destructor (or in Stop()).
class TestServer {
 public:
  // `before_run` may set up the server (e.g. on_error) before it starts serving.
  explicit TestServer(Router router, ServerOptions options = TestOptions(),
                      const std::function<void(Server&)>& before_run = {})
      : router_(std::move(router)), server_(std::move(options), router_) {
    if (before_run) before_run(server_);
    server_.Listen();
    thread_ = std::thread([this] {
      server_.Run();
      run_returned_ = true;
    });
  }
  ~TestServer() { Stop(); }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  Server& server() { return server_; }
  unsigned short port() const { return server_.port(); }
  std::thread::id thread_id() const { return thread_.get_id(); }

  // Whether Run() returns within `timeout` (without being asked to here).
  bool WaitForRunToReturn(std::chrono::seconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!run_returned_ && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return run_returned_;
  }

  // Stop() and wait until Run() returned.
  void Stop() {
    server_.Stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  Router router_;  // the server refers to it
  Server server_;
  std::thread thread_;
  std::atomic<bool> run_returned_{false};
};

struct ClientResponse {
  int status = 0;
  Fields headers;  // names lower-cased
  std::string body;

  std::optional<std::string> Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return std::nullopt;
  }
};

class Client {
 public:
  explicit Client(unsigned short port, std::chrono::seconds timeout = std::chrono::seconds(5)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{static_cast<time_t>(timeout.count()), 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  bool Send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Reads one response, skipping "100 Continue" unless `interim`; nullopt on timeout or when the server closed
  // first. A response to HEAD has no body whatever its Content-Length says.
  std::optional<ClientResponse> Read(bool head_request = false, bool interim = false) {
    for (;;) {
      std::size_t end;
      while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
        if (!Fill()) return std::nullopt;
      }
      ClientResponse response;
      std::string_view head(buffer_.data(), end + 2);
      std::size_t line_end = head.find("\r\n");
      std::string_view status_line = head.substr(0, line_end);
      if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.1 ")) return std::nullopt;
      response.status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
      head.remove_prefix(line_end + 2);
      while (!head.empty()) {
        std::size_t eol = head.find("\r\n");
        std::string_view line = head.substr(0, eol);
        head.remove_prefix(eol + 2);
        std::size_t colon = line.find(':');
        std::string name(line.substr(0, colon));
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        response.headers.emplace_back(std::move(name), std::string(value));
      }
      buffer_.erase(0, end + 4);
      if (response.status == 100) {
        if (interim) return response;
        continue;
      }
      std::size_t length = 0;
      if (auto content_length = response.Header("content-length"); content_length && !head_request) {
        length = std::stoul(*content_length);
      }
      while (buffer_.size() < length) {
        if (!Fill()) return std::nullopt;
      }
      response.body = buffer_.substr(0, length);
      buffer_.erase(0, length);
      return response;
    }
  }

  // True when the server closes the connection (end of stream or reset) before the timeout, with nothing more
  // to read.
  bool WaitForClose() {
    if (!buffer_.empty()) return false;
    char byte;
    ssize_t n = ::recv(fd_, &byte, 1, 0);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
  }

 private:
  bool Fill() {
    char chunk[16 * 1024];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

inline std::string Get(std::string_view target, std::string_view method = "GET") {
  return std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n\r\n";
}

inline std::string Post(std::string_view target, std::string_view body) {
  return "POST " + std::string(target) + " HTTP/1.1\r\nHost: test\r\nContent-Type: application/x-www-form-urlencoded" +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

// Sends one request on a new connection and reads the answer.
inline std::optional<ClientResponse> Fetch(unsigned short port, const std::string& request, bool head = false) {
  Client client(port);
  if (!client.Send(request)) return std::nullopt;
  return client.Read(head);
}

}  // namespace stadshart::http::testing
