#include "events/partition_leases.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

namespace ansinh::events {
namespace {

TEST(FairShare, RoundsUpSoEveryPartitionHasRoomForAnOwner) {
  struct Case {
    int partitions;
    int instances;
    int share;
  };
  const Case cases[] = {{8, 1, 8}, {8, 2, 4}, {8, 3, 3},   {8, 8, 1}, {8, 12, 1},
                        {1, 3, 1}, {0, 3, 0}, {16, 0, 16}, {5, 2, 3}};
  for (const Case& c : cases) {
    EXPECT_EQ(FairShare(c.partitions, c.instances), c.share)
        << c.partitions << " partitions, " << c.instances << " instances";
  }
}

TEST(PlanLeases, AboveItsShareAnInstanceReleasesItsHighestPartitions) {
  const LeasePlan plan = PlanLeases({0, 1, 2, 3, 4, 5, 6, 7}, {0, 1, 2, 3, 4, 5, 6, 7}, 3, "monitoring-a");
  EXPECT_EQ(plan.release, (std::vector<int>{7, 6, 5, 4, 3}));
  EXPECT_TRUE(plan.try_acquire.empty());
}

TEST(PlanLeases, AtItsShareAnInstanceChangesNothing) {
  const LeasePlan plan = PlanLeases({0, 1, 2, 3}, {1, 3}, 2, "x");
  EXPECT_TRUE(plan.release.empty());
  EXPECT_TRUE(plan.try_acquire.empty());
}

TEST(PlanLeases, BelowItsShareItTriesEveryPartitionItLacksOnceAndNothingItHolds) {
  const LeasePlan plan = PlanLeases({3, 0, 2, 1, 2}, {2}, 3, "classification-host-42");
  EXPECT_TRUE(plan.release.empty());
  std::vector<int> tried = plan.try_acquire;
  std::sort(tried.begin(), tried.end());
  EXPECT_EQ(tried, (std::vector<int>{0, 1, 3}));
}

TEST(PlanLeases, InstancesStartTryingAtDifferentPartitions) {
  std::map<int, int> first_choices;
  for (int i = 0; i < 16; ++i) {
    const LeasePlan plan = PlanLeases({0, 1, 2, 3, 4, 5, 6, 7}, {}, 2, "assignment-" + std::to_string(i));
    ASSERT_EQ(plan.try_acquire.size(), 8u);
    first_choices[plan.try_acquire.front()]++;
  }
  EXPECT_GT(first_choices.size(), 2u) << "every instance would race for the same partition first";
}

TEST(PlanLeases, NoPartitionsMeansNothingToDo) {
  const LeasePlan plan = PlanLeases({}, {}, 0, "x");
  EXPECT_TRUE(plan.release.empty());
  EXPECT_TRUE(plan.try_acquire.empty());
}

}  // namespace
}  // namespace ansinh::events
