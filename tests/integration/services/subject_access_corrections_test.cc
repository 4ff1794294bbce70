// Correction requests on the whole stack (docs/registry.md, "Correction
// requests"): recorded, accepted through the registry's normal update (the
// household's own event, caused by the request) or rejected without touching
// the household; both the request and the change in the household's history.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>

#include <map>
#include <string>
#include <vector>

#include "ansinh/v1/corrections.grpc.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "bad_request.h"
#include "events/envelope_codec.h"
#include "events/stream_names.h"
#include "eventually.h"
#include "redis/redis_connection.h"
#include "test_tokens.h"
#include "ward_stack.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::WardStack;

v1::Member Person(const std::string& name, v1::Sex sex, const std::string& born, v1::RelationToHead relation,
                  const std::string& national_id) {
  v1::Member member;
  member.set_full_name(name);
  member.set_sex(sex);
  member.set_date_of_birth(born);
  member.set_relation_to_head(relation);
  member.set_national_id(national_id);
  member.set_has_health_insurance(true);
  member.set_education_level(v1::EDUCATION_LEVEL_UPPER_SECONDARY);
  member.set_employment(v1::EMPLOYMENT_SELF_EMPLOYED);
  return member;
}

class CorrectionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = new WardStack();
    stack_->Start();
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  void SetUp() override {
    registry_ = v1::Registry::NewStub(stack_->service("registry").channel());
    corrections_ = v1::Corrections::NewStub(stack_->service("registry").channel());
    monitoring_ = v1::Monitoring::NewStub(stack_->service("monitoring").channel());
  }

  const std::string& officer() const { return stack_->tokens().officer; }

  // A couple in TDP-05, CCCDs from `first_id`.
  v1::Household Register(int first_id) {
    v1::CreateHouseholdRequest request;
    v1::Household& household = *request.mutable_household();
    household.set_address("số 8 kiệt 12 Lê Lợi");
    household.set_residential_group("TDP-05");
    *household.add_members() = Person("Phan Văn Lộc", v1::SEX_MALE, "1979-05-14", v1::RELATION_TO_HEAD_HEAD,
                                      "0461790" + std::to_string(10000 + first_id));
    *household.add_members() =
        Person("Đỗ Thị Hạnh", v1::SEX_FEMALE, "1982-09-01", v1::RELATION_TO_HEAD_SPOUSE,
               "0461820" + std::to_string(10000 + first_id + 1));
    v1::CreateHouseholdResponse response;
    const grpc::Status status =
        registry_->CreateHousehold(AuthorizedContext(officer()).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.household();
  }

  v1::Household Get(const std::string& household_id) {
    v1::GetHouseholdRequest request;
    request.set_household_id(household_id);
    v1::GetHouseholdResponse response;
    EXPECT_TRUE(registry_->GetHousehold(AuthorizedContext(officer()).get(), request, &response).ok());
    return response.household();
  }

  v1::RecordCorrectionRequestRequest BirthDate(const std::string& household_id, const std::string& value) {
    v1::RecordCorrectionRequestRequest request;
    request.set_household_id(household_id);
    request.set_member_id("M2");
    request.set_field("date_of_birth");
    request.set_requested_value(value);
    request.set_reason("ngày sinh ghi sai so với CCCD");
    request.set_requested_by("Đỗ Thị Hạnh");
    request.set_received_date("2025-01-02");
    return request;
  }

  // The household's events on the registry's stream, oldest first.
  std::vector<v1::EventEnvelope> RegistryEvents(const std::string& household_id) {
    redis::Connection redis(stack_->RedisAdminOptions());
    std::vector<v1::EventEnvelope> found;
    const redis::Reply entries =
        redis.Command({"XRANGE", events::EventStream(events::kRegistrySource, 0), "-", "+"});
    for (const redis::Reply& item : entries.elements) {
      std::string error;
      std::optional<v1::EventEnvelope> event = events::DecodeEntry(events::ParseEntryReply(item), &error);
      if (event && event->household_id() == household_id &&
          !event->event_type().ends_with(".personal_data_read.v1")) {
        found.push_back(std::move(*event));
      }
    }
    return found;
  }

  // The household's history once it holds a line of each of `types`.
  std::vector<v1::HouseholdTimelineEntry> HistoryWith(const std::string& household_id,
                                                      const std::vector<std::string>& types) {
    std::vector<v1::HouseholdTimelineEntry> lines;
    const bool complete = testkit::Eventually(
        [&] {
          v1::GetHouseholdTimelineRequest request;
          request.set_household_id(household_id);
          request.mutable_page()->set_page_size(500);
          v1::GetHouseholdTimelineResponse response;
          if (!monitoring_->GetHouseholdTimeline(AuthorizedContext(officer()).get(), request, &response)
                   .ok()) {
            return false;
          }
          lines.assign(response.entries().begin(), response.entries().end());
          for (const std::string& type : types) {
            if (std::none_of(lines.begin(), lines.end(), [&](const v1::HouseholdTimelineEntry& line) {
                  return line.event_type() == type;
                })) {
              return false;
            }
          }
          return true;
        },
        std::chrono::seconds(20));
    EXPECT_TRUE(complete) << "the history of " << household_id << " lacks one of the events";
    return lines;
  }

  static WardStack* stack_;
  std::unique_ptr<v1::Registry::Stub> registry_;
  std::unique_ptr<v1::Corrections::Stub> corrections_;
  std::unique_ptr<v1::Monitoring::Stub> monitoring_;
};

