#include "registry/core/demo/deterministic_random.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace ansinh::registry {
namespace {

TEST(DeterministicRandomTest, UniformIntStaysInRangeAndCoversIt) {
  DeterministicRandom random(11);
  std::array<int, 6> seen{};
  for (int i = 0; i < 6000; ++i) {
    const int64_t value = random.UniformInt(1, 6);
    ASSERT_GE(value, 1);
    ASSERT_LE(value, 6);
    ++seen[static_cast<size_t>(value - 1)];
  }
  for (int count : seen) {
    EXPECT_GT(count, 850);  // 1000 expected; a biased or stuck draw falls short
    EXPECT_LT(count, 1150);
  }
}

TEST(DeterministicRandomTest, HandlesDegenerateAndExtremeRanges) {
  DeterministicRandom random(5);
  EXPECT_EQ(random.UniformInt(7, 7), 7);
  const int64_t low = std::numeric_limits<int64_t>::min();
  const int64_t high = std::numeric_limits<int64_t>::max();
  for (int i = 0; i < 100; ++i) {
    const int64_t value = random.UniformInt(-3, 3);
    EXPECT_GE(value, -3);
    EXPECT_LE(value, 3);
  }
  // The full 64-bit range must not divide by zero.
  const int64_t any = random.UniformInt(low, high);
  EXPECT_GE(any, low);
}

TEST(DeterministicRandomTest, WeightedIndexFollowsTheWeights) {
  DeterministicRandom random(3);
  const std::array<int, 3> weights = {1, 0, 3};
  std::array<int, 3> seen{};
  for (int i = 0; i < 4000; ++i) ++seen[random.WeightedIndex(weights)];
  EXPECT_EQ(seen[1], 0);
  EXPECT_GT(seen[0], 850);
  EXPECT_LT(seen[0], 1150);
}

TEST(DeterministicRandomTest, ShuffleIsAPermutation) {
  DeterministicRandom random(9);
  std::vector<int> items = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  random.Shuffle(std::span<int>(items));
  std::vector<int> sorted = items;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_NE(items, sorted);
}

// Pinned values: the draws depend only on std::mt19937_64 (fully specified
// by the standard) and integer arithmetic, so these hold with every compiler
// and standard library. They were checked against an independent Python
// implementation of mt19937_64 and of the rejection step. If this fails the
// demo ward changed too.
TEST(DeterministicRandomTest, SequenceIsPinned) {
  DeterministicRandom random(2025);
  std::vector<int64_t> draws;
  for (int i = 0; i < 8; ++i) draws.push_back(random.UniformInt(0, 999));
  EXPECT_EQ(draws, (std::vector<int64_t>{661, 794, 440, 795, 77, 259, 962, 272}));
}

}  // namespace
}  // namespace ansinh::registry
