#include "kernel/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

namespace ansinh {
namespace {

Result<int> Half(int value) {
  if (value % 2 != 0) return Error::InvalidArgument({{"value", "must be even"}});
  return value / 2;
}

TEST(ResultTest, HoldsTheValue) {
  Result<int> half = Half(8);
  ASSERT_TRUE(half.ok());
  EXPECT_TRUE(static_cast<bool>(half));
  EXPECT_EQ(half.value(), 4);
  EXPECT_EQ(*half, 4);
  half.value() = 5;
  EXPECT_EQ(*half, 5);
}

TEST(ResultTest, HoldsTheError) {
  const Result<int> half = Half(7);
  ASSERT_FALSE(half.ok());
  EXPECT_FALSE(static_cast<bool>(half));
  EXPECT_EQ(half.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(half.error().violations.size(), 1u);
  EXPECT_EQ(half.error().violations[0].field, "value");
}

TEST(ResultTest, ArrowReachesTheValue) {
  Result<std::string> text = std::string("ward");
  EXPECT_EQ(text->size(), 4u);
  const Result<std::string>& same = text;
  EXPECT_EQ(same->front(), 'w');
}

TEST(ResultTest, MovesAMoveOnlyValueOut) {
  Result<std::unique_ptr<int>> boxed = std::make_unique<int>(3);
  std::unique_ptr<int> taken = std::move(boxed).value();
  ASSERT_NE(taken, nullptr);
  EXPECT_EQ(*taken, 3);
}

}  // namespace
}  // namespace ansinh