WardStack* CorrectionsTest::stack_ = nullptr;

TEST_F(CorrectionsTest, AnAcceptedCorrectionChangesTheRecordThroughItsUpdateAndBothAreInTheHistory) {
  const v1::Household registered = Register(100);
  v1::RecordCorrectionRequestResponse recorded;
  grpc::Status status = corrections_->RecordCorrectionRequest(
      AuthorizedContext(officer()).get(), BirthDate(registered.household_id(), "1982-09-10"), &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::CorrectionRequest& request = recorded.request();
  EXPECT_EQ(request.request_id(), registered.household_id() + "-C1");
  EXPECT_EQ(request.status(), v1::CORRECTION_STATUS_OPEN);
  EXPECT_EQ(request.recorded_by().role(), v1::ROLE_WARD_OFFICER);
  EXPECT_FALSE(request.requested_event_id().empty());
  // Recording changes nothing of the household.
  EXPECT_EQ(Get(registered.household_id()).SerializeAsString(), registered.SerializeAsString());

  v1::ListCorrectionRequestsRequest open;
  v1::ListCorrectionRequestsResponse listed;
  ASSERT_TRUE(corrections_->ListCorrectionRequests(AuthorizedContext(officer()).get(), open, &listed).ok());
  EXPECT_THAT(listed.requests(), ::testing::Contains(::testing::Property(&v1::CorrectionRequest::request_id,
                                                                         request.request_id())));
  // Staff neither record nor read them.
  EXPECT_EQ(corrections_
                ->RecordCorrectionRequest(AuthorizedContext(stack_->tokens().womens_union_staff).get(),
                                          BirthDate(registered.household_id(), "1982-09-10"), &recorded)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // The normal update path: a stale version is refused as any update is.
  v1::AcceptCorrectionRequestRequest accept;
  accept.set_request_id(request.request_id());
  accept.set_expected_version(registered.version() + 7);
  v1::AcceptCorrectionRequestResponse accepted;
  EXPECT_EQ(corrections_->AcceptCorrectionRequest(AuthorizedContext(officer()).get(), accept, &accepted)
                .error_code(),
            grpc::StatusCode::ABORTED);
  accept.set_expected_version(registered.version());
  status = corrections_->AcceptCorrectionRequest(AuthorizedContext(officer()).get(), accept, &accepted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(accepted.request().status(), v1::CORRECTION_STATUS_ACCEPTED);
  EXPECT_EQ(accepted.request().household_version(), registered.version() + 1);

  const v1::Household after = Get(registered.household_id());
  EXPECT_EQ(after.version(), registered.version() + 1);
  EXPECT_EQ(after.members(1).date_of_birth(), "1982-09-10");
  v1::Household expected = registered;
  expected.set_version(registered.version() + 1);
  expected.mutable_members(1)->set_date_of_birth("1982-09-10");
  EXPECT_EQ(after.SerializeAsString(), expected.SerializeAsString()) << "only the field asked for changed";

  // The change is the registry's own MemberUpdated, caused by the request,
  // and the request's acceptance follows it in the same transaction.
  const std::vector<v1::EventEnvelope> events = RegistryEvents(registered.household_id());
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].event_type(), "registry.household_registered.v1");
  EXPECT_EQ(events[1].event_type(), "registry.correction_requested.v1");
  EXPECT_EQ(events[1].event_id(), request.requested_event_id());
  EXPECT_EQ(events[2].event_type(), "registry.member_updated.v1");
  EXPECT_EQ(events[2].causation_id(), request.requested_event_id());
  EXPECT_EQ(events[2].aggregate_version(), 2u);
  EXPECT_EQ(events[3].event_type(), "registry.correction_accepted.v1");
  EXPECT_EQ(events[3].aggregate_id(), request.request_id());
  EXPECT_EQ(events[3].aggregate_version(), 2u);
  EXPECT_EQ(events[3].causation_id(), request.requested_event_id());
  EXPECT_EQ(events[3].correlation_id(), events[2].correlation_id());

  // Handled once.
  EXPECT_EQ(corrections_->AcceptCorrectionRequest(AuthorizedContext(officer()).get(), accept, &accepted)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(corrections_->ListCorrectionRequests(AuthorizedContext(officer()).get(), open, &listed).ok());
  EXPECT_THAT(listed.requests(), ::testing::Not(::testing::Contains(::testing::Property(
                                     &v1::CorrectionRequest::request_id, request.request_id()))));

  const std::vector<v1::HouseholdTimelineEntry> history = HistoryWith(
      registered.household_id(),
      {"registry.correction_requested.v1", "registry.member_updated.v1", "registry.correction_accepted.v1"});
  std::map<std::string, std::string> lines;
  for (const v1::HouseholdTimelineEntry& line : history) lines[line.event_type()] = line.description();
  EXPECT_THAT(lines["registry.correction_requested.v1"],
              ::testing::HasSubstr("Correction " + request.request_id() + " requested by Đỗ Thị Hạnh"));
  EXPECT_THAT(lines["registry.correction_accepted.v1"], ::testing::HasSubstr("1982-09-10"));
  EXPECT_THAT(lines["registry.member_updated.v1"], ::testing::HasSubstr("Đỗ Thị Hạnh"));
}

TEST_F(CorrectionsTest, ARejectedCorrectionChangesNothingButTheRequest) {
  const v1::Household registered = Register(200);
  v1::RecordCorrectionRequestRequest wrong = BirthDate(registered.household_id(), "10/09/1982");
  wrong.set_member_id("M7");
  wrong.set_received_date("");
  const auto changes_before = stack_->ChangeCounts();
  v1::RecordCorrectionRequestResponse recorded;
  grpc::Status status =
      corrections_->RecordCorrectionRequest(AuthorizedContext(officer()).get(), wrong, &recorded);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(testkit::ViolatedFields(status),
              ::testing::UnorderedElementsAre("requested_value", "received_date"));
  wrong = BirthDate(registered.household_id(), "1982-09-10");
  wrong.set_member_id("M7");
  status = corrections_->RecordCorrectionRequest(AuthorizedContext(officer()).get(), wrong, &recorded);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(testkit::ViolatedFields(status), ::testing::ElementsAre("member_id"));
  EXPECT_EQ(stack_->ChangeCounts(), changes_before) << "a refused request wrote an event";

  v1::RecordCorrectionRequestRequest address;
  address.set_household_id(registered.household_id());
  address.set_field("address");
  address.set_requested_value("số 10 kiệt 12 Lê Lợi");
  address.set_reason("nhà đổi số");
  address.set_requested_by("Phan Văn Lộc, chủ hộ");
  address.set_received_date("2025-01-03");
  status = corrections_->RecordCorrectionRequest(AuthorizedContext(officer()).get(), address, &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();

  v1::RejectCorrectionRequestRequest reject;
  reject.set_request_id(recorded.request().request_id());
  v1::RejectCorrectionRequestResponse rejected;
  status = corrections_->RejectCorrectionRequest(AuthorizedContext(officer()).get(), reject, &rejected);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(testkit::ViolatedFields(status), ::testing::ElementsAre("reason"));
  reject.set_reason("số nhà theo quyết định đặt tên đường vẫn là số 8");
  status = corrections_->RejectCorrectionRequest(AuthorizedContext(officer()).get(), reject, &rejected);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(rejected.request().status(), v1::CORRECTION_STATUS_REJECTED);
  EXPECT_EQ(rejected.request().rejection_reason(), reject.reason());
  EXPECT_EQ(corrections_->RejectCorrectionRequest(AuthorizedContext(officer()).get(), reject, &rejected)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  // The household is as it was; its events are the request's two.
  EXPECT_EQ(Get(registered.household_id()).SerializeAsString(), registered.SerializeAsString());
  const std::vector<v1::EventEnvelope> events = RegistryEvents(registered.household_id());
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].event_type(), "registry.correction_requested.v1");
  EXPECT_EQ(events[2].event_type(), "registry.correction_rejected.v1");

  // Every request of the household, the handled one included, for an auditor too.
  v1::ListCorrectionRequestsRequest mine;
  mine.set_household_id(registered.household_id());
  v1::ListCorrectionRequestsResponse listed;
  ASSERT_TRUE(
      corrections_->ListCorrectionRequests(AuthorizedContext(stack_->tokens().auditor).get(), mine, &listed)
          .ok());
  ASSERT_EQ(listed.requests_size(), 1);
  EXPECT_EQ(listed.requests(0).requested_value(), "số 10 kiệt 12 Lê Lợi");
  EXPECT_EQ(listed.requests(0).status(), v1::CORRECTION_STATUS_REJECTED);

  const std::vector<v1::HouseholdTimelineEntry> history =
      HistoryWith(registered.household_id(), {"registry.correction_rejected.v1"});
  for (const v1::HouseholdTimelineEntry& line : history) {
    if (line.event_type() != "registry.correction_rejected.v1") continue;
    EXPECT_THAT(line.description(), ::testing::HasSubstr("stays as it was"));
    EXPECT_THAT(line.description(), ::testing::HasSubstr(reject.reason()));
  }
}

}  // namespace
}  // namespace ansinh
