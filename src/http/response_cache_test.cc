#include "http/response_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace stadshart::http {
namespace {

std::shared_ptr<const Wire> MakeWire(std::string body) {
  return std::make_shared<const Wire>(Serialize(Response::Text(std::move(body)), {}));
}

TEST(ResponseCacheTest, FindsWhatWasStoredByExactTarget) {
  ResponseCache cache;
  cache.Store("/plan?jaar=2024", MakeWire("a"), cache.generation());
  ASSERT_NE(cache.Find("/plan?jaar=2024"), nullptr);
  EXPECT_EQ(cache.Find("/plan?jaar=2024")->body, "a");
  EXPECT_EQ(cache.Find("/plan"), nullptr);
  EXPECT_EQ(cache.Find("/plan?jaar=2025"), nullptr);
}

TEST(ResponseCacheTest, ClearDropsEverythingButKeepsHandedOutResponses) {
  ResponseCache cache;
  cache.Store("/a", MakeWire("a"), cache.generation());
  std::shared_ptr<const Wire> held = cache.Find("/a");
  cache.Clear();
  EXPECT_EQ(cache.Find("/a"), nullptr);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(held->body, "a");
}

TEST(ResponseCacheTest, RefusesAnswersComputedBeforeAClear) {
  ResponseCache cache;
  std::uint64_t before = cache.generation();
  cache.Clear();
  cache.Store("/a", MakeWire("stale"), before);
  EXPECT_EQ(cache.Find("/a"), nullptr);
  cache.Store("/a", MakeWire("fresh"), cache.generation());
  EXPECT_EQ(cache.Find("/a")->body, "fresh");
}

TEST(ResponseCacheTest, StoringTheSameTargetReplacesIt) {
  ResponseCache cache;
  cache.Store("/a", MakeWire("1"), cache.generation());
  cache.Store("/a", MakeWire("2"), cache.generation());
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.Find("/a")->body, "2");
}

TEST(ResponseCacheTest, StartsOverWhenFull) {
  ResponseCache cache(/*max_entries=*/3);
  for (std::string target : {"/1", "/2", "/3"}) cache.Store(target, MakeWire(target), cache.generation());
  EXPECT_EQ(cache.size(), 3u);
  cache.Store("/4", MakeWire("4"), cache.generation());
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_NE(cache.Find("/4"), nullptr);
}

TEST(ResponseCacheTest, BoundsBytesAndSkipsHugeResponses) {
  ResponseCache cache(/*max_entries=*/100, /*max_bytes=*/16 * 1000);
  cache.Store("/huge", MakeWire(std::string(2001, 'x')), cache.generation());
  EXPECT_EQ(cache.Find("/huge"), nullptr);
  cache.Store("/large", MakeWire(std::string(1900, 'x')), cache.generation());
  EXPECT_NE(cache.Find("/large"), nullptr);
  for (int i = 0; i < 40; ++i)
    cache.Store("/" + std::to_string(i), MakeWire(std::string(800, 'x')), cache.generation());
  EXPECT_LT(cache.size(), 40u);
  EXPECT_NE(cache.Find("/39"), nullptr);
}

}  // namespace
}  // namespace stadshart::http
