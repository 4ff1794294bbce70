#include "events/applied_versions.h"

#include <gtest/gtest.h>

namespace ansinh::events {
namespace {

TEST(AppliedVersions, EmptyContainsNothing) {
  auto versions = AppliedVersions::Parse("");
  ASSERT_TRUE(versions);
  EXPECT_FALSE(versions->Contains(1));
  EXPECT_EQ(versions->Serialize(), "0");
}

TEST(AppliedVersions, ContiguousVersionsFoldIntoTheWatermark) {
  AppliedVersions versions = *AppliedVersions::Parse("");
  versions.Add(1);
  versions.Add(2);
  versions.Add(3);
  EXPECT_EQ(versions.Serialize(), "3");
  EXPECT_TRUE(versions.Contains(2));
  EXPECT_FALSE(versions.Contains(4));
}

TEST(AppliedVersions, AVersionAfterAGapIsKeptExactly) {
  AppliedVersions versions = *AppliedVersions::Parse("3");
  versions.Add(5);
  EXPECT_EQ(versions.Serialize(), "3:5");
  // 4 is still missing: a late redelivery of 4 must be applied, not skipped.
  EXPECT_FALSE(versions.Contains(4));
  EXPECT_TRUE(versions.Contains(5));
  versions.Add(4);
  EXPECT_EQ(versions.Serialize(), "5");
}

TEST(AppliedVersions, RoundTripsThroughText) {
  auto versions = AppliedVersions::Parse("7:9,12");
  ASSERT_TRUE(versions);
  EXPECT_TRUE(versions->Contains(9));
  EXPECT_FALSE(versions->Contains(10));
  EXPECT_EQ(versions->Serialize(), "7:9,12");
}

TEST(AppliedVersions, RefusesCorruptText) {
  EXPECT_FALSE(AppliedVersions::Parse("x"));
  EXPECT_FALSE(AppliedVersions::Parse("7:"));
  EXPECT_FALSE(AppliedVersions::Parse("7:5"));  // below the watermark
  EXPECT_FALSE(AppliedVersions::Parse("7:9,a"));
}

TEST(AppliedVersions, AddingTwiceChangesNothing) {
  AppliedVersions versions = *AppliedVersions::Parse("2:4");
  versions.Add(4);
  versions.Add(1);
  EXPECT_EQ(versions.Serialize(), "2:4");
}

}  // namespace
}  // namespace ansinh::events
