// Which stream entries the publisher may trim: only those every consumer
// group has acknowledged, and only once past the retention.
#include "events/stream_trimmer.h"

#include <gtest/gtest.h>

namespace ansinh::events {
namespace {

StreamId Id(uint64_t ms, uint64_t seq = 0) { return StreamId{ms, seq}; }

GroupPosition Group(std::string name, StreamId delivered, std::optional<StreamId> pending = std::nullopt) {
  return GroupPosition{std::move(name), delivered, pending};
}

TEST(ParseStreamIdTest, ReadsRedisIds) {
  EXPECT_EQ(ParseStreamId("1700000000000-3"), Id(1700000000000, 3));
  EXPECT_EQ(ParseStreamId("0-0"), Id(0, 0));
  EXPECT_EQ(ParseStreamId("42"), Id(42, 0));
  EXPECT_FALSE(ParseStreamId("").has_value());
  EXPECT_FALSE(ParseStreamId("12-x").has_value());
  EXPECT_FALSE(ParseStreamId("-1").has_value());
  EXPECT_EQ(Id(1700000000000, 3).ToString(), "1700000000000-3");
}

TEST(StreamIdTest, OrdersByMillisecondsThenSequence) {
  EXPECT_LT(Id(5, 9), Id(6, 0));
  EXPECT_LT(Id(6, 1), Id(6, 2));
  EXPECT_LT(Id(9, 0), Id(10, 0)) << "numeric, not text, order";
}

TEST(TrimBoundaryTest, NoGroupMeansNothingIsTrimmed) { EXPECT_FALSE(TrimBoundary({}, Id(1000)).has_value()); }

TEST(TrimBoundaryTest, TheSlowestGroupDecides) {
  const std::optional<StreamId> boundary =
      TrimBoundary({Group("classification", Id(900, 2)), Group("monitoring", Id(400, 7))}, Id(1000));
  EXPECT_EQ(boundary, Id(400, 7));
}

TEST(TrimBoundaryTest, PendingEntriesAreKept) {
  const std::optional<StreamId> boundary =
      TrimBoundary({Group("assignment", Id(900), Id(300, 1)), Group("monitoring", Id(800))}, Id(1000));
  EXPECT_EQ(boundary, Id(300, 1));
}

TEST(TrimBoundaryTest, EntriesYoungerThanTheRetentionStay) {
  EXPECT_EQ(TrimBoundary({Group("monitoring", Id(800))}, Id(500)), Id(500));
}

TEST(TrimBoundaryTest, AGroupThatReadNothingKeepsEverything) {
  EXPECT_FALSE(TrimBoundary({Group("monitoring", Id(800)), Group("new", Id(0, 0))}, Id(1000)).has_value());
}

}  // namespace
}  // namespace ansinh::events
