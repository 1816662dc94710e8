// Routes "METHOD /path/{param}" to handlers. Thread-safe for lookups once built; build it before serving.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace stadshart::http {

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  // The answer depends only on the target and the stored data (not on cookies or headers), so the server may
  // keep it in memory and answer repeated GETs without touching the database. Any successful non-GET request
  // clears the whole cache (see server.h for the exact rules).
  bool cacheable = false;
  // The permission a request needs, e.g. "plan.write" (see docs/permissions.md). Opaque to the HTTP layer: the
  // application's guard (Router::WrapHandlers) enforces it; a route without one is refused by the guard.
  std::string permission;
};

struct Route {
  Method method;
  std::string pattern;  // e.g. "/api/v1/actions/{id}"
  Handler handler;
  RouteOptions options;
};

class Router {
 public:
  // Patterns are literal segments and "{name}" segments matching one non-empty segment, e.g. "/plan/{year}";
  // "/" is the root. Throws std::invalid_argument for a pattern that does not start with '/', a brace inside a
  // segment ("/a{b}"), an empty name, or the same method and pattern shape twice. Not thread-safe: build the
  // router before serving.
  void Add(Method method, std::string pattern, Handler handler, RouteOptions options = {});

  struct Match {
    const Route* route = nullptr;  // null: no route for this path (404) or for this method (405)
    bool path_known = false;       // some route matches the path with another method
    Fields params;
  };
  // `path` is the path as sent (still percent-encoded, without the query). It matches a pattern with the same
  // number of segments ("/plan/" has two: "plan" and "", so it does not match "/plan"); each segment is
  // percent-decoded before it is compared or stored in `params`, so "/a%2Fb" is the one segment "a/b". When
  // several routes match, the one with a literal segment where the other has a parameter wins, comparing from
  // the left (so "/plan/nieuw" beats "/plan/{year}" whatever the order of Add). HEAD matches HEAD routes, else
  // GET routes. Thread-safe (const).
  Match Find(Method method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

  // Replaces every route's handler by wrap(route), e.g. to check permissions before the original handler
  // (route.handler) runs. Call after all routes are added and before serving.
  void WrapHandlers(const std::function<Handler(const Route&)>& wrap);

 private:
  struct Segment {
    bool is_param = false;
    std::string text;  // literal segment (decoded), or the parameter name
  };
  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> segments_;  // segments_[i] is routes_[i].pattern split up
};

}  // namespace stadshart::http
