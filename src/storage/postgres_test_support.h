// Helpers for the tests of the PostgreSQL backend (header only; used by *_test.cc, never by the application).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace stadshart::storage {

inline constexpr const char* kNoServerMessage =
    "STADSHART_TEST_PG is not set: these tests need a PostgreSQL server; run them with `make test-pg` "
    "(scripts/with-postgres.sh starts a throwaway PostgreSQL 15)";

// The URL of the test server, or "" when there is none.
inline std::string TestServerUrl() {
  const char* url = std::getenv("STADSHART_TEST_PG");
  return url == nullptr ? "" : url;
}

// `url` with its database name replaced (postgresql://user:pass@host:port/NAME?params).
inline std::string UrlWithDatabase(const std::string& url, const std::string& database) {
  size_t path = url.find('/', url.find("://") + 3);
  if (path == std::string::npos) return url + "/" + database;
  size_t end = url.find('?', path);
  if (end == std::string::npos) end = url.size();
  return url.substr(0, path + 1) + database + url.substr(end);
}

// A loopback TCP socket that listens but never accepts: connections to it complete and then hear nothing.
inline int ListenWithoutAnswering() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(fd, 4) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

inline int LocalPort(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  return ntohs(address.sin_port);
}

// Stops and starts the test server through STADSHART_TEST_PG_CTL ("... pg_ctl -D DIR -w"); starts it again on
// destruction if a test left it stopped, so that one failing test does not take the others down.
class ServerControl {
 public:
  explicit ServerControl(std::string ctl) : ctl_(std::move(ctl)) {}
  ~ServerControl() {
    if (stopped_) Run("start");
  }
  ServerControl(const ServerControl&) = delete;
  ServerControl& operator=(const ServerControl&) = delete;

  bool Stop() {
    stopped_ = Run("stop -m fast");
    return stopped_;
  }
  bool Start() {
    bool started = Run("start");
    if (started) stopped_ = false;
    return started;
  }

 private:
  bool Run(const std::string& arguments) {
    return std::system((ctl_ + " " + arguments + " >/dev/null 2>&1").c_str()) == 0;
  }
  std::string ctl_;
  bool stopped_ = false;
};

}  // namespace stadshart::storage
