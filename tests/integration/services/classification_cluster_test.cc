// Classification on a real Redis Cluster of three masters and three replicas
// (--redis-cluster), with one partition (every key carries {p0}) and with
// four (a round's households in their partitions' slots, its record and
// events in the round id's): no transaction of classification spans slots,
// so a whole review, surveys consumed from the registry streams, the steps,
// the approval and its status events, runs on the cluster, and the round's
// events reach its stream once each, numbered without gaps.
#include <gmock/gmock.h>

#include <algorithm>
#include <map>

#include "classification_test_fixture.h"
#include "eventually.h"
#include "redis_cluster.h"
#include "service_process.h"

namespace ansinh::classification::testkit {
namespace {

using ansinh::testkit::RedisCluster;
using ansinh::testkit::ServiceProcess;
using ::testing::ElementsAre;
using ::testing::Pair;

class ClassificationClusterTest : public ::testing::TestWithParam<int> {
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
                                 "--today-override", today, "--pending-work-check-seconds", "1",
                                 "--partitions", std::to_string(partitions())});
    service_->Start();
    stub_ = v1::Classification::NewStub(service_->channel());
  }

  int partitions() const { return GetParam(); }

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
        events::EventStream(events::kRegistrySource,
                            events::PartitionOf(survey.household_id(), partitions())),
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

TEST_P(ClassificationClusterTest, AWholeReviewRunsOnTheClusterEveryTransactionInOneSlot) {
  v1::OpenRoundRequest open;
  open.set_review_year(2025);
  open.set_kind(v1::REVIEW_KIND_PERIODIC);
  v1::OpenRoundResponse opened;
  const grpc::Status opening = stub_->OpenRound(AuthorizedContext(tokens_.officer).get(), open, &opened);
  ASSERT_TRUE(opening.ok()) << opening.error_message() << "\n" << service_->log();

  // Of four partitions: HH-000001 in R-2025's (3), HH-000002 and HH-000003
  // in partitions 2 and 1.
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
  std::map<std::string, int> classified;
  std::vector<uint64_t> round_versions;
  for (int partition = 0; partition < partitions(); ++partition) {
    const std::string stream = events::EventStream(events::kClassificationSource, partition);
    for (const redis::Reply& item : redis_->Command({"XRANGE", stream, "-", "+"}).elements) {
      std::string error;
      const std::optional<v1::EventEnvelope> envelope =
          events::DecodeEntry(events::ParseEntryReply(item), &error);
      ASSERT_TRUE(envelope.has_value()) << error;
      if (envelope->event_type() == "classification.household_status_changed.v1") {
        status_events.push_back(envelope->household_id());
        EXPECT_EQ(events::PartitionOf(envelope->household_id(), partitions()), partition)
            << "a status event goes to its household's partition";
      }
      if (envelope->aggregate_type() != "review-round") continue;
      EXPECT_EQ(events::PartitionOf("R-2025", partitions()), partition)
          << "every event of the round goes to the round's stream: " << envelope->event_type();
      round_versions.push_back(envelope->aggregate_version());
      if (envelope->event_type() == "classification.survey_classified.v1")
        ++classified[envelope->household_id()];
    }
  }
  std::sort(status_events.begin(), status_events.end());
  EXPECT_THAT(status_events, ElementsAre("HH-000001", "HH-000002", "HH-000003"));
  EXPECT_THAT(classified, ElementsAre(Pair("HH-000001", 1), Pair("HH-000002", 1), Pair("HH-000003", 1)));
  // Opened, three classified, three meetings, the postings, approved: in
  // stream order, 1, 2, 3... without a gap, the last the approval.
  ASSERT_GE(round_versions.size(), 9u);
  for (size_t i = 0; i < round_versions.size(); ++i) EXPECT_EQ(round_versions[i], i + 1);
  EXPECT_EQ(service_->log().find("CrossSlot"), std::string::npos) << service_->log();
}

INSTANTIATE_TEST_SUITE_P(Partitions, ClassificationClusterTest, ::testing::Values(1, 4),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::to_string(info.param) + (info.param == 1 ? "Partition" : "Partitions");
                         });

}  // namespace
}  // namespace ansinh::classification::testkit
