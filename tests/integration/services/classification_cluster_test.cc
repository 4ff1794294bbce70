// Classification on a real Redis Cluster of three masters and three replicas
// (--redis-cluster, one partition): every key of classification carries {p0},
// so each of its transactions is one slot's, and a whole review, surveys
// consumed from the registry stream, the steps, the approval and its status
// events, runs on the cluster.
#include <gmock/gmock.h>

#include <algorithm>

#include "classification_test_fixture.h"
#include "eventually.h"
#include "redis_cluster.h"
#include "service_process.h"

namespace ansinh::classification::testkit {
namespace {

using ansinh::testkit::RedisCluster;
using ansinh::testkit::ServiceProcess;
using ::testing::ElementsAre;

class ClassificationClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_.Start();
    tokens_file_ = tokens_.WriteFile(dir_.path());
    redis_ = std::make_unique<redis::Connection>(cluster_.Options("classification-cluster-test"));
    StartOn("2025-10-01");
  }

  void TearDown() override {
    stub_.reset();
    if (service_) service_->Terminate();
    // A command the service's ACL rules refuse would fail in production too.
    for (const std::string& denial : cluster_.AclDenials()) ADD_FAILURE() << "refused by the ACL: " << denial;
  }

  // Classification as its own ACL user on every node, as `make run
  // CLUSTER=1` runs it, with the ward's calendar at `today`.
  void StartOn(const std::string& today) {
    stub_.reset();
    if (service_) service_->Terminate();
    today_ = today;
    service_ = std::make_unique<ServiceProcess>(
        "classification", cluster_, tokens_file_, dir_.path(),
        std::vector<std::string>{"--standards-dir",
                                 std::string(ANSINH_SOURCE_DIR) + "/services/classification/standards",
                                 "--today-override", today, "--pending-work-check-seconds", "1"});
    service_->Start();
    stub_ = v1::Classification::NewStub(service_->channel());
  }

  void PublishSurvey(const v1::Survey& survey) {
    v1::SurveyRecorded recorded;
    *recorded.mutable_survey() = survey;
    recorded.set_household_version(1);
    v1::Actor actor;
    actor.set_role(v1::ROLE_WARD_OFFICER);
    actor.set_name("Trần Văn Bình (ward officer)");
    const events::EventIdentity identity{"registry.survey_recorded.v1", "household", survey.household_id(), 1,
                                         survey.household_id()};
    redis_->Command(events::XAddCommand(
        kRegistryStream,
        events::MakeEnvelope(events::EventContext{actor, "cluster-test", ""}, identity, recorded)));
  }

  v1::RoundProgress Progress() {
    v1::GetRoundProgressRequest request;
    request.set_round_id("R-2025");
    v1::GetRoundProgressResponse response;
    const grpc::Status status =
        stub_->GetRoundProgress(AuthorizedContext(tokens_.officer).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.progress();
  }

  TempDir dir_;
  RedisCluster cluster_{dir_.path()};
  TestTokens tokens_;
  std::string tokens_file_;
  std::unique_ptr<redis::Connection> redis_;
  std::unique_ptr<ServiceProcess> service_;
  std::unique_ptr<v1::Classification::Stub> stub_;
  std::string today_;
};

TEST_F(ClassificationClusterTest, AWholeReviewRunsOnTheClusterEveryTransactionInOneSlot) {
  v1::OpenRoundRequest open;
  open.set_review_year(2025);
  open.set_kind(v1::REVIEW_KIND_PERIODIC);
  v1::OpenRoundResponse opened;
  const grpc::Status opening = stub_->OpenRound(AuthorizedContext(tokens_.officer).get(), open, &opened);
  ASSERT_TRUE(opening.ok()) << opening.error_message() << "\n" << service_->log();

  const std::vector<std::string> households{"HH-000001", "HH-000002", "HH-000003"};
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  PublishSurvey(NearPoorSurvey("HH-000002", "SV-2"));
  PublishSurvey(AverageSurvey("HH-000003", "SV-3"));
  ASSERT_TRUE(WaitFor([&] { return Progress().surveyed() == 3; })) << service_->log();
  for (const std::string& household : households) {
    v1::RecordMeetingRequest meeting;
    meeting.set_round_id("R-2025");
    meeting.set_household_id(household);
    meeting.set_meeting_date(today_);
    meeting.set_attendees(10);
    meeting.set_agreed(9);
    meeting.set_minutes_reference("BB-TDP05-01");
    v1::RecordMeetingResponse met;
    const grpc::Status status = stub_->RecordMeeting(AuthorizedContext(tokens_.officer).get(), meeting, &met);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  v1::PostResultsRequest post;
  post.set_round_id("R-2025");
  v1::PostResultsResponse posted;
  const grpc::Status posting = stub_->PostResults(AuthorizedContext(tokens_.officer).get(), post, &posted);
  ASSERT_TRUE(posting.ok()) << posting.error_message();

  StartOn("2025-10-06");
  v1::ApproveRoundRequest approve;
  approve.set_round_id("R-2025");
  approve.set_decision_number("125/QĐ-UBND");
  approve.set_decision_date(today_);
  v1::ApproveRoundResponse approved;
  const grpc::Status approval =
      stub_->ApproveRound(AuthorizedContext(tokens_.officer).get(), approve, &approved);
  ASSERT_TRUE(approval.ok()) << approval.error_message() << "\n" << service_->log();
  ASSERT_EQ(approved.approved_size(), 3);
  EXPECT_EQ(Progress().approved(), 3);

  std::vector<std::string> status_events;
  for (const redis::Reply& item : redis_->Command({"XRANGE", kClassificationStream, "-", "+"}).elements) {
    std::string error;
    const std::optional<v1::EventEnvelope> envelope =
        events::DecodeEntry(events::ParseEntryReply(item), &error);
    ASSERT_TRUE(envelope.has_value()) << error;
    if (envelope->event_type() == "classification.household_status_changed.v1")
      status_events.push_back(envelope->household_id());
  }
  std::sort(status_events.begin(), status_events.end());
  EXPECT_THAT(status_events, ElementsAre("HH-000001", "HH-000002", "HH-000003"));
  EXPECT_EQ(service_->log().find("CrossSlot"), std::string::npos) << service_->log();
}

}  // namespace
}  // namespace ansinh::classification::testkit
