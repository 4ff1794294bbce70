// Classification on a real Redis Cluster of three masters and three replicas
// (--redis-cluster, one partition): every key of classification carries {p0},
// so each of its transactions is one slot's, and a whole review, surveys
// consumed from the registry stream, the steps, the approval and its status
// events, runs on the cluster.
#include <gmock/gmock.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "child_process.h"
#include "classification_test_fixture.h"
#include "eventually.h"
#include "redis_cluster.h"

namespace ansinh::classification::testkit {
namespace {

using ansinh::testkit::ChildProcess;
using ansinh::testkit::RedisCluster;
using ansinh::testkit::TestChannel;
using ::testing::ElementsAre;

// The "grpc" port of a ports file ({"grpc": 40123, "metrics": 0}).
std::optional<int> ClassificationGrpcPortIn(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  const std::string body = text.str();
  const size_t key = body.find("\"grpc\"");
  if (key == std::string::npos) return std::nullopt;
  const size_t digits = body.find_first_of("0123456789", key);
  if (digits == std::string::npos) return std::nullopt;
  return std::stoi(body.substr(digits));
}

class ClassificationClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_.Start();
    password_file_ = dir_.path() + "/redis-password";
    {
      std::ofstream out(password_file_);
      out << cluster_.password() << "\n";
    }
    std::filesystem::permissions(password_file_,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    tokens_file_ = tokens_.WriteFile(dir_.path());
    redis_ = std::make_unique<redis::Connection>(cluster_.Options("classification-cluster-test"));
    StartOn("2025-10-01");
  }

  void TearDown() override {
    stub_.reset();
    service_.Stop(SIGTERM, std::chrono::seconds(10));
  }

  void StartOn(const std::string& today) {
    stub_.reset();
    if (service_.running()) service_.Stop(SIGTERM, std::chrono::seconds(10));
    today_ = today;
    const std::string ports_file = dir_.path() + "/classification-" + today + ".ports";
    service_.Start({std::string(ANSINH_BIN_DIR) + "/ansinh-classification",
                    "--listen",
                    "127.0.0.1:0",
                    "--ports-file",
                    ports_file,
                    "--redis-host",
                    "127.0.0.1",
                    "--redis-port",
                    std::to_string(cluster_.ports()[0]),
                    "--redis-cluster",
                    "--redis-password-file",
                    password_file_,
                    "--tokens-file",
                    tokens_file_,
                    "--standards-dir",
                    std::string(ANSINH_SOURCE_DIR) + "/services/classification/standards",
                    "--today-override",
                    today,
                    "--pending-work-check-seconds",
                    "1"},
                   dir_.path() + "/classification.log");
    std::optional<int> port;
    ASSERT_TRUE(ansinh::testkit::Eventually(
        [&] { return (port = ClassificationGrpcPortIn(ports_file)).has_value(); }, std::chrono::seconds(60)))
        << service_.ReadLog();
    stub_ = v1::Classification::NewStub(
        TestChannel("127.0.0.1:" + std::to_string(*port), grpc::InsecureChannelCredentials()));
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
  std::string password_file_;
  TestTokens tokens_;
  std::string tokens_file_;
  std::unique_ptr<redis::Connection> redis_;
  ChildProcess service_;
  std::unique_ptr<v1::Classification::Stub> stub_;
  std::string today_;
};

TEST_F(ClassificationClusterTest, AWholeReviewRunsOnTheClusterEveryTransactionInOneSlot) {
  v1::OpenRoundRequest open;
  open.set_review_year(2025);
  open.set_kind(v1::REVIEW_KIND_PERIODIC);
  v1::OpenRoundResponse opened;
  const grpc::Status opening = stub_->OpenRound(AuthorizedContext(tokens_.officer).get(), open, &opened);
  ASSERT_TRUE(opening.ok()) << opening.error_message() << "\n" << service_.ReadLog();

  const std::vector<std::string> households{"HH-000001", "HH-000002", "HH-000003"};
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  PublishSurvey(NearPoorSurvey("HH-000002", "SV-2"));
  PublishSurvey(AverageSurvey("HH-000003", "SV-3"));
  ASSERT_TRUE(WaitFor([&] { return Progress().surveyed() == 3; })) << service_.ReadLog();
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
  ASSERT_TRUE(approval.ok()) << approval.error_message() << "\n" << service_.ReadLog();
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
  EXPECT_EQ(service_.ReadLog().find("CrossSlot"), std::string::npos) << service_.ReadLog();
}

}  // namespace
}  // namespace ansinh::classification::testkit
