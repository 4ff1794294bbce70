#include "auth/token_cache.h"

#include <gtest/gtest.h>

#include <chrono>

namespace ansinh::auth {
namespace {

using std::chrono::milliseconds;

class TokenCacheTest : public ::testing::Test {
 protected:
  TokenCache::Clock Clock() {
    return [this] { return now_; };
  }
  static CachedPrincipal Principal(const std::string& token_id, const std::string& name) {
    CachedPrincipal principal;
    principal.token_id = token_id;
    principal.actor.set_role(v1::ROLE_AUDITOR);
    principal.actor.set_name(name);
    return principal;
  }

  std::chrono::steady_clock::time_point now_{std::chrono::seconds(1000)};
};

TEST_F(TokenCacheTest, AnEntryLivesLessThanItsTtl) {
  TokenCache cache(milliseconds(2000), 16, Clock());
  cache.Put("h1", Principal("tok_1", "a"));
  ASSERT_TRUE(cache.Find("h1"));
  EXPECT_EQ(cache.Find("h1")->actor.name(), "a");
  now_ += milliseconds(1999);
  EXPECT_TRUE(cache.Find("h1"));
  now_ += milliseconds(1);
  EXPECT_FALSE(cache.Find("h1"));
  EXPECT_EQ(cache.size(), 0u);
}

TEST_F(TokenCacheTest, PuttingAgainRestartsTheTtl) {
  TokenCache cache(milliseconds(2000), 16, Clock());
  cache.Put("h1", Principal("tok_1", "a"));
  now_ += milliseconds(1500);
  cache.Put("h1", Principal("tok_1", "b"));
  now_ += milliseconds(1500);
  ASSERT_TRUE(cache.Find("h1"));
  EXPECT_EQ(cache.Find("h1")->actor.name(), "b");
}

TEST_F(TokenCacheTest, ForgettingATokenIdDropsItsEntriesOnly) {
  TokenCache cache(milliseconds(2000), 16, Clock());
  cache.Put("h1", Principal("tok_1", "a"));
  cache.Put("h2", Principal("tok_2", "b"));
  cache.ForgetTokenId("tok_1");
  EXPECT_FALSE(cache.Find("h1"));
  EXPECT_TRUE(cache.Find("h2"));
}

TEST_F(TokenCacheTest, NeverGrowsBeyondItsCapacity) {
  TokenCache cache(milliseconds(2000), 4, Clock());
  for (int i = 0; i < 10; ++i) {
    cache.Put("h" + std::to_string(i), Principal("tok_" + std::to_string(i), "x"));
    EXPECT_LE(cache.size(), 4u);
  }
  EXPECT_TRUE(cache.Find("h9"));  // the newest entry is always kept
}

TEST_F(TokenCacheTest, StaleEntriesMakeRoomBeforeFreshOnesAreDropped) {
  TokenCache cache(milliseconds(2000), 2, Clock());
  cache.Put("old", Principal("tok_old", "x"));
  now_ += milliseconds(1000);
  cache.Put("fresh", Principal("tok_fresh", "y"));
  now_ += milliseconds(1500);  // "old" is stale now, "fresh" is not
  cache.Put("new", Principal("tok_new", "z"));
  EXPECT_TRUE(cache.Find("fresh"));
  EXPECT_TRUE(cache.Find("new"));
  EXPECT_EQ(cache.size(), 2u);
}

}  // namespace
}  // namespace ansinh::auth
