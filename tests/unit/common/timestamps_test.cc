#include "time/timestamps.h"

#include <gtest/gtest.h>

namespace ansinh {
namespace {

TEST(Timestamps, WardDateOfATimestampIsUtcPlusSeven) {
  google::protobuf::Timestamp instant;
  // 2025-06-30T17:30:00Z is 2025-07-01 00:30 in Vietnam.
  instant.set_seconds(1751304600);
  EXPECT_EQ(FormatIsoDate(WardDateOf(instant)), "2025-07-01");
  instant.set_seconds(1751304600 - 3600);
  EXPECT_EQ(FormatIsoDate(WardDateOf(instant)), "2025-06-30");
}

TEST(Timestamps, ConvertToTheSecondBothWays) {
  google::protobuf::Timestamp instant;
  instant.set_seconds(1751304600);
  instant.set_nanos(999'000'000);
  const std::chrono::sys_seconds seconds = SecondsOf(instant);
  EXPECT_EQ(seconds.time_since_epoch().count(), 1751304600);
  const google::protobuf::Timestamp back = TimestampOf(seconds);
  EXPECT_EQ(back.seconds(), 1751304600);
  EXPECT_EQ(back.nanos(), 0);
}

}  // namespace
}  // namespace ansinh
