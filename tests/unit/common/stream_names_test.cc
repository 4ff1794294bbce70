#include "events/stream_names.h"

#include <gtest/gtest.h>

namespace ansinh::events {
namespace {

TEST(StreamNames, FollowTheDocumentedScheme) {
  EXPECT_EQ(EventStream(kRegistrySource, 0), "ansinh:{p0}:events:registry");
  EXPECT_EQ(AppliedKey("monitoring", 3), "ansinh:{p3}:applied:monitoring");
  EXPECT_EQ(DeadLetterStream("assignment"), "ansinh:deadletter:assignment");
}

TEST(StreamNames, ParsesItsOwnNamesBack) {
  std::string source;
  int partition = -1;
  ASSERT_TRUE(ParseEventStream("ansinh:{p12}:events:classification", &source, &partition));
  EXPECT_EQ(source, "classification");
  EXPECT_EQ(partition, 12);
  EXPECT_FALSE(ParseEventStream("ansinh:events:registry", &source, &partition));
  EXPECT_FALSE(ParseEventStream("ansinh:{px}:events:registry", &source, &partition));
  EXPECT_FALSE(ParseEventStream("ansinh:{p1}:events:", &source, &partition));
}

TEST(StreamNames, PartitionsAreStableAndInRange) {
  EXPECT_EQ(PartitionOf("HH-000001", 1), 0);
  const int first = PartitionOf("HH-000001", 8);
  EXPECT_EQ(PartitionOf("HH-000001", 8), first);
  int used[8] = {0};
  for (int i = 0; i < 800; ++i) {
    int p = PartitionOf("HH-" + std::to_string(i), 8);
    ASSERT_GE(p, 0);
    ASSERT_LT(p, 8);
    used[p]++;
  }
  for (int count : used) EXPECT_GT(count, 50);  // roughly even
}

}  // namespace
}  // namespace ansinh::events
