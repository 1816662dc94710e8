#include "http/router.h"

#include <stdexcept>

namespace stadshart::http {
namespace {

// Walks the '/'-separated segments of a path after its leading '/'. "/" has one empty segment.
class SegmentCursor {
 public:
  explicit SegmentCursor(std::string_view path) : rest_(path.substr(1)) {}

  // The next segment, or false when the path is used up.
  bool Next(std::string_view& segment) {
    if (done_) return false;
    std::size_t slash = rest_.find('/');
    segment = rest_.substr(0, slash);
    if (slash == std::string_view::npos) {
      done_ = true;
    } else {
      rest_.remove_prefix(slash + 1);
    }
    return true;
  }

 private:
  std::string_view rest_;
  bool done_ = false;
};

bool LiteralMatches(std::string_view literal, std::string_view segment) {
  if (segment.find('%') == std::string_view::npos) return segment == literal;
  return UrlDecode(segment, false) == literal;
}

}  // namespace

void Router::Add(Method method, std::string pattern, Handler handler, RouteOptions options) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("Route pattern must start with '/': " + pattern);
  }
  std::vector<Segment> segments;
  SegmentCursor cursor(pattern);
  std::string_view piece;
  while (cursor.Next(piece)) {
    bool is_param = piece.size() >= 2 && piece.front() == '{' && piece.back() == '}';
    if (is_param) piece = piece.substr(1, piece.size() - 2);
    if (piece.find_first_of("{}") != std::string_view::npos || (is_param && piece.empty())) {
      throw std::invalid_argument("Malformed route pattern: " + pattern);
    }
    segments.push_back(Segment{is_param, is_param ? std::string(piece) : UrlDecode(piece, false)});
  }
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method != method || segments_[i].size() != segments.size()) continue;
    bool same = true;
    for (std::size_t s = 0; s < segments.size() && same; ++s) {
      const Segment& a = segments_[i][s];
      const Segment& b = segments[s];
      same = a.is_param == b.is_param && (a.is_param || a.text == b.text);
    }
    if (same) throw std::invalid_argument("Route registered twice: " + pattern);
  }
  routes_.push_back(Route{method, std::move(pattern), std::move(handler), options});
  segments_.push_back(std::move(segments));
}

Router::Match Router::Find(Method method, std::string_view path) const {
  Match match;
  if (path.empty() || path.front() != '/') return match;

  auto matches = [path](const std::vector<Segment>& pattern) {
    SegmentCursor cursor(path);
    std::string_view piece;
    for (const Segment& segment : pattern) {
      if (!cursor.Next(piece)) return false;
      if (segment.is_param ? piece.empty() : !LiteralMatches(segment.text, piece)) return false;
    }
    return !cursor.Next(piece);
  };
  // Both match the same path, so they have as many segments; the first literal-versus-parameter difference decides.
  auto more_specific = [](const std::vector<Segment>& a, const std::vector<Segment>& b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].is_param != b[i].is_param) return !a[i].is_param;
    }
    return false;
  };
  // Rank of a route for this request: 2 exact method, 1 GET route answering a HEAD, 0 other method.
  auto rank = [method](Method route_method) {
    if (route_method == method) return 2;
    if (method == Method::kHead && route_method == Method::kGet) return 1;
    return 0;
  };

  std::size_t best = routes_.size();
  int best_rank = 0;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!matches(segments_[i])) continue;
    int r = rank(routes_[i].method);
    if (r == 0) {
      match.path_known = true;
      continue;
    }
    if (best == routes_.size() || r > best_rank || (r == best_rank && more_specific(segments_[i], segments_[best]))) {
      best = i;
      best_rank = r;
    }
  }
  if (best == routes_.size()) return match;

  match.route = &routes_[best];
  SegmentCursor cursor(path);
  std::string_view piece;
  for (const Segment& segment : segments_[best]) {
    cursor.Next(piece);
    if (segment.is_param) match.params.emplace_back(segment.text, UrlDecode(piece, false));
  }
  return match;
}

void Router::WrapHandlers(const std::function<Handler(const Route&)>& wrap) {
  for (Route& route : routes_) route.handler = wrap(route);
}

}  // namespace stadshart::http
