#include "redis/slot_map.h"

#include <gtest/gtest.h>

#include "redis/redis_error.h"

namespace ansinh::redis {
namespace {

Reply Integer(long long value) {
  Reply reply;
  reply.type = Reply::Type::kInteger;
  reply.integer = value;
  return reply;
}

Reply Text(std::string value) {
  Reply reply;
  reply.type = Reply::Type::kString;
  reply.str = std::move(value);
  return reply;
}

Reply Array(std::vector<Reply> elements) {
  Reply reply;
  reply.type = Reply::Type::kArray;
  reply.elements = std::move(elements);
  return reply;
}

Reply Node(const std::string& host, int port) { return Array({Text(host), Integer(port), Text("node-id")}); }

// What CLUSTER SLOTS answers for three masters with one replica each.
Reply ThreeShards() {
  return Array({
      Array({Integer(0), Integer(5460), Node("127.0.0.1", 7000), Node("127.0.0.1", 7004)}),
      Array({Integer(5461), Integer(10922), Node("127.0.0.1", 7001), Node("127.0.0.1", 7005)}),
      Array({Integer(10923), Integer(16383), Node("127.0.0.1", 7002), Node("127.0.0.1", 7003)}),
  });
}

TEST(SlotMapTest, EachSlotHasTheMasterOfItsRange) {
  const SlotMap map = SlotMap::FromClusterSlots(ThreeShards());
  ASSERT_NE(map.MasterOf(0), nullptr);
  EXPECT_EQ(map.MasterOf(0)->port, 7000);
  EXPECT_EQ(map.MasterOf(5460)->port, 7000);
  EXPECT_EQ(map.MasterOf(5461)->port, 7001);
  EXPECT_EQ(map.MasterOf(16383)->port, 7002);
  EXPECT_EQ(map.MasterOf(16384), nullptr);
  EXPECT_EQ(map.ReplicasOf(100), (std::vector<NodeAddress>{{"127.0.0.1", 7004}}));
  EXPECT_EQ(map.Masters().size(), 3u);
}

TEST(SlotMapTest, AMasterWithSeveralRangesIsOneShard) {
  const SlotMap map = SlotMap::FromClusterSlots(Array({
      Array({Integer(0), Integer(99), Node("127.0.0.1", 7000)}),
      Array({Integer(100), Integer(199), Node("127.0.0.1", 7001)}),
      Array({Integer(200), Integer(16383), Node("127.0.0.1", 7000)}),
  }));
  EXPECT_EQ(map.Masters().size(), 2u);
  EXPECT_EQ(map.MasterOf(250)->port, 7000);
  EXPECT_EQ(map.MasterOf(150)->port, 7001);
}

TEST(SlotMapTest, UncoveredSlotsHaveNoMasterAndEmptyHostsAreTheAskedOne) {
  const SlotMap map =
      SlotMap::FromClusterSlots(Array({Array({Integer(10), Integer(20), Node("", 7000)})}), "10.0.0.5");
  EXPECT_EQ(map.MasterOf(9), nullptr);
  EXPECT_EQ(map.MasterOf(21), nullptr);
  ASSERT_NE(map.MasterOf(15), nullptr);
  EXPECT_EQ(map.MasterOf(15)->host, "10.0.0.5");
  EXPECT_EQ(SlotMap().MasterOf(15), nullptr);
}

TEST(SlotMapTest, AssignFollowsAMoved) {
  SlotMap map = SlotMap::FromClusterSlots(ThreeShards());
  map.Assign(42, NodeAddress{"127.0.0.1", 7001});
  EXPECT_EQ(map.MasterOf(42)->port, 7001);
  EXPECT_EQ(map.MasterOf(43)->port, 7000);
  map.Assign(43, NodeAddress{"127.0.0.1", 7009});  // a master the map did not know
  EXPECT_EQ(map.MasterOf(43)->port, 7009);
}

TEST(SlotMapTest, MalformedRepliesAreRefused) {
  EXPECT_THROW(SlotMap::FromClusterSlots(Text("nope")), ReplyError);
  EXPECT_THROW(SlotMap::FromClusterSlots(Array({Array({Integer(0), Integer(5)})})), ReplyError);
  EXPECT_THROW(SlotMap::FromClusterSlots(Array({Array({Integer(5), Integer(16384), Node("h", 1)})})),
               ReplyError);
  EXPECT_THROW(SlotMap::FromClusterSlots(Array({Array({Integer(0), Integer(5), Array({Text("h")})})})),
               ReplyError);
}

}  // namespace
}  // namespace ansinh::redis
