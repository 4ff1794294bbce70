// One real flow through all four services, proving the backbone: a survey
// recorded in the registry is classified, reviewed and approved by
// classification, whose status event makes assignment open a case with a
// responsible organization, and monitoring reports every event it saw.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "eventually.h"
#include "household_builders.h"
#include "ward_stack.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::Eventually;
using testkit::WardStack;

// How long each step of the flow may take to reach the next service.
constexpr auto kStepTimeout = std::chrono::seconds(30);

v1::Member Member(const std::string& name, v1::Sex sex, const std::string& born, v1::RelationToHead relation,
                  const std::string& national_id) {
  v1::Member member;
  member.set_full_name(name);
  member.set_sex(sex);
  member.set_date_of_birth(born);
  member.set_relation_to_head(relation);
  member.set_national_id(national_id);
  member.set_nutrition(v1::NUTRITION_NORMAL);
  return member;
}

// Poor under Decree 07/2021 (urban): 1,200,000 VND a month per person and
// five deprivations (employment, health insurance, nutrition, housing
// quality, housing area).
v1::Household PoorHousehold() {
  v1::Household household;
  household.set_address("5 Kiệt 12 Hoàng Quốc Việt");
  household.set_residential_group("TDP-02");
  v1::Member head =
      Member("Hoàng Văn Sơn", v1::SEX_MALE, "1975-05-10", v1::RELATION_TO_HEAD_HEAD, "046175000077");
  head.set_employment(v1::EMPLOYMENT_WAGE_WITHOUT_CONTRACT);
  head.set_education_level(v1::EDUCATION_LEVEL_LOWER_SECONDARY);
  v1::Member spouse =
      Member("Đặng Thị Lụa", v1::SEX_FEMALE, "1978-08-21", v1::RELATION_TO_HEAD_SPOUSE, "046178000078");
  spouse.set_employment(v1::EMPLOYMENT_SELF_EMPLOYED);
  spouse.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
  v1::Member child = Member("Hoàng Minh Khôi", v1::SEX_MALE, "2015-03-01", v1::RELATION_TO_HEAD_CHILD, "");
  child.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  child.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
  child.set_enrolled_in_school(true);
  child.set_has_health_insurance(true);
  child.set_nutrition(v1::NUTRITION_STUNTED);
  *household.add_members() = head;
  *household.add_members() = spouse;
  *household.add_members() = child;
  return household;
}

v1::Survey PoorSurvey(const std::string& household_id) { return testkit::PeriodicSurvey(household_id); }

// The same flow on a single Redis and on a Redis Cluster of 3 masters with
// a replica each (issue 17): every service in cluster mode, every write
// acknowledged once a replica has it.
enum class RedisKind { kSingleNode, kCluster };
void PrintTo(RedisKind kind, std::ostream* out) {
  *out << (kind == RedisKind::kCluster ? "a Redis Cluster" : "a single Redis");
}

class FoundationEndToEnd : public ::testing::TestWithParam<RedisKind> {
 protected:
  static std::unique_ptr<WardStack> MakeStack(std::map<std::string, std::vector<std::string>> extra_args) {
    if (GetParam() == RedisKind::kCluster) {
      return std::make_unique<WardStack>(WardStack::OnRedisCluster{}, std::move(extra_args));
    }
    return std::make_unique<WardStack>(std::move(extra_args));
  }
};

