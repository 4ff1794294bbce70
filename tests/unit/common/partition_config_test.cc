#include "events/partition_config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "events/event_handler.h"
#include "events/runner_policy.h"

namespace ansinh::events {
namespace {

TEST(PartitionMismatch, AcceptsOnlyTheSameCount) {
  EXPECT_FALSE(PartitionMismatch("8", 8).has_value());
  EXPECT_FALSE(PartitionMismatch("1", 1).has_value());
  for (const char* recorded : {"4", "08x", "", " 8", "-8"}) {
    EXPECT_TRUE(PartitionMismatch(recorded, 8).has_value()) << "'" << recorded << "'";
  }
}

TEST(PartitionMismatch, SaysWhatWasRecordedAndWhatToDo) {
  const std::optional<std::string> error = PartitionMismatch("16", 8);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("--partitions 8"), std::string::npos);
  EXPECT_NE(error->find("ansinh:config:partitions"), std::string::npos);
  EXPECT_NE(error->find("--partitions 16"), std::string::npos);
}

TEST(ConsumerInstanceName, UsesTheInstanceIdElseTheProcessId) {
  EXPECT_EQ(ConsumerInstanceName("monitoring-host", "2"), "monitoring-host-2");
  EXPECT_EQ(ConsumerInstanceName("monitoring-host", ""),
            "monitoring-host-" + std::to_string(static_cast<long long>(getpid())));
}

TEST(NextGroupLimit, HalvesOnAConflictAndGrowsBackToTheMaximum) {
  EXPECT_EQ(NextGroupLimit(256, true, 256), 128);
  EXPECT_EQ(NextGroupLimit(1, true, 256), 1);
  EXPECT_EQ(NextGroupLimit(64, false, 256), 128);
  EXPECT_EQ(NextGroupLimit(200, false, 256), 256);
  EXPECT_EQ(NextGroupLimit(256, false, 256), 256);
}

TEST(ApplyGroup, RecordsTheKeysItsEventsWroteAndWhatWasWatched) {
  ApplyGroup group;
  EXPECT_TRUE(group.empty());
  redis::Transaction effects;
  effects.Add({"HSET", "ansinh:{p1}:classification:surveys:HH-1", "2025", "x"});
  effects.Add({"DEL", "a", "b"});
  group.AddWrites(effects);
  EXPECT_FALSE(group.empty());
  EXPECT_TRUE(group.Wrote("ansinh:{p1}:classification:surveys:HH-1"));
  EXPECT_TRUE(group.Wrote("b"));
  EXPECT_FALSE(group.Wrote("ansinh:{p1}:classification:surveys:HH-2"));
  EXPECT_TRUE(group.MarkWatched("k"));
  EXPECT_FALSE(group.MarkWatched("k"));
}

}  // namespace
}  // namespace ansinh::events
