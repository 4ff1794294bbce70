#include "classification/core/official_status.h"

#include <gtest/gtest.h>

namespace ansinh::classification {
namespace {

v1::ApprovedResult Approved(const std::string& round_id, v1::PovertyCategory category,
                            bool without_labour_capacity = false) {
  v1::ApprovedResult approved;
  approved.set_household_id("HH-1");
  approved.set_residential_group("TDP-05");
  approved.set_round_id(round_id);
  approved.set_review_year(2025);
  approved.set_approved_date("2025-12-01");
  v1::ClassificationResult* result = approved.mutable_result();
  result->set_category(category);
  result->set_without_labour_capacity(without_labour_capacity);
  result->set_standard_id("decree-07-2021");
  result->set_standard_version(1);
  result->set_deprivation_count(3);
  v1::IndicatorResult* indicator = result->add_indicators();
  indicator->set_kind(v1::INDICATOR_KIND_TELECOM_USE);
  indicator->set_deprived(true);
  indicator->set_title("Sử dụng dịch vụ viễn thông");
  indicator->set_reason("no member uses a telephone or the internet");
  return approved;
}

TEST(OfficialStatusTest, AppendsAndDecidesTheTransition) {
  Result<StatusChange> first =
      ApplyApproval(v1::OfficialStatus(), Approved("R-2024", v1::POVERTY_CATEGORY_POOR, true));
  ASSERT_TRUE(first.ok()) << first.error().message;
  Result<StatusChange> second =
      ApplyApproval(first->status, Approved("R-2025", v1::POVERTY_CATEGORY_NEAR_POOR));
  ASSERT_TRUE(second.ok()) << second.error().message;

  EXPECT_EQ(first->event.transition(), v1::TRANSITION_NEWLY_POOR);
  EXPECT_EQ(first->event.previous_category(), v1::POVERTY_CATEGORY_UNSPECIFIED);
  EXPECT_TRUE(first->event.without_labour_capacity());
  ASSERT_EQ(first->event.indicators_size(), 1);
  EXPECT_EQ(first->event.indicators(0).kind(), v1::INDICATOR_KIND_TELECOM_USE);
  EXPECT_TRUE(first->event.indicators(0).deprived());
  EXPECT_TRUE(first->event.indicators(0).reason().empty()) << "events carry verdicts, not words";
  EXPECT_TRUE(first->event.indicators(0).title().empty());
  EXPECT_FALSE(first->status.history(0).result().indicators(0).reason().empty()) << "the status keeps them";
  EXPECT_EQ(first->event.standard_id(), "decree-07-2021");
  EXPECT_EQ(first->event.residential_group(), "TDP-05");
  EXPECT_EQ(second->status.history_size(), 2);
  EXPECT_EQ(second->approved.transition(), v1::TRANSITION_POOR_TO_NEAR_POOR);
  EXPECT_EQ(second->event.previous_category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(second->status.history(1).transition(), v1::TRANSITION_POOR_TO_NEAR_POOR);
}

TEST(OfficialStatusTest, AReplayedApprovalIsAlreadyApplied) {
  Result<StatusChange> first =
      ApplyApproval(v1::OfficialStatus(), Approved("R-2025", v1::POVERTY_CATEGORY_POOR));
  ASSERT_TRUE(first.ok());

  Result<StatusChange> replay = ApplyApproval(first->status, Approved("R-2025", v1::POVERTY_CATEGORY_POOR));

  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::kAlreadyExists);
}

TEST(OfficialStatusTest, RefusesAnotherHouseholdsResult) {
  v1::OfficialStatus status;
  status.set_household_id("HH-2");

  Result<StatusChange> change = ApplyApproval(status, Approved("R-2025", v1::POVERTY_CATEGORY_POOR));

  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kInvalidArgument);
}

TEST(OfficialStatusTest, SummarizesAndFilters) {
  Result<StatusChange> change =
      ApplyApproval(v1::OfficialStatus(), Approved("R-2025", v1::POVERTY_CATEGORY_POOR, true));
  ASSERT_TRUE(change.ok());
  const v1::HouseholdStatusSummary summary = SummarizeStatus(change->status);

  EXPECT_EQ(summary.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(summary.round_id(), "R-2025");
  EXPECT_EQ(summary.transition(), v1::TRANSITION_NEWLY_POOR);
  v1::ListHouseholdStatusesRequest request;
  EXPECT_TRUE(MatchesHouseholdFilter(summary, request));
  request.set_without_labour_capacity_only(true);
  request.set_category(v1::POVERTY_CATEGORY_POOR);
  request.set_residential_group("TDP-05");
  EXPECT_TRUE(MatchesHouseholdFilter(summary, request));
  request.set_residential_group("TDP-06");
  EXPECT_FALSE(MatchesHouseholdFilter(summary, request));
  request.clear_residential_group();
  request.set_category(v1::POVERTY_CATEGORY_NEAR_POOR);
  EXPECT_FALSE(MatchesHouseholdFilter(summary, request));
  EXPECT_EQ(SummarizeStatus(v1::OfficialStatus()).category(), v1::POVERTY_CATEGORY_UNSPECIFIED);
}

}  // namespace
}  // namespace ansinh::classification
