#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "events/consumer_observer.h"

namespace ansinh::events {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

TEST(SincePublishedTest, MeasuresFromTheMillisecondsInTheEntryId) {
  const std::chrono::system_clock::time_point now{milliseconds(1'700'000'000'250) + microseconds(400)};
  struct Case {
    std::string id;
    microseconds expected;
  };
  for (const Case& c :
       {Case{"1700000000000-0", microseconds(250'400)}, Case{"1700000000250-17", microseconds(400)},
        Case{"1700000001250-0", microseconds(-999'600)}, Case{"garbage", microseconds(0)},
        Case{"", microseconds(0)}}) {
    EXPECT_EQ(SincePublished(c.id, now), c.expected) << c.id;
  }
}

}  // namespace
}  // namespace ansinh::events
