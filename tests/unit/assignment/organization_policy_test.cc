#include "assignment/core/organization_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>

#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::HasSubstr;
using testkit::MakeOrganization;

// alpha and beta cover TDP-01; alpha also TDP-02; the fallback covers TDP-09 only.
struct Ward {
  bool beta_active = true;
  bool fallback_active = true;
  int alpha_load = 0;
  int beta_load = 0;
  int fallback_load = 0;
};

Result<OrganizationChoice> Choose(const Ward& ward, const std::string& group) {
  const Directory directory({MakeOrganization("alpha", {"TDP-01", "TDP-02"}, 10),
                             MakeOrganization("beta", {"TDP-01"}, 20, ward.beta_active),
                             MakeOrganization("fatherland-front", {"TDP-09"}, 5, ward.fallback_active)},
                            {});
  LoadView loads;
  loads.open_cases_by_organization = {
      {"alpha", ward.alpha_load}, {"beta", ward.beta_load}, {"fatherland-front", ward.fallback_load}};
  return ChooseOrganization(directory, group, loads, AssignmentSettings{});
}

struct PolicyCase {
  const char* name;
  Ward ward;
  const char* group;
  const char* expected_organization;
  const char* expected_reason;
};

// Names the row in test listings instead of dumping its bytes.
void PrintTo(const PolicyCase& row, std::ostream* out) { *out << row.name; }

class OrganizationPolicyTest : public ::testing::TestWithParam<PolicyCase> {};

TEST_P(OrganizationPolicyTest, ChoosesAndExplains) {
  const PolicyCase& row = GetParam();
  const Result<OrganizationChoice> choice = Choose(row.ward, row.group);
  ASSERT_TRUE(choice.ok()) << choice.error().message;
  EXPECT_EQ(choice.value().organization_id, row.expected_organization);
  EXPECT_EQ(choice.value().reason, row.expected_reason);
}

INSTANTIATE_TEST_SUITE_P(
    Policy, OrganizationPolicyTest,
    ::testing::Values(
        PolicyCase{"CoverageBeatsLowerLoad", Ward{.alpha_load = 9, .beta_load = 0}, "TDP-02", "alpha",
                   "covers TDP-02; load 9/10; the only covering organization"},
        PolicyCase{"LowestRatioNotLowestCount", Ward{.alpha_load = 5, .beta_load = 6}, "TDP-01", "beta",
                   "covers TDP-01; load 6/20 lowest among 2 covering organizations"},
        PolicyCase{
            "EqualRatioGoesToSmallerId", Ward{.alpha_load = 2, .beta_load = 4}, "TDP-01", "alpha",
            "covers TDP-01; load 2/10 lowest among 2 covering organizations (tie with beta broken by id "
            "order)"},
        PolicyCase{"FullCoveringOrganizationIsSkipped", Ward{.alpha_load = 10, .beta_load = 19}, "TDP-01",
                   "beta",
                   "covers TDP-01; load 19/20; the only covering organization with room; 1 other covering "
                   "organization is full"},
        PolicyCase{"InactiveOrganizationIsIgnored", Ward{.beta_active = false, .alpha_load = 8}, "TDP-01",
                   "alpha", "covers TDP-01; load 8/10; the only covering organization"},
        PolicyCase{
            "AllCoveringFullGoesToTheFront", Ward{.alpha_load = 10, .beta_load = 25, .fallback_load = 4},
            "TDP-01", "fatherland-front",
            "all 2 organizations covering TDP-01 are at capacity; fallback coordinator fatherland-front has "
            "room (load 4/5)"},
        PolicyCase{
            "NobodyCoversGoesToTheFront", Ward{.fallback_load = 3}, "TDP-07", "fatherland-front",
            "no active organization covers TDP-07; fallback coordinator fatherland-front has room (load "
            "3/5)"},
        PolicyCase{
            "FrontFullGoesToLeastLoadedOverall", Ward{.alpha_load = 3, .beta_load = 10, .fallback_load = 5},
            "TDP-07", "alpha",
            "no active organization covers TDP-07; fallback coordinator fatherland-front is full (load 5/5); "
            "load 3/10 lowest of all 3 active organizations"},
        PolicyCase{
            "FrontInactiveGoesToLeastLoadedOverall",
            Ward{.fallback_active = false, .alpha_load = 6, .beta_load = 2}, "TDP-07", "beta",
            "no active organization covers TDP-07; fallback coordinator fatherland-front is inactive; load "
            "2/20 lowest of all 2 active organizations"},
        PolicyCase{
            "EveryoneFullStillAssignsTheLeastOverloaded",
            Ward{.alpha_load = 12, .beta_load = 20, .fallback_load = 6}, "TDP-01", "beta",
            "all 2 organizations covering TDP-01 are at capacity; fallback coordinator fatherland-front is "
            "full (load 6/5); load 20/20 lowest of all 3 active organizations (over capacity: every "
            "organization is full)"}),
    [](const ::testing::TestParamInfo<PolicyCase>& info) { return info.param.name; });

TEST(OrganizationPolicyErrorTest, NoActiveOrganizationIsAPreconditionFailure) {
  const Directory directory({MakeOrganization("alpha", {"TDP-01"}, 10, /*active=*/false)}, {});
  const Result<OrganizationChoice> choice =
      ChooseOrganization(directory, "TDP-01", LoadView{}, AssignmentSettings{});
  ASSERT_FALSE(choice.ok());
  EXPECT_EQ(choice.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(choice.error().message, HasSubstr("no active organization"));
}

TEST(OrganizationPolicyErrorTest, ConfiguredFallbackIsUsed) {
  const Directory directory(
      {MakeOrganization("alpha", {"TDP-01"}, 10), MakeOrganization("red-cross", {"TDP-05"}, 10)}, {});
  AssignmentSettings settings;
  settings.fallback_organization_id = "red-cross";
  const Result<OrganizationChoice> choice = ChooseOrganization(directory, "TDP-07", LoadView{}, settings);
  ASSERT_TRUE(choice.ok());
  EXPECT_EQ(choice.value().organization_id, "red-cross");
}

}  // namespace
}  // namespace ansinh::assignment
