#include "redis/slot_groups.h"

#include <gtest/gtest.h>

namespace ansinh::redis {
namespace {

TEST(SlotGroupsTest, StreamsOfOnePartitionShareAGroup) {
  const std::vector<std::vector<std::string>> groups = GroupBySlot({
      "ansinh:{p0}:events:registry",
      "ansinh:{p1}:events:registry",
      "ansinh:{p0}:replay:monitoring:registry",
      "ansinh:{p1}:replay:monitoring:registry",
  });
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0], (std::vector<std::string>{"ansinh:{p0}:events:registry",
                                                 "ansinh:{p0}:replay:monitoring:registry"}));
  EXPECT_EQ(groups[1], (std::vector<std::string>{"ansinh:{p1}:events:registry",
                                                 "ansinh:{p1}:replay:monitoring:registry"}));
  EXPECT_TRUE(GroupBySlot({}).empty());
}

}  // namespace
}  // namespace ansinh::redis
