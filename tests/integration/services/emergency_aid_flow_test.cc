// Issue 19's emergency aid, end to end through the real assignment and
// monitoring binaries on one Redis: a ward officer declares a flood, staff
// mark the households of the flooded groups in bulk, monitoring raises an
// alert for each affected poor household nobody has contacted since the
// flood began, emergency relief (or a visit) clears it, the timeline shows
// the flood, and the year's report counts it.
#include <google/protobuf/util/time_util.h>

#include "ansinh/v1/monitoring.grpc.pb.h"
#include "assignment_test_fixture.h"
#include "eventually.h"

namespace ansinh::assignment::testkit {
namespace {

class EmergencyAidFlowTest : public AssignmentServiceTest {
 protected:
  void SetUp() override {
    AssignmentServiceTest::SetUp();
    StartService();
    monitoring_ = std::make_unique<ServiceProcess>(
        "monitoring", *redis_, tokens_file_, dir_.path(),
        std::vector<std::string>{
            "--targets-file",
            std::string(ANSINH_SOURCE_DIR) + "/services/monitoring/config/targets.textproto",
            "--checkpoint-interval-seconds", "0"});
    monitoring_->Start();
    monitoring_client_ = v1::Monitoring::NewStub(monitoring_->channel());
  }

  void TearDown() override {
    if (monitoring_) monitoring_->Terminate();
    AssignmentServiceTest::TearDown();
  }

