#include "registry/core/partition_merge.h"

#include <gtest/gtest.h>

namespace ansinh::registry {
namespace {

TEST(PartitionMergeTest, PagesOfEveryPartitionMergeInHouseholdNumberOrder) {
  const std::vector<std::vector<std::string>> pages{
      {"HH-000002", "HH-000009", "HH-000100"},
      {},
      {"HH-000001", "HH-000010"},
      {"HH-000003", "HH-001000"},
  };
  EXPECT_EQ(MergeByHouseholdNumber(pages, 100),
            (std::vector<std::string>{"HH-000001", "HH-000002", "HH-000003", "HH-000009", "HH-000010",
                                      "HH-000100", "HH-001000"}));
}

TEST(PartitionMergeTest, TheMergeStopsAtTheLimitWithTheSmallestNumbers) {
  const std::vector<std::vector<std::string>> pages{{"HH-000005", "HH-000006"}, {"HH-000001", "HH-000007"}};
  EXPECT_EQ(MergeByHouseholdNumber(pages, 3),
            (std::vector<std::string>{"HH-000001", "HH-000005", "HH-000006"}));
  EXPECT_TRUE(MergeByHouseholdNumber(pages, 0).empty());
  EXPECT_TRUE(MergeByHouseholdNumber({}, 10).empty());
}

TEST(PartitionMergeTest, NumbersAreComparedAsNumbersNotAsText) {
  // A seven-digit id sorts after every six-digit one.
  const std::vector<std::vector<std::string>> pages{{"HH-1000000"}, {"HH-999999"}};
  EXPECT_EQ(MergeByHouseholdNumber(pages, 2), (std::vector<std::string>{"HH-999999", "HH-1000000"}));
}

}  // namespace
}  // namespace ansinh::registry
