#include "redis/cluster_slot.h"

#include <gtest/gtest.h>

namespace ansinh::redis {
namespace {

TEST(ClusterSlotTest, Crc16MatchesThePublishedXmodemVector) {
  EXPECT_EQ(Crc16("123456789"), 0x31C3);
  EXPECT_EQ(Crc16(""), 0);
}

TEST(ClusterSlotTest, KeysWithTheSameHashTagShareASlot) {
  EXPECT_EQ(KeySlot("{user1000}.following"), KeySlot("{user1000}.followers"));
  EXPECT_EQ(KeySlot("{user1000}.following"), KeySlot("user1000"));
  EXPECT_EQ(KeySlot("ansinh:{p3}:events:registry"), KeySlot("ansinh:{p3}:applied:monitoring"));
}

TEST(ClusterSlotTest, HashTagRulesFollowTheSpecification) {
  // An empty tag: the whole key is hashed.
  EXPECT_EQ(HashTagOf("foo{}{bar}"), "foo{}{bar}");
  // The first '{' and the first '}' after it.
  EXPECT_EQ(HashTagOf("foo{{bar}}zap"), "{bar");
  EXPECT_EQ(HashTagOf("foo{bar}{zap}"), "bar");
  // No closing brace: the whole key.
  EXPECT_EQ(HashTagOf("foo{bar"), "foo{bar");
  EXPECT_EQ(HashTagOf("plain"), "plain");
}

TEST(ClusterSlotTest, SlotsMatchWhatARealRedisComputes) {
  // From CLUSTER KEYSLOT on redis-server 7.0.
  EXPECT_EQ(KeySlot("ansinh:{p0}:events:registry"), 15882);
  EXPECT_EQ(KeySlot("ansinh:{p3}:applied:monitoring"), 3689);
  EXPECT_EQ(KeySlot("ansinh:config:partitions"), 14784);
  EXPECT_EQ(KeySlot("ansinh:{ward}:households"), 15642);
  EXPECT_EQ(KeySlot("foo"), 12182);
  EXPECT_EQ(KeySlot("hello"), 866);
  EXPECT_EQ(KeySlot("{user1000}.following"), 3443);
  EXPECT_EQ(KeySlot("foo{}{bar}"), 8363);
  EXPECT_EQ(KeySlot("foo{{bar}}zap"), 4015);
  EXPECT_EQ(KeySlot("foo{bar}{zap}"), 5061);
  EXPECT_EQ(KeySlot(""), 0);
}

}  // namespace
}  // namespace ansinh::redis
