#include "http/response_cache.h"

#include <mutex>

namespace stadshart::http {

ResponseCache::ResponseCache(std::size_t max_entries, std::size_t max_bytes)
    : max_entries_(max_entries), max_bytes_(max_bytes) {}

std::shared_ptr<const Wire> ResponseCache::Find(std::string_view target) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(target);
  return it == entries_.end() ? nullptr : it->second;
}

void ResponseCache::Store(std::string_view target, std::shared_ptr<const Wire> wire, std::uint64_t generation) {
  std::size_t bytes = target.size() + wire->head.size() + wire->body.size();
  if (bytes > max_bytes_ / 8) return;
  std::string key(target);
  decltype(entries_) dropped;  // freed after the lock is released
  std::shared_ptr<const Wire> replaced;
  std::unique_lock lock(mutex_);
  if (generation != generation_.load(std::memory_order_relaxed)) return;
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    bytes_ -= key.size() + it->second->head.size() + it->second->body.size();
    replaced = std::move(it->second);
    entries_.erase(it);
  }
  if (entries_.size() >= max_entries_ || bytes_ + bytes > max_bytes_) {
    dropped.swap(entries_);
    bytes_ = 0;
  }
  entries_.emplace(std::move(key), std::move(wire));
  bytes_ += bytes;
}

void ResponseCache::Clear() {
  decltype(entries_) dropped;  // freed after the lock is released
  std::unique_lock lock(mutex_);
  dropped.swap(entries_);
  bytes_ = 0;
  generation_.fetch_add(1, std::memory_order_release);
}

std::size_t ResponseCache::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

}  // namespace stadshart::http
