#include "assignment/core/load_view.h"

#include <gtest/gtest.h>

namespace ansinh::assignment {
namespace {

v1::Case MakeCase(const std::string& organization, const std::string& helper, v1::CaseState state) {
  v1::Case a_case;
  a_case.set_organization_id(organization);
  a_case.set_helper_id(helper);
  a_case.set_state(state);
  return a_case;
}

TEST(LoadViewTest, CountsOnlyOpenCases) {
  const std::vector<v1::Case> cases = {MakeCase("womens-union", "women-01", v1::CASE_STATE_OPEN),
                                       MakeCase("womens-union", "", v1::CASE_STATE_OPEN),
                                       MakeCase("womens-union", "women-01", v1::CASE_STATE_FOLLOW_UP),
                                       MakeCase("farmers-union", "farmers-01", v1::CASE_STATE_CLOSED)};
  const LoadView loads = ComputeLoads(cases);
  EXPECT_EQ(loads.OrganizationLoad("womens-union"), 2);
  EXPECT_EQ(loads.OrganizationLoad("farmers-union"), 0);
  EXPECT_EQ(loads.HelperLoad("women-01"), 1);
  EXPECT_EQ(loads.HelperLoad("farmers-01"), 0);
  EXPECT_EQ(loads.open_cases_by_organization.count("farmers-union"), 0u);
}

TEST(LoadViewTest, DeltaOfEachTransition) {
  const v1::Case open = MakeCase("womens-union", "women-01", v1::CASE_STATE_OPEN);
  const v1::Case follow_up = MakeCase("womens-union", "women-01", v1::CASE_STATE_FOLLOW_UP);

  const LoadDelta opened = ComputeLoadDelta(nullptr, open);
  EXPECT_EQ(opened.organizations.at("womens-union"), 1);
  EXPECT_EQ(opened.helpers.at("women-01"), 1);

  const LoadDelta escaped = ComputeLoadDelta(&open, follow_up);
  EXPECT_EQ(escaped.organizations.at("womens-union"), -1);
  EXPECT_EQ(escaped.helpers.at("women-01"), -1);

  EXPECT_TRUE(ComputeLoadDelta(&open, open).empty());

  LoadView loads;
  loads.Apply(opened);
  loads.Apply(escaped);
  EXPECT_TRUE(loads.open_cases_by_organization.empty());
  EXPECT_TRUE(loads.open_cases_by_helper.empty());
}

}  // namespace
}  // namespace ansinh::assignment
