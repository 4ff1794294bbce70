// The ward's retention file and the verdict on each household: a household
// that left is due on the day its period ends, not a day before; one still
// living in the ward, one already erased and one without a departure date are
// never due.
#include "registry/core/retention_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace ansinh::registry {
namespace {

using ::testing::Contains;
using ::testing::Field;

v1::Household Departed(const std::string& on) {
  v1::Household household;
  household.set_household_id("HH-000009");
  household.set_status(v1::HOUSEHOLD_STATUS_MOVED_OUT);
  household.set_departed_on(on);
  return household;
}

CivilDate Day(const char* text) { return *ParseIsoDate(text); }

TEST(RetentionPolicyTest, TheRepositorysFileParses) {
  std::ifstream file(std::string(ANSINH_SOURCE_DIR) + "/services/registry/config/retention.json");
  std::ostringstream text;
  text << file.rdbuf();
  Result<RetentionPolicy> policy = ParseRetentionPolicy(text.str());
  ASSERT_TRUE(policy.ok()) << policy.error().message;
  EXPECT_EQ(policy->DepartedHouseholdYears(), 5);
  EXPECT_FALSE(policy->periods.at("support_records").basis.empty());
}

TEST(RetentionPolicyTest, EachBadFieldIsNamed) {
  Result<RetentionPolicy> policy = ParseRetentionPolicy(R"({"periods": [
      {"category": "departed_household", "years": 0, "basis": "x"},
      {"category": "departed_household", "years": 5, "basis": "x"},
      {"category": "photos", "years": 5, "basis": "x"},
      {"category": "survey_facts", "years": 5}]})");
  ASSERT_FALSE(policy.ok());
  const FieldViolations& violations = policy.error().violations;
  EXPECT_THAT(violations, Contains(Field(&FieldViolation::field, "periods[0].years")));
  EXPECT_THAT(violations, Contains(Field(&FieldViolation::field, "periods[1].category")));
  EXPECT_THAT(violations, Contains(Field(&FieldViolation::field, "periods[2].category")));
  EXPECT_THAT(violations, Contains(Field(&FieldViolation::field, "periods[3].basis")));
  EXPECT_THAT(violations, Contains(Field(&FieldViolation::description, "support_records is missing")));
}

TEST(RetentionPolicyTest, AHouseholdThatLeftIsDueOnTheDayItsPeriodEnds) {
  std::optional<CivilDate> due_on;
  EXPECT_EQ(JudgeRetention(Departed("2026-12-07"), Day("2031-12-06"), 5, &due_on),
            RetentionVerdict::kWithinPeriod);
  ASSERT_TRUE(due_on.has_value());
  EXPECT_EQ(FormatIsoDate(*due_on), "2031-12-07");
  EXPECT_EQ(JudgeRetention(Departed("2026-12-07"), Day("2031-12-07"), 5), RetentionVerdict::kDue);
  // 29 February plus years: the last day of February.
  EXPECT_EQ(JudgeRetention(Departed("2024-02-29"), Day("2029-02-28"), 5), RetentionVerdict::kDue);
}

TEST(RetentionPolicyTest, ActiveErasedAndUndatedHouseholdsAreNeverDue) {
  v1::Household active = Departed("2000-01-01");
  active.set_status(v1::HOUSEHOLD_STATUS_ACTIVE);
  EXPECT_EQ(JudgeRetention(active, Day("2040-01-01"), 5), RetentionVerdict::kStillActive);
  v1::Household erased = Departed("2000-01-01");
  erased.mutable_erasure()->set_reason(v1::ERASURE_REASON_SUBJECT_REQUEST);
  EXPECT_EQ(JudgeRetention(erased, Day("2040-01-01"), 5), RetentionVerdict::kAlreadyErased);
  EXPECT_EQ(JudgeRetention(Departed(""), Day("2040-01-01"), 5), RetentionVerdict::kNoDepartureDate);
}

}  // namespace
}  // namespace ansinh::registry
