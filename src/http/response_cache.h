// Serialized responses of cacheable routes (RouteOptions::cacheable), kept in memory and keyed by the request
// target, so repeated GETs are answered without a handler. Any successful change clears it all.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/wire.h"

namespace stadshart::http {

// Thread-safe. Lookups take a shared lock; Store and Clear an exclusive one.
class ResponseCache {
 public:
  // At most `max_entries` entries and `max_bytes` bytes (target, head and body); a Store that would pass either
  // limit first drops everything. A single response larger than max_bytes / 16 is not kept.
  explicit ResponseCache(std::size_t max_entries = 10'000, std::size_t max_bytes = 64 * 1024 * 1024);

  // The response stored for `target`, or null. The pointer stays valid after a Clear().
  std::shared_ptr<const Wire> Find(std::string_view target) const;

  // Read this before running the handler whose answer you will Store.
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // Stores `wire` for `target`, unless Clear() ran after `generation` was read: that answer may predate the
  // change that cleared the cache.
  void Store(std::string_view target, std::shared_ptr<const Wire> wire, std::uint64_t generation);

  // Drops every entry and starts a new generation.
  void Clear();

  std::size_t size() const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  const std::size_t max_entries_;
  const std::size_t max_bytes_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Wire>, Hash, std::equal_to<>> entries_;  // guarded by mutex_
  std::size_t bytes_ = 0;                                                                        // guarded by mutex_
  std::atomic<std::uint64_t> generation_{0};  // written only under an exclusive lock of mutex_
};

}  // namespace stadshart::http
