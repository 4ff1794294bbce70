#include "registry/core/household_id.h"

#include <gtest/gtest.h>

namespace ansinh::registry {
namespace {

TEST(HouseholdIdTest, NumberAndFormatRoundTrip) {
  EXPECT_EQ(HouseholdIdNumber("HH-000123"), 123);
  EXPECT_EQ(HouseholdIdNumber("HH-1234567"), 1234567);
  EXPECT_EQ(FormatHouseholdId(123), "HH-000123");
  EXPECT_EQ(FormatHouseholdId(1234567), "HH-1234567");
  EXPECT_EQ(HouseholdIdNumber(FormatHouseholdId(42)), 42);
}

TEST(HouseholdIdTest, WhatIsNotAHouseholdIdHasNoNumber) {
  EXPECT_EQ(HouseholdIdNumber(""), -1);
  EXPECT_EQ(HouseholdIdNumber("HH-"), -1);
  EXPECT_EQ(HouseholdIdNumber("hh-000123"), -1);
  EXPECT_EQ(HouseholdIdNumber("T05-017"), -1);
  EXPECT_EQ(HouseholdIdNumber("HH-12a"), -1);
  EXPECT_EQ(HouseholdIdNumber("HH-000123 "), -1);
}

}  // namespace
}  // namespace ansinh::registry
