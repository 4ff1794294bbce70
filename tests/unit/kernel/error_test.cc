#include "kernel/error.h"

#include <gtest/gtest.h>

#include "kernel/field_violation.h"

namespace ansinh {
namespace {

TEST(ErrorTest, InvalidArgumentNamesEveryFieldInItsMessage) {
  const Error error =
      Error::InvalidArgument({{"amount_vnd", "must be positive"}, {"page.page_size", "too big"}});
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(error.message, "invalid request: amount_vnd: must be positive; page.page_size: too big");
  ASSERT_EQ(error.violations.size(), 2u);
  EXPECT_EQ(error.violations[1], (FieldViolation{"page.page_size", "too big"}));
}

TEST(ErrorTest, AnExplicitMessageIsKeptAsGiven) {
  const FieldViolations violations = {{"minutes.attendees", "must not be empty"}};
  const Error error =
      Error::InvalidArgument(ListViolations("invalid meeting minutes", violations), violations);
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(error.message, "invalid meeting minutes: minutes.attendees must not be empty");
  EXPECT_EQ(error.violations, violations);
  EXPECT_TRUE(Error::InvalidArgument("cannot read standard file x").violations.empty());
}

TEST(ErrorTest, WithKeyAddsTheCatalogKeyAndLeavesTheMessage) {
  const Error error = Error::NotFound("no case C1").WithKey("error.case.not_found", {{"case", "C1"}});
  EXPECT_EQ(error.code, ErrorCode::kNotFound);
  EXPECT_EQ(error.message, "no case C1");
  EXPECT_EQ(error.key, "error.case.not_found");
  EXPECT_EQ(error.args, (MessageArgs{{"case", "C1"}}));
  EXPECT_TRUE(Error::NotFound("no case C1").key.empty()) << "no key unless given";
  EXPECT_EQ(Error::InvalidArgument({{"x", "is wrong"}}).key, "error.invalid_request");
}

TEST(ErrorTest, ViolationsCompareByFieldAndDescriptionOnly) {
  // The key and arguments word the description again for another language.
  EXPECT_EQ((FieldViolation{"latrine", "is needed", "violation.survey.latrine_needed"}),
            (FieldViolation{"latrine", "is needed"}));
  EXPECT_NE((FieldViolation{"latrine", "is needed"}), (FieldViolation{"latrine", "is missing"}));
}

TEST(ErrorTest, NamedConstructorsSetTheirCode) {
  EXPECT_EQ(Error::FailedPrecondition("round R1 is not open").code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Error::FailedPrecondition("not ready", {{"households[0]", "has no survey"}}).violations.size(),
            1u);
  EXPECT_EQ(Error::NotFound("no case C1").code, ErrorCode::kNotFound);
  EXPECT_EQ(Error::AlreadyExists("round R1 already exists").code, ErrorCode::kAlreadyExists);
  const Error denied = Error::PermissionDenied("only the case's organization may answer");
  EXPECT_EQ(denied.code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(denied.message, "only the case's organization may answer");
  EXPECT_TRUE(denied.violations.empty());
}

TEST(FieldViolationTest, PrefixFieldPathsPutsTheRequestFieldInFront) {
  const FieldViolations prefixed =
      PrefixFieldPaths("household", {{"members[2].national_id", "bad"}, {"", "whole"}, {"[0]", "first"}});
  ASSERT_EQ(prefixed.size(), 3u);
  EXPECT_EQ(prefixed[0].field, "household.members[2].national_id");
  EXPECT_EQ(prefixed[1].field, "household");
  EXPECT_EQ(prefixed[2].field, "household[0]");
}

TEST(FieldViolationTest, ListViolationsJoinsFieldAndDescription) {
  EXPECT_EQ(ListViolations("refused", {}), "refused");
  EXPECT_EQ(ListViolations("refused", {{"a", "is bad"}, {"b", "is worse"}}), "refused: a is bad; b is worse");
}

}  // namespace
}  // namespace ansinh