TEST_P(FoundationEndToEnd, ASurveyBecomesAnOfficialStatusACaseAndMonitoredHistory) {
  // Rehearsal dates: the round runs in November 2025; the restart below
  // moves the ward's calendar past the complaint window.
  const std::unique_ptr<WardStack> started =
      MakeStack({{"classification", {"--today-override", "2025-11-03"}}});
  WardStack& stack = *started;
  stack.Start();
  const std::string officer = stack.tokens().officer;

  auto classification = v1::Classification::NewStub(stack.service("classification").channel());
  v1::OpenRoundRequest open;
  open.set_review_year(2025);
  open.set_kind(v1::REVIEW_KIND_PERIODIC);
  v1::OpenRoundResponse opened;
  grpc::Status status = classification->OpenRound(AuthorizedContext(officer).get(), open, &opened);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string round_id = opened.round().round_id();

  auto registry = v1::Registry::NewStub(stack.service("registry").channel());
  v1::CreateHouseholdRequest create;
  *create.mutable_household() = PoorHousehold();
  v1::CreateHouseholdResponse created;
  status = registry->CreateHousehold(AuthorizedContext(officer).get(), create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string household_id = created.household().household_id();
  v1::RecordSurveyRequest record;
  *record.mutable_survey() = PoorSurvey(household_id);
  v1::RecordSurveyResponse recorded;
  status = registry->RecordSurvey(AuthorizedContext(officer).get(), record, &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();

  // registry -> classification: the survey is classified as proposed.
  v1::ClassifyHouseholdResponse classified;
  ASSERT_TRUE(Eventually(
      [&] {
        v1::ClassifyHouseholdRequest request;
        request.set_household_id(household_id);
        return classification->ClassifyHousehold(AuthorizedContext(officer).get(), request, &classified).ok();
      },
      kStepTimeout))
      << "classification never saw the survey";
  EXPECT_EQ(classified.result().category(), v1::POVERTY_CATEGORY_POOR);

  v1::RecordMeetingRequest meeting;
  meeting.set_round_id(round_id);
  meeting.set_household_id(household_id);
  meeting.set_meeting_date("2025-11-03");
  meeting.set_attendees(24);
  meeting.set_agreed(20);
  meeting.set_minutes_reference("BB-TDP02-2025-11");
  v1::RecordMeetingResponse met;
  ASSERT_TRUE(Eventually(
      [&] { return classification->RecordMeeting(AuthorizedContext(officer).get(), meeting, &met).ok(); },
      kStepTimeout))
      << "the survey never joined the round";
  v1::PostResultsRequest post;
  post.set_round_id(round_id);
  v1::PostResultsResponse posted;
  status = classification->PostResults(AuthorizedContext(officer).get(), post, &posted);
  ASSERT_TRUE(status.ok()) << status.error_message();

  // The chairman signs decision 125/QĐ-UBND on Friday 2025-11-07, after the
  // complaint window (until Wednesday 2025-11-05); it is entered on
  // 2025-11-12.
  stack.Restart("classification", {"--today-override", "2025-11-12"});
  classification = v1::Classification::NewStub(stack.service("classification").channel());
  v1::ApproveRoundRequest approve;
  approve.set_round_id(round_id);
  approve.set_decision_number("125/QĐ-UBND");
  approve.set_decision_date("2025-11-07");
  v1::ApproveRoundResponse approved;
  status = classification->ApproveRound(AuthorizedContext(officer).get(), approve, &approved);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(approved.approved_size(), 1);
  EXPECT_EQ(approved.approved(0).approved_date(), "2025-11-07");
  EXPECT_EQ(approved.round().approval_entered_date(), "2025-11-12");

  // classification -> assignment: a case with a responsible organization.
  auto assignment = v1::Assignment::NewStub(stack.service("assignment").channel());
  v1::Case case_record;
  ASSERT_TRUE(Eventually(
      [&] {
        v1::GetCaseByHouseholdRequest request;
        request.set_household_id(household_id);
        return assignment->GetCaseByHousehold(AuthorizedContext(officer).get(), request, &case_record).ok();
      },
      kStepTimeout))
      << "assignment opened no case";
  EXPECT_EQ(case_record.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_FALSE(case_record.organization_id().empty());
  EXPECT_FALSE(case_record.assignment_reason().empty());
  // The case starts on the decision's date, not on the day it was entered
  // (nor the day assignment applied it): a visit made in between counts.
  EXPECT_EQ(case_record.opened_on(), "2025-11-07");
  v1::RecordVisitRequest visit;
  visit.set_case_id(case_record.case_id());
  visit.set_visited_on("2025-11-10");
  visit.set_notes("first visit after the decision; the family asked about a loan");
  visit.set_observed_change(v1::OBSERVED_CHANGE_NO_CHANGE);
  visit.set_reason("first visit");
  v1::RecordVisitResponse visited;
  status = assignment->RecordVisit(AuthorizedContext(officer).get(), visit, &visited);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(visited.visit().visited_on(), "2025-11-10");
  visit.set_visited_on("2025-11-06");
  status = assignment->RecordVisit(AuthorizedContext(officer).get(), visit, &visited);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << "before the decision";
  EXPECT_THAT(status.error_message(),
              ::testing::HasSubstr("must not be before the case opened on 2025-11-07"));

  // registry, classification, assignment -> monitoring: it saw all three.
  auto monitoring = v1::Monitoring::NewStub(stack.service("monitoring").channel());
  v1::GetHouseholdTimelineResponse timeline;
  ASSERT_TRUE(Eventually(
      [&] {
        v1::GetHouseholdTimelineRequest request;
        request.set_household_id(household_id);
        if (!monitoring->GetHouseholdTimeline(AuthorizedContext(officer).get(), request, &timeline).ok()) {
          return false;
        }
        std::set<std::string> services;
        for (const auto& entry : timeline.entries()) services.insert(entry.service());
        return services.contains("registry") && services.contains("classification") &&
               services.contains("assignment");
      },
      kStepTimeout))
      << "monitoring did not see the household's events from all three services";
  for (const auto& entry : timeline.entries()) {
    EXPECT_FALSE(entry.description().empty()) << entry.event_type();
    EXPECT_FALSE(entry.actor().name().empty()) << entry.event_type();
  }
  v1::GetSeenRequest seen_request;
  seen_request.set_last_events(5);
  v1::GetSeenResponse seen;
  ASSERT_TRUE(monitoring->GetSeen(AuthorizedContext(officer).get(), seen_request, &seen).ok());
  EXPECT_EQ(seen.streams_size(), 3);
  for (const auto& stream : seen.streams()) EXPECT_GT(stream.events_consumed(), 0u) << stream.stream();

  // An audit entry for every event monitoring consumed (and one for each
  // read of marked personal fields), and the chain verifies.
  uint64_t consumed = 0;
  for (const auto& stream : seen.streams()) consumed += stream.events_consumed();
  ASSERT_TRUE(Eventually(
      [&] {
        return monitoring->GetSeen(AuthorizedContext(officer).get(), seen_request, &seen).ok() &&
               seen.audit_entries() >= consumed;
      },
      kStepTimeout))
      << seen.audit_entries() << " audit entries for " << consumed << " events";
  v1::VerifyAuditResponse verified;
  const grpc::Status verify = monitoring->VerifyAudit(AuthorizedContext(stack.tokens().auditor).get(),
                                                      v1::VerifyAuditRequest{}, &verified);
  ASSERT_TRUE(verify.ok()) << verify.error_message();
  EXPECT_TRUE(verified.verification().intact());
  EXPECT_GE(verified.verification().entries_checked(), consumed);
}

INSTANTIATE_TEST_SUITE_P(OnEachRedis, FoundationEndToEnd,
                         ::testing::Values(RedisKind::kSingleNode, RedisKind::kCluster),
                         [](const ::testing::TestParamInfo<RedisKind>& info) {
                           return info.param == RedisKind::kCluster ? "RedisCluster" : "SingleRedis";
                         });

}  // namespace
}  // namespace ansinh