  // The alerts of the emergency kind, as the women's union's staff see them.
  std::vector<v1::WardAlert> EmergencyAlerts() {
    v1::ListAlertsResponse response;
    auto context = AuthorizedContext(tokens_.officer);
    const grpc::Status status =
        monitoring_client_->ListAlerts(context.get(), v1::ListAlertsRequest{}, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<v1::WardAlert> found;
    for (const v1::OrganizationAlerts& group : response.organizations()) {
      for (const v1::WardAlert& alert : group.alerts()) {
        if (alert.kind() == v1::WardAlert::KIND_EMERGENCY_NOT_CONTACTED) found.push_back(alert);
      }
    }
    return found;
  }

  std::set<std::string> AlertedHouseholds() {
    std::set<std::string> households;
    for (const v1::WardAlert& alert : EmergencyAlerts()) households.insert(alert.household_id());
    return households;
  }

  std::unique_ptr<ServiceProcess> monitoring_;
  std::unique_ptr<v1::Monitoring::Stub> monitoring_client_;
};

TEST_F(EmergencyAidFlowTest, DeclareMarkInBulkAlertRelieveAndTheAlertClears) {
  const v1::Case first = OpenCase("HH-000001", "TDP-01");
  const v1::Case second = OpenCase("HH-000002", "TDP-01");
  OpenCase("HH-000003", "TDP-09");  // outside the flooded group

  v1::DeclareEmergencyRequest declare;
  declare.mutable_emergency()->set_kind(v1::EMERGENCY_KIND_FLOOD);
  declare.mutable_emergency()->set_name("Lũ lụt tháng 12");
  declare.mutable_emergency()->set_began_on(WardDate(std::chrono::hours(-48)));
  declare.mutable_emergency()->add_residential_groups("TDP-01");
  declare.set_reason("công văn số 12/UBND");
  v1::DeclareEmergencyResponse declared;
  {
    auto context = AuthorizedContext(tokens_.officer);
    ASSERT_TRUE(client().DeclareEmergency(context.get(), declare, &declared).ok());
  }
  const std::string emergency_id = declared.emergency().emergency_id();

  v1::MarkAffectedRequest mark;
  mark.set_emergency_id(emergency_id);
  mark.set_all_in_affected_groups(true);
  mark.set_affected_on(WardDate(std::chrono::hours(-24)));
  mark.set_reason("tổ trưởng báo");
  v1::MarkAffectedResponse marked;
  {
    auto context = AuthorizedContext(tokens_.womens_union_staff);
    const grpc::Status status = client().MarkAffected(context.get(), mark, &marked);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  ASSERT_EQ(marked.outcomes_size(), 2) << "both households of TDP-01, not the one of TDP-09";

  const std::set<std::string> both{"HH-000001", "HH-000002"};
  ASSERT_TRUE(
      ansinh::testkit::Eventually([&] { return AlertedHouseholds() == both; }, std::chrono::seconds(15)))
      << monitoring_->log();
  const std::vector<v1::WardAlert> alerts = EmergencyAlerts();
  EXPECT_EQ(alerts[0].reference_id(), emergency_id);
  EXPECT_EQ(alerts[0].since(), WardDate(std::chrono::hours(-48))) << "counted from the flood's first day";
  EXPECT_NE(alerts[0].message().find("Lũ lụt tháng 12"), std::string::npos) << alerts[0].message();

  // Relief for the first household, a visit to the second: each clears its alert.
  v1::RecordSupportRequest relief;
  relief.set_case_id(first.case_id());
  relief.set_type(v1::SUPPORT_TYPE_EMERGENCY_RELIEF);
  relief.set_amount_vnd(2'000'000);
  relief.set_provider("Ủy ban MTTQ phường");
  relief.set_delivered_on(WardDate());
  relief.set_emergency_id(emergency_id);
  relief.set_reason("cứu trợ sau lũ");
  {
    v1::RecordSupportResponse response;
    auto context = AuthorizedContext(tokens_.officer);
    const grpc::Status status = client().RecordSupport(context.get(), relief, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  ASSERT_TRUE(ansinh::testkit::Eventually(
      [&] { return AlertedHouseholds() == std::set<std::string>{"HH-000002"}; }, std::chrono::seconds(15)))
      << monitoring_->log();
  v1::RecordVisitRequest visit;
  visit.set_case_id(second.case_id());
  visit.set_visited_on(WardDate());
  visit.set_notes("nhà đã khô, cần gạo");
  visit.set_observed_change(v1::OBSERVED_CHANGE_WORSENED);
  visit.set_reason("thăm sau lũ");
  {
    v1::RecordVisitResponse response;
    auto context = AuthorizedContext(tokens_.officer);
    const grpc::Status status = client().RecordVisit(context.get(), visit, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  ASSERT_TRUE(
      ansinh::testkit::Eventually([&] { return AlertedHouseholds().empty(); }, std::chrono::seconds(15)))
      << monitoring_->log();

  // The household's timeline shows the flood.
  v1::GetHouseholdTimelineRequest timeline_request;
  timeline_request.set_household_id("HH-000001");
  v1::GetHouseholdTimelineResponse timeline;
  {
    auto context = AuthorizedContext(tokens_.officer);
    ASSERT_TRUE(monitoring_client_->GetHouseholdTimeline(context.get(), timeline_request, &timeline).ok());
  }
  int flood_lines = 0;
  for (const v1::HouseholdTimelineEntry& entry : timeline.entries()) {
    if (entry.description_text().key() == "event.household_affected") ++flood_lines;
  }
  EXPECT_EQ(flood_lines, 1);

  // The year's report counts the flood: two affected, both poor, both contacted, one relieved.
  const int year = std::stoi(WardDate().substr(0, 4));
  v1::GetResolutionReportRequest report_request;
  report_request.set_first_year(year);
  report_request.set_last_year(year);
  v1::GetResolutionReportResponse report;
  {
    auto context = AuthorizedContext(tokens_.officer);
    ASSERT_TRUE(monitoring_client_->GetResolutionReport(context.get(), report_request, &report).ok());
  }
  ASSERT_EQ(report.years_size(), 1);
  ASSERT_EQ(report.years(0).emergencies_size(), 1);
  const v1::EmergencyOutcome& outcome = report.years(0).emergencies(0);
  EXPECT_EQ(outcome.emergency().emergency_id(), emergency_id);
  EXPECT_EQ(outcome.affected(), 2);
  EXPECT_EQ(outcome.affected_on_list(), 2);
  EXPECT_EQ(outcome.contacted(), 2);
  EXPECT_EQ(outcome.relieved(), 1);
  EXPECT_EQ(outcome.relief_vnd(), 2'000'000);
}

}  // namespace
}  // namespace ansinh::assignment::testkit
