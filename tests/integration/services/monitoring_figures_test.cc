// The monitoring binary's figures, trend and scorecard from known event
// sequences, compared with values computed by hand; replayed events count once.
#include <google/protobuf/util/message_differencer.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "monitoring_fixture.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::MonitoringFixture;

class MonitoringFiguresTest : public MonitoringFixture {
 protected:
  // Nine households in two residential groups, reviewed in 2024 and 2025,
  // with cases, helpers, needs, support and visits around the end of 2025.
  // Every figure below is worked out by hand from this sequence.
  void PublishKnownWard() {
    for (const char* household : {"H1", "H2", "H3", "H4", "H5"})
      Registered(household, "TDP-01", "2024-01-05");
    for (const char* household : {"H6", "H7", "H8", "H9"}) Registered(household, "TDP-02", "2024-01-05");

    // H5 was poor by a regular review early in 2024, so its return in 2025 is a relapse.
    Approved("H5", "R-REG-2024-0001", 2024, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR,
             "2024-03-01");
    Approved("H1", "R-2024", 2024, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2024-12-10", true);
    Approved("H2", "R-2024", 2024, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2024-12-10");
    Approved("H3", "R-2024", 2024, v1::POVERTY_CATEGORY_NEAR_POOR, v1::TRANSITION_NEWLY_NEAR_POOR,
             "2024-12-10");
    Approved("H4", "R-2024", 2024, v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_UNSPECIFIED, "2024-12-10");
    Approved("H5", "R-2024", 2024, v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_ESCAPED_POVERTY,
             "2024-12-10");
    Approved("H6", "R-2024", 2024, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2024-12-10");
    Approved("H7", "R-2024", 2024, v1::POVERTY_CATEGORY_NEAR_POOR, v1::TRANSITION_NEWLY_NEAR_POOR,
             "2024-12-10");
    Approved("H8", "R-2024", 2024, v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_UNSPECIFIED, "2024-12-10");

    MovedOut("H4", "2025-06-01");

    Approved("H1", "R-2025", 2025, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_UNCHANGED, "2025-12-10", true);
    Approved("H2", "R-2025", 2025, v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_ESCAPED_POVERTY,
             "2025-12-10");
    Approved("H3", "R-2025", 2025, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEAR_POOR_TO_POOR, "2025-12-10");
    Approved("H5", "R-2025", 2025, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_RELAPSED, "2025-12-10");
    Approved("H6", "R-2025", 2025, v1::POVERTY_CATEGORY_NEAR_POOR, v1::TRANSITION_POOR_TO_NEAR_POOR,
             "2025-12-10");
    Approved("H7", "R-2025", 2025, v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_ESCAPED_NEAR_POVERTY,
             "2025-12-10");
    Approved("H8", "R-2025", 2025, v1::POVERTY_CATEGORY_NEAR_POOR, v1::TRANSITION_NEWLY_NEAR_POOR,
             "2025-12-10");
    Approved("H9", "R-2025", 2025, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-12-10");

    // Organizations and helpers.
    CaseOpened("H1", "womens-union", "2024-12-12");
    HelperAssigned("H1", "womens-union", "women-03", "2024-12-20");
    CaseOpened("H2", "farmers-union", "2024-12-12");
    CaseOpened("H3", "farmers-union", "2024-12-12");
    CaseOpened("H5", "veterans", "2025-12-12");
    HelperAssigned("H5", "veterans", "vet-01", "2025-12-15");
    CaseOpened("H6", "womens-union", "2024-12-12");
    HelperAssigned("H6", "womens-union", "women-04", "2024-12-15");
    CaseOpened("H9", "youth-union", "2025-12-12");
    HelperAssigned("H9", "youth-union", "youth-02", "2026-02-05");  // after as_of

    // Loans: H1 answered by credit, H2 marked met, H3 open, H6 credit came
    // before the need, H7 is not eligible, H5's need is after as_of.
    NeedRecorded("H1", "N1", v1::NEED_TYPE_LOAN, "2025-03-01");
    SupportRecorded("H1", "S1", v1::SUPPORT_TYPE_POLICY_CREDIT, "2025-04-01",
                    v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS);
    NeedRecorded("H2", "N1", v1::NEED_TYPE_LOAN, "2025-05-01");
    v1::NeedStatusChanged met;
    met.set_case_id(CaseOf("H2"));
    met.set_household_id("H2");
    met.set_need_id("N1");
    met.set_need_type(v1::NEED_TYPE_LOAN);
    met.set_previous_status(v1::NEED_STATUS_OPEN);
    met.set_status(v1::NEED_STATUS_MET);
    met.set_reason("VBSP giải ngân");
    PublishCase("H2", "assignment.need_status_changed.v1", met, "2025-06-01");
    NeedRecorded("H3", "N1", v1::NEED_TYPE_LOAN, "2025-07-01");
    SupportRecorded("H6", "S1", v1::SUPPORT_TYPE_POLICY_CREDIT, "2025-01-15");
    NeedRecorded("H6", "N1", v1::NEED_TYPE_LOAN, "2025-02-01");
    NeedRecorded("H5", "N1", v1::NEED_TYPE_LOAN, "2026-02-15");
    // Training: H1 answered, H3 open, H9 withdrawn.
    NeedRecorded("H1", "N2", v1::NEED_TYPE_VOCATIONAL_TRAINING, "2025-03-01");
    SupportRecorded("H1", "S2", v1::SUPPORT_TYPE_VOCATIONAL_TRAINING, "2025-09-01");
    NeedRecorded("H3", "N2", v1::NEED_TYPE_VOCATIONAL_TRAINING, "2025-08-01");
    NeedRecorded("H9", "N1", v1::NEED_TYPE_VOCATIONAL_TRAINING, "2025-12-20");
    v1::NeedStatusChanged withdrawn;
    withdrawn.set_case_id(CaseOf("H9"));
    withdrawn.set_household_id("H9");
    withdrawn.set_need_id("N1");
    withdrawn.set_need_type(v1::NEED_TYPE_VOCATIONAL_TRAINING);
    withdrawn.set_previous_status(v1::NEED_STATUS_OPEN);
    withdrawn.set_status(v1::NEED_STATUS_NO_LONGER_NEEDED);
    PublishCase("H9", "assignment.need_status_changed.v1", withdrawn, "2026-01-05");

    // Visits: the 90-day window up to 2026-01-31 starts on 2025-11-03.
    VisitRecorded("H1", "2026-01-20");
    VisitRecorded("H3", "2025-10-01");
    VisitRecorded("H5", "2025-11-03");
    VisitRecorded("H6", "2025-11-02");
    VisitRecorded("H9", "2026-02-10");
  }

  v1::GetDashboardResponse Dashboard(const std::string& group = "") {
    v1::GetDashboardRequest request;
    request.set_review_year(2025);
    request.set_as_of("2026-01-31");
    request.set_residential_group(group);
    v1::GetDashboardResponse response;
    const grpc::Status status =
        stub_->GetDashboard(AuthorizedContext(tokens_.officer).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  v1::Scorecard Scorecard(int year, const std::string& as_of) {
    v1::GetScorecardRequest request;
    request.set_review_year(year);
    request.set_as_of(as_of);
    v1::GetScorecardResponse response;
    const grpc::Status status =
        stub_->GetScorecard(AuthorizedContext(tokens_.auditor).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.scorecard();
  }

  grpc::Status SetTownRate(double value, const std::string& token, int year = 2025) {
    v1::SetExternalFigureRequest request;
    request.set_key("town_near_poor_rate");
    request.set_review_year(year);
    request.set_value_percent(value);
    request.set_source("Báo cáo thị xã số 12/BC-UBND");
    v1::SetExternalFigureResponse response;
    return stub_->SetExternalFigure(AuthorizedContext(token).get(), request, &response);
  }
};

void ExpectShare(const v1::FigureShare& share, int count, int total, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(share.count(), count);
  EXPECT_EQ(share.total(), total);
  ASSERT_TRUE(share.has_percent());
  EXPECT_NEAR(share.percent(), 100.0 * count / total, 1e-9);
}

TEST_F(MonitoringFiguresTest, FiguresFromAKnownEventSequenceEqualHandComputedValues) {
  PublishKnownWard();
  WaitForAllPublished();
  const v1::GetDashboardResponse dashboard = Dashboard();
  const v1::WardFigures& ward = dashboard.figures();
  EXPECT_EQ(ward.review_year(), 2025);
  EXPECT_EQ(ward.as_of(), "2026-01-31");
  // H4 moved out in 2025: eight households count in 2025.
  EXPECT_EQ(ward.households(), 8);
  ExpectShare(ward.poor(), 4, 8, "poor: H1 H3 H5 H9");
  ExpectShare(ward.near_poor(), 2, 8, "near-poor: H6 H8");
  ExpectShare(ward.poor_without_labour_capacity(), 1, 8, "without labour capacity: H1");
  EXPECT_EQ(ward.escaped_poverty(), 2) << "H2 escaped, H6 poor to near-poor";
  EXPECT_EQ(ward.escaped_near_poverty(), 2) << "H7, H3 near-poor to poor";
  EXPECT_EQ(ward.newly_poor(), 2) << "H9, H3 near-poor to poor";
  EXPECT_EQ(ward.relapsed(), 1) << "H5";
  EXPECT_EQ(ward.newly_near_poor(), 2) << "H8, H6 poor to near-poor";
  ExpectShare(ward.with_responsible_organization(), 5, 6, "organization: H1 H3 H5 H6 H9 of 6");
  ExpectShare(ward.with_helper(), 3, 6, "helper: H1 H5 H6 (H9's comes after as_of)");
  ExpectShare(ward.loans_for_loan_needs(), 2, 4, "loans: H1 H2 answered of H1 H2 H3 H6");
  ExpectShare(ward.training_for_training_needs(), 1, 2, "training: H1 of H1 H3");
  ExpectShare(ward.visited_last_90_days(), 2, 6, "visited: H1 H5 (H6 on day 90 is out)");
  // H6's loan names no programme (recorded before programmes were required),
  // H1's the poor households programme; H1's training is no credit.
  ASSERT_EQ(ward.policy_credit_by_programme_size(), 2) << ward.ShortDebugString();
  EXPECT_EQ(ward.policy_credit_by_programme(0).programme(), v1::CREDIT_PROGRAMME_UNSPECIFIED);
  EXPECT_EQ(ward.policy_credit_by_programme(0).loans(), 1);
  EXPECT_EQ(ward.policy_credit_by_programme(1).programme(), v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS);
  EXPECT_EQ(ward.policy_credit_by_programme(1).households(), 1);
  EXPECT_EQ(ward.policy_credit_by_programme(1).amount_vnd(), 50'000'000);

  ASSERT_EQ(dashboard.groups_size(), 2);
  const v1::WardFigures& first = dashboard.groups(0);
  EXPECT_EQ(first.residential_group(), "TDP-01");
  EXPECT_EQ(first.households(), 4);
  ExpectShare(first.poor(), 3, 4, "TDP-01 poor");
  EXPECT_EQ(first.near_poor().count(), 0);
  EXPECT_EQ(first.escaped_poverty(), 1);
  EXPECT_EQ(first.relapsed(), 1);
  ExpectShare(first.with_responsible_organization(), 3, 3, "TDP-01 organization");
  ExpectShare(first.with_helper(), 2, 3, "TDP-01 helper");
  ExpectShare(first.visited_last_90_days(), 2, 3, "TDP-01 visited");
  const v1::WardFigures& second = dashboard.groups(1);
  EXPECT_EQ(second.residential_group(), "TDP-02");
  EXPECT_EQ(second.households(), 4);
  ExpectShare(second.poor(), 1, 4, "TDP-02 poor");
  ExpectShare(second.near_poor(), 2, 4, "TDP-02 near-poor");
  EXPECT_EQ(second.escaped_poverty(), 1);
  EXPECT_EQ(second.escaped_near_poverty(), 1);
  EXPECT_EQ(second.newly_poor(), 1);
  EXPECT_EQ(second.newly_near_poor(), 2) << "H8, H6";
  ExpectShare(second.with_responsible_organization(), 2, 3, "TDP-02 organization");
  ExpectShare(second.with_helper(), 1, 3, "TDP-02 helper");
  ExpectShare(second.visited_last_90_days(), 0, 3, "TDP-02 visited");

  // One group asked for: its figures and no group list.
  const v1::GetDashboardResponse only_second = Dashboard("TDP-02");
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(only_second.figures(), second));
  EXPECT_EQ(only_second.groups_size(), 0);

  // The official history before the system's first year, then the system's years.
  ASSERT_EQ(dashboard.trend_size(), 4);
  EXPECT_EQ(dashboard.trend(0).review_year(), 2016);
  EXPECT_EQ(dashboard.trend(0).source(), v1::TrendPoint::SOURCE_OFFICIAL_HISTORY);
  EXPECT_EQ(dashboard.trend(0).poor_households(), 230);
  EXPECT_DOUBLE_EQ(dashboard.trend(0).poor_rate_percent(), 12.04);
  EXPECT_EQ(dashboard.trend(1).review_year(), 2021);
  EXPECT_EQ(dashboard.trend(1).poor_households(), 82);
  EXPECT_EQ(dashboard.trend(2).review_year(), 2024);
  EXPECT_EQ(dashboard.trend(2).source(), v1::TrendPoint::SOURCE_SYSTEM);
  EXPECT_EQ(dashboard.trend(2).households(), 9);
  EXPECT_EQ(dashboard.trend(2).poor_households(), 3) << "H1 H2 H6";
  EXPECT_EQ(dashboard.trend(2).near_poor_households(), 2) << "H3 H7";
  EXPECT_EQ(dashboard.trend(3).review_year(), 2025);
  EXPECT_EQ(dashboard.trend(3).poor_households(), 4);
  EXPECT_NEAR(dashboard.trend(3).poor_rate_percent(), 50.0, 1e-9);
}

// last year's count + inflows - outflows = this year's count, for one list,
// with both ends as the two years' dashboards publish them.
void ExpectListReconciles(const v1::CategoryFlows& flows, int previous_figure, int this_figure,
                          const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(flows.previous_year_count(), previous_figure);
  EXPECT_EQ(flows.this_year_count(), this_figure);
  EXPECT_EQ(
      flows.previous_year_count() + flows.newly() + flows.relapsed() - flows.escaped() - flows.left_ward(),
      flows.this_year_count());
}

void ExpectYearReconciles(const v1::WardFigures& last_year, const v1::WardFigures& this_year) {
  const std::string where = this_year.residential_group().empty() ? "ward" : this_year.residential_group();
  ExpectListReconciles(this_year.poor_flows(), last_year.poor().count(), this_year.poor().count(),
                       where + " poor");
  ExpectListReconciles(this_year.near_poor_flows(), last_year.near_poor().count(),
                       this_year.near_poor().count(), where + " near-poor");
}

TEST_F(MonitoringFiguresTest, TheListsReconcileOverTwoReviewsWithEveryKindOfMovement) {
  // Reviews of 2024 and 2025 (plus a 2023 one for the relapses), one
  // household per kind of movement, published as classification would:
  //   P1 poor -> poor                     N1 none -> near-poor
  //   P2 none -> poor                     N2 near-poor 2023, not poor 2024 -> near-poor (relapsed)
  //   P3 near-poor -> poor                N3 near-poor -> average
  //   P4 poor 2023, not poor 2024 -> poor N4 near-poor, dissolved in 2025
  //   P5 poor 2023, near-poor 2024 -> poor
  //   P6 poor -> not poor
  //   P7 poor -> near-poor
  //   P8 poor, moved out in 2025
  for (const char* household : {"P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"})
    Registered(household, "TDP-01", "2023-01-05");
  for (const char* household : {"N1", "N2", "N3", "N4"}) Registered(household, "TDP-02", "2023-01-05");
  constexpr auto kPoor = v1::POVERTY_CATEGORY_POOR;
  constexpr auto kNear = v1::POVERTY_CATEGORY_NEAR_POOR;
  constexpr auto kNotPoor = v1::POVERTY_CATEGORY_NOT_POOR;
  Approved("P4", "R-2023", 2023, kPoor, v1::TRANSITION_NEWLY_POOR, "2023-12-10");
  Approved("P5", "R-2023", 2023, kPoor, v1::TRANSITION_NEWLY_POOR, "2023-12-10");
  Approved("N2", "R-2023", 2023, kNear, v1::TRANSITION_NEWLY_NEAR_POOR, "2023-12-10");
  for (const char* household : {"P1", "P6", "P7", "P8"})
    Approved(household, "R-2024", 2024, kPoor, v1::TRANSITION_NEWLY_POOR, "2024-12-10");
  Approved("P3", "R-2024", 2024, kNear, v1::TRANSITION_NEWLY_NEAR_POOR, "2024-12-10");
  Approved("P4", "R-2024", 2024, kNotPoor, v1::TRANSITION_ESCAPED_POVERTY, "2024-12-10");
  Approved("P5", "R-2024", 2024, kNear, v1::TRANSITION_POOR_TO_NEAR_POOR, "2024-12-10");
  Approved("N2", "R-2024", 2024, kNotPoor, v1::TRANSITION_ESCAPED_NEAR_POVERTY, "2024-12-10");
  for (const char* household : {"N3", "N4"})
    Approved(household, "R-2024", 2024, kNear, v1::TRANSITION_NEWLY_NEAR_POOR, "2024-12-10");
  MovedOut("P8", "2025-05-01");
  Dissolved("N4", "2025-07-01");
  Approved("P1", "R-2025", 2025, kPoor, v1::TRANSITION_UNCHANGED, "2025-12-10");
  Approved("P2", "R-2025", 2025, kPoor, v1::TRANSITION_NEWLY_POOR, "2025-12-10");
  Approved("P3", "R-2025", 2025, kPoor, v1::TRANSITION_NEAR_POOR_TO_POOR, "2025-12-10");
  Approved("P4", "R-2025", 2025, kPoor, v1::TRANSITION_RELAPSED, "2025-12-10");
  Approved("P5", "R-2025", 2025, kPoor, v1::TRANSITION_NEAR_POOR_TO_POOR_RELAPSED, "2025-12-10");
  Approved("P6", "R-2025", 2025, kNotPoor, v1::TRANSITION_ESCAPED_POVERTY, "2025-12-10");
  Approved("P7", "R-2025", 2025, kNear, v1::TRANSITION_POOR_TO_NEAR_POOR, "2025-12-10");
  Approved("N1", "R-2025", 2025, kNear, v1::TRANSITION_NEWLY_NEAR_POOR, "2025-12-10");
  Approved("N2", "R-2025", 2025, kNear, v1::TRANSITION_RELAPSED_NEAR_POOR, "2025-12-10");
  Approved("N3", "R-2025", 2025, v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_ESCAPED_NEAR_POVERTY,
           "2025-12-10");
  WaitForAllPublished();

  v1::GetDashboardRequest request;
  request.set_as_of("2026-01-31");
  request.set_review_year(2024);
  v1::GetDashboardResponse last_year;
  ASSERT_TRUE(stub_->GetDashboard(AuthorizedContext(tokens_.officer).get(), request, &last_year).ok());
  request.set_review_year(2025);
  v1::GetDashboardResponse this_year;
  ASSERT_TRUE(stub_->GetDashboard(AuthorizedContext(tokens_.officer).get(), request, &this_year).ok());

  const v1::WardFigures& ward = this_year.figures();
  // Poor for 2024: P1 P6 P7 P8. For 2025: P1 P2 P3 P4 P5.
  const v1::CategoryFlows& poor = ward.poor_flows();
  EXPECT_EQ(poor.previous_year_count(), 4);
  EXPECT_EQ(poor.newly(), 2) << "P2, and P3 near-poor to poor (nghèo phát sinh)";
  EXPECT_EQ(poor.relapsed(), 2) << "P4, and P5 through near-poverty";
  EXPECT_EQ(poor.inflows_from_other_list(), 2) << "P3 P5";
  EXPECT_EQ(poor.escaped(), 2) << "P6, and P7 poor to near-poor";
  EXPECT_EQ(poor.escaped_to_other_list(), 1) << "P7";
  EXPECT_EQ(poor.left_ward(), 1) << "P8";
  EXPECT_EQ(poor.this_year_count(), 5);
  // Near-poor for 2024: P3 P5 N3 N4. For 2025: P7 N1 N2.
  const v1::CategoryFlows& near_poor = ward.near_poor_flows();
  EXPECT_EQ(near_poor.previous_year_count(), 4);
  EXPECT_EQ(near_poor.newly(), 2) << "N1, and P7 poor to near-poor";
  EXPECT_EQ(near_poor.inflows_from_other_list(), 1) << "P7";
  EXPECT_EQ(near_poor.relapsed(), 1) << "N2 (tái cận nghèo)";
  EXPECT_EQ(near_poor.escaped(), 3) << "N3, and P3 P5 to poor";
  EXPECT_EQ(near_poor.escaped_to_other_list(), 2) << "P3 P5";
  EXPECT_EQ(near_poor.left_ward(), 1) << "N4";
  EXPECT_EQ(near_poor.this_year_count(), 3);
  // The flat figures count the same way.
  EXPECT_EQ(ward.newly_poor(), 2);
  EXPECT_EQ(ward.escaped_poverty(), 2);
  EXPECT_EQ(ward.newly_near_poor(), 2);
  EXPECT_EQ(ward.escaped_near_poverty(), 3);

  ExpectYearReconciles(last_year.figures(), ward);
  ASSERT_EQ(last_year.groups_size(), 2);
  ASSERT_EQ(this_year.groups_size(), 2);
  for (int i = 0; i < this_year.groups_size(); ++i)
    ExpectYearReconciles(last_year.groups(i), this_year.groups(i));
}

TEST_F(MonitoringFiguresTest, ScorecardOfTheKnownWardAndTheTownsRateAsData) {
  PublishKnownWard();
  WaitForAllPublished();
  v1::Scorecard scorecard = Scorecard(2025, "2026-01-31");
  ASSERT_EQ(scorecard.lines_size(), 5);
  EXPECT_EQ(scorecard.lines(0).status(), v1::ScorecardLine::STATUS_NOT_MET) << "12.5% > 1.7%";
  EXPECT_NEAR(scorecard.lines(0).figure().percent(), 12.5, 1e-9);
  EXPECT_EQ(scorecard.lines(1).status(), v1::ScorecardLine::STATUS_UNKNOWN) << "town's rate not entered";
  EXPECT_FALSE(scorecard.lines(1).has_threshold_percent());
  EXPECT_EQ(scorecard.lines(2).status(), v1::ScorecardLine::STATUS_NOT_MET) << "loans 50%";
  EXPECT_EQ(scorecard.lines(3).status(), v1::ScorecardLine::STATUS_NOT_MET) << "training 50%";
  EXPECT_EQ(scorecard.lines(4).status(), v1::ScorecardLine::STATUS_NOT_MET) << "helped 50%";

  // Only a ward officer enters the town's rate; a new value replaces the old.
  EXPECT_EQ(SetTownRate(30, tokens_.auditor).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(SetTownRate(30, tokens_.officer).ok());
  scorecard = Scorecard(2025, "2026-01-31");
  EXPECT_EQ(scorecard.lines(1).status(), v1::ScorecardLine::STATUS_MET) << "25% below 30%";
  EXPECT_DOUBLE_EQ(scorecard.lines(1).threshold_percent(), 30);
  ASSERT_TRUE(SetTownRate(20, tokens_.officer).ok());
  scorecard = Scorecard(2025, "2026-01-31");
  EXPECT_EQ(scorecard.lines(1).status(), v1::ScorecardLine::STATUS_NOT_MET) << "25% not below 20%";
  EXPECT_DOUBLE_EQ(scorecard.lines(1).threshold_percent(), 20);
}

TEST_F(MonitoringFiguresTest, TheScorecardOfACraftedWardMeetsItsTargets) {
  // 60 households; 2 poor (one without labour capacity: 1/60 = 1.67% <= 1.7%),
  // 2 near-poor (3.33%); every one followed by an organization and a helper;
  // the one loan need answered by credit; no training need at all.
  for (int i = 1; i <= 60; ++i) {
    const std::string household = "HH-" + std::to_string(1000 + i);
    Registered(household, i <= 30 ? "TDP-01" : "TDP-02", "2025-01-02");
  }
  const std::vector<std::pair<std::string, v1::PovertyCategory>> followed = {
      {"HH-1001", v1::POVERTY_CATEGORY_POOR},
      {"HH-1002", v1::POVERTY_CATEGORY_POOR},
      {"HH-1031", v1::POVERTY_CATEGORY_NEAR_POOR},
      {"HH-1032", v1::POVERTY_CATEGORY_NEAR_POOR}};
  for (const auto& [household, category] : followed) {
    Approved(
        household, "R-2025", 2025, category,
        category == v1::POVERTY_CATEGORY_POOR ? v1::TRANSITION_NEWLY_POOR : v1::TRANSITION_NEWLY_NEAR_POOR,
        "2025-12-10", household == "HH-1001");
    CaseOpened(household, "womens-union", "2025-12-11");
    HelperAssigned(household, "womens-union", "women-01", "2025-12-12");
  }
  NeedRecorded("HH-1002", "N1", v1::NEED_TYPE_LOAN, "2025-12-13");
  SupportRecorded("HH-1002", "S1", v1::SUPPORT_TYPE_POLICY_CREDIT, "2025-12-20");
  WaitForAllPublished();
  ASSERT_TRUE(SetTownRate(3.5, tokens_.officer).ok());

  const v1::Scorecard scorecard = Scorecard(0, "2025-12-31");
  EXPECT_EQ(scorecard.review_year(), 2025) << "0 means the latest reviewed year";
  EXPECT_EQ(scorecard.as_of(), "2025-12-31");
  const std::vector<std::pair<std::string, v1::ScorecardLine::Status>> expected = {
      {"poor-without-labour-capacity", v1::ScorecardLine::STATUS_MET},
      {"near-poor-below-town", v1::ScorecardLine::STATUS_MET},
      {"loans-for-loan-needs", v1::ScorecardLine::STATUS_MET},
      {"training-for-training-needs", v1::ScorecardLine::STATUS_UNKNOWN},
      {"followed-and-helped", v1::ScorecardLine::STATUS_MET}};
  ASSERT_EQ(scorecard.lines_size(), static_cast<int>(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].first);
    EXPECT_EQ(scorecard.lines(i).target().target_id(), expected[i].first);
    EXPECT_EQ(scorecard.lines(i).status(), expected[i].second) << scorecard.lines(i).explanation();
    EXPECT_FALSE(scorecard.lines(i).explanation().empty());
  }
  EXPECT_NEAR(scorecard.lines(0).figure().percent(), 100.0 / 60, 1e-9);
  EXPECT_EQ(scorecard.lines(4).figure().count(), 4);
  EXPECT_EQ(scorecard.lines(4).figure().total(), 4);

  // The same scorecard as CSV and as JSON.
  v1::ExportScorecardRequest request;
  request.set_format(v1::ExportedDocument::FORMAT_JSON);
  request.set_as_of("2025-12-31");
  v1::ExportScorecardResponse json;
  ASSERT_TRUE(
      stub_->ExportScorecard(AuthorizedContext(tokens_.womens_union_staff).get(), request, &json).ok());
  EXPECT_EQ(json.document().media_type(), "application/json");
  const nlohmann::json rows = nlohmann::json::parse(json.document().content());
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0]["target_id"], "poor-without-labour-capacity");
  EXPECT_EQ(rows[0]["status"], "met");
  EXPECT_EQ(rows[3]["status"], "unknown");
  request.set_format(v1::ExportedDocument::FORMAT_CSV);
  v1::ExportScorecardResponse csv;
  ASSERT_TRUE(stub_->ExportScorecard(AuthorizedContext(tokens_.officer).get(), request, &csv).ok());
  EXPECT_EQ(csv.document().file_name(), "scorecard-2025.csv");
  EXPECT_EQ(std::count(csv.document().content().begin(), csv.document().content().end(), '\n'), 6)
      << "a header and five rows";
}

TEST_F(MonitoringFiguresTest, ReplayedEventsCountOnce) {
  Registered("H1", "TDP-01", "2025-01-02");
  Approved("H1", "R-2025", 2025, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-12-10");
  CaseOpened("H1", "womens-union", "2025-12-11");
  VisitRecorded("H1", "2025-12-20");
  WaitUntilDrained();
  const v1::GetDashboardResponse before = Dashboard();
  const v1::GetSeenResponse seen_before = Seen();
  ASSERT_EQ(seen_before.audit_entries(), 4u);
  ASSERT_EQ(ConsumedTotal(), 4u);

  // Every event delivered again, twice, as an at-least-once producer or a
  // replay from the start would.
  for (std::string_view source :
       {events::kRegistrySource, events::kClassificationSource, events::kAssignmentSource}) {
    redis::Reply entries = redis().Command({"XRANGE", events::EventStream(source, 0), "-", "+"});
    for (int copy = 0; copy < 2; ++copy) {
      for (const redis::Reply& item : entries.elements) {
        std::string error;
        const std::optional<v1::EventEnvelope> envelope =
            events::DecodeEntry(events::ParseEntryReply(item), &error);
        ASSERT_TRUE(envelope) << error;
        XAdd(source, *envelope);
      }
    }
  }
  WaitUntilDrained();
  const v1::GetDashboardResponse after = Dashboard();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(before, after))
      << before.DebugString() << "\nvs\n"
      << after.DebugString();
  const v1::GetSeenResponse seen_after = Seen();
  EXPECT_EQ(seen_after.audit_entries(), 4u) << "a replay is not audited twice";
  EXPECT_EQ(ConsumedTotal(), 4u);
  EXPECT_EQ(redis().Command({"LLEN", "ansinh:{p0}:monitoring:timeline:H1"}).AsInteger(), 4);
  EXPECT_EQ(after.figures().poor().count(), 1);
  EXPECT_EQ(after.figures().visited_last_90_days().count(), 1);
}

TEST_F(MonitoringFiguresTest, BadRequestsNameEveryFieldAndRolesAreEnforced) {
  v1::GetDashboardRequest dashboard;
  dashboard.set_review_year(25);
  dashboard.set_as_of("31/12/2025");
  v1::GetDashboardResponse ignored;
  grpc::Status status = stub_->GetDashboard(AuthorizedContext(tokens_.officer).get(), dashboard, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("review_year"), std::string::npos) << status.error_message();
  EXPECT_NE(status.error_message().find("as_of"), std::string::npos) << status.error_message();

  v1::SetExternalFigureRequest figure;
  figure.set_key("unknown_key");
  figure.set_review_year(2025);
  figure.set_value_percent(140);
  v1::SetExternalFigureResponse stored;
  status = stub_->SetExternalFigure(AuthorizedContext(tokens_.officer).get(), figure, &stored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (const char* field : {"key", "value_percent", "source"}) {
    EXPECT_NE(status.error_message().find(field), std::string::npos)
        << field << ": " << status.error_message();
  }

  // Services read what monitoring consumed, not the ward's figures.
  status = stub_->GetDashboard(AuthorizedContext(tokens_.service).get(), v1::GetDashboardRequest{}, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  v1::GetSeenResponse seen;
  EXPECT_TRUE(stub_->GetSeen(AuthorizedContext(tokens_.service).get(), v1::GetSeenRequest{}, &seen).ok());
  status = stub_->GetDashboard(AuthorizedContext("not-a-token").get(), v1::GetDashboardRequest{}, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace ansinh
