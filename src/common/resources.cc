#include "common/resources.h"

#include <algorithm>

namespace stadshart::resources {

std::optional<std::string_view> Find(std::string_view path) {
  for (const Resource& r : All()) {
    if (r.path == path) return r.data;
  }
  return std::nullopt;
}

std::vector<Resource> Under(std::string_view prefix) {
  std::vector<Resource> found;
  for (const Resource& r : All()) {
    if (r.path.starts_with(prefix)) found.push_back(r);
  }
  std::sort(found.begin(), found.end(), [](const Resource& a, const Resource& b) { return a.path < b.path; });
  return found;
}

}  // namespace stadshart::resources
