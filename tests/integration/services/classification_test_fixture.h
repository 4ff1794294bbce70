#pragma once

// Shared by the classification_*_test.cc integration tests: a real
// redis-server, the real ansinh-classification binary with the standards of
// the source tree and a fixed "today" (--today-override), registry events
// published straight into the registry stream (as the registry does), and
// helpers to run the review procedure and read back what the service
// published.

#include <grpcpp/support/error_details.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/registry.pb.h"
#include "bad_request.h"
#include "events/envelope_codec.h"
#include "events/stream_names.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"
#include "redis_server.h"
#include "service_process.h"
#include "test_tokens.h"

namespace ansinh::classification::testkit {

using ansinh::testkit::AuthorizedContext;
using ansinh::testkit::RedisServer;
using ansinh::testkit::ServiceProcess;
using ansinh::testkit::TempDir;
using ansinh::testkit::TestTokens;
using ansinh::testkit::ViolatedFields;

inline const std::string kRegistryStream = events::EventStream(events::kRegistrySource, 0);
inline const std::string kClassificationStream = events::EventStream(events::kClassificationSource, 0);

// Polls `done` until it holds or `timeout` passes.
inline bool WaitFor(const std::function<bool()>& done,
                    std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

// A working adult deprived on nothing personal.
inline v1::Member Adult(const std::string& id, const std::string& name, v1::Sex sex,
                        const std::string& born) {
  v1::Member member;
  member.set_member_id(id);
  member.set_full_name(name);
  member.set_sex(sex);
  member.set_date_of_birth(born);
  member.set_relation_to_head(id == "M1" ? v1::RELATION_TO_HEAD_HEAD : v1::RELATION_TO_HEAD_SPOUSE);
  member.set_national_id(id == "M1" ? "046180000001" : "046180000002");
  member.set_has_health_insurance(true);
  member.set_education_level(v1::EDUCATION_LEVEL_UPPER_SECONDARY);
  member.set_employment(v1::EMPLOYMENT_WAGE_WITH_CONTRACT);
  member.set_nutrition(v1::NUTRITION_NORMAL);
  return member;
}

// Someone long past working age, who no longer works.
inline v1::Member Elder(const std::string& id, const std::string& name, v1::Sex sex,
                        const std::string& born) {
  v1::Member member = Adult(id, name, sex, born);
  member.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
  member.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  return member;
}

// An urban survey of review year 2025 (Decree 07/2021: line 2,000,000 VND),
// two working adults, a durable home of 60 m², deprived on
// `deprivations` (0-3) of telecom use, water source and latrine.
inline v1::Survey UrbanSurvey(const std::string& household_id, const std::string& survey_id,
                              int64_t income_vnd, int deprivations, const std::string& group = "TDP-05",
                              int review_year = 2025) {
  v1::Survey survey;
  survey.set_survey_id(survey_id);
  survey.set_household_id(household_id);
  survey.set_review_year(review_year);
  survey.set_kind(v1::REVIEW_KIND_PERIODIC);
  survey.set_walls(v1::MATERIAL_QUALITY_DURABLE);
  survey.set_columns(v1::MATERIAL_QUALITY_DURABLE);
  survey.set_roof(v1::MATERIAL_QUALITY_DURABLE);
  survey.set_floor_area_m2(60);
  survey.set_water_source(deprivations >= 2 ? v1::WATER_SOURCE_SURFACE_WATER : v1::WATER_SOURCE_TAP);
  survey.set_latrine(deprivations >= 3 ? v1::LATRINE_TYPE_NONE : v1::LATRINE_TYPE_SEPTIC);
  survey.set_uses_telecom(deprivations < 1);
  survey.add_information_devices(v1::INFORMATION_DEVICE_TV);
  survey.add_information_devices(v1::INFORMATION_DEVICE_SMARTPHONE);
  survey.set_waste_treatment(v1::WASTE_TREATMENT_COLLECTED);
  survey.set_has_income_per_capita(true);
  survey.set_income_per_capita_vnd(income_vnd);
  survey.set_surveyor("Nguyễn Văn Khảo");
  survey.set_survey_date(std::to_string(review_year) + "-09-15");
  survey.set_area_type(v1::AREA_TYPE_URBAN);
  survey.set_residential_group(group);
  *survey.add_members() = Adult("M1", "Nguyễn Văn An", v1::SEX_MALE, "1980-05-01");
  *survey.add_members() = Adult("M2", "Trần Thị Bình", v1::SEX_FEMALE, "1982-07-12");
  return survey;
}

// Decree 07/2021 urban: POOR (income under the line, 3 deprivations).
inline v1::Survey PoorSurvey(const std::string& household_id, const std::string& survey_id,
                             const std::string& group = "TDP-05", int review_year = 2025) {
  return UrbanSurvey(household_id, survey_id, 1500000, 3, group, review_year);
}

// Decree 07/2021 urban: NEAR_POOR (income under the line, no deprivation).
inline v1::Survey NearPoorSurvey(const std::string& household_id, const std::string& survey_id,
                                 const std::string& group = "TDP-05") {
  return UrbanSurvey(household_id, survey_id, 1800000, 0, group);
}

// Decree 07/2021 urban: AVERAGE (2,000,000 < 2,500,000 <= 3,000,000); under
// Decree 351/2025 (urban line 2,800,000) NEAR_POOR.
inline v1::Survey AverageSurvey(const std::string& household_id, const std::string& survey_id,
                                const std::string& group = "TDP-05") {
  return UrbanSurvey(household_id, survey_id, 2500000, 0, group);
}

// POOR and nobody can work: two elders.
inline v1::Survey PoorElderlySurvey(const std::string& household_id, const std::string& survey_id,
                                    const std::string& group = "TDP-07") {
  v1::Survey survey = PoorSurvey(household_id, survey_id, group);
  survey.clear_members();
  *survey.add_members() = Elder("M1", "Lê Văn Cụ", v1::SEX_MALE, "1945-02-03");
  *survey.add_members() = Elder("M2", "Phan Thị Tư", v1::SEX_FEMALE, "1948-11-20");
  return survey;
}

class ClassificationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<RedisServer>(dir_.path());
    redis_->Start();
    tokens_file_ = tokens_.WriteFile(dir_.path());
    StartClassification("2025-10-01");
  }

  void TearDown() override {
    stub_.reset();
    if (service_) service_->Terminate();
  }

  // (Re)starts the service with `today` as the ward's date; empty for the
  // real calendar day (no --today-override). Its background finisher of
  // interrupted work runs every `pending_check_seconds`.
  void StartClassification(const std::string& today, int pending_check_seconds = 1) {
    today_ = today;
    stub_.reset();
    if (service_) service_->Terminate();
    std::vector<std::string> flags{"--standards-dir",
                                   std::string(ANSINH_SOURCE_DIR) + "/services/classification/standards",
                                   "--pending-work-check-seconds", std::to_string(pending_check_seconds)};
    if (!today.empty()) flags.insert(flags.end(), {"--today-override", today});
    if (partitions_ != 1) flags.insert(flags.end(), {"--partitions", std::to_string(partitions_)});
    service_ = std::make_unique<ServiceProcess>("classification", *redis_, tokens_file_, dir_.path(), flags);
    service_->Start();
    stub_ = v1::Classification::NewStub(service_->channel());
  }

  redis::Connection Redis() { return redis::Connection(redis_->Options()); }

  // A registry event about `household_id` with the household's next version.
  v1::EventEnvelope RegistryEvent(const std::string& type, const std::string& household_id,
                                  const google::protobuf::Message& payload) {
    v1::Actor actor;
    actor.set_role(v1::ROLE_WARD_OFFICER);
    actor.set_name("Trần Văn Bình (ward officer)");
    const events::EventIdentity identity{type, "household", household_id, ++registry_versions_[household_id],
                                         household_id};
    return events::MakeEnvelope(events::EventContext{actor, "test-correlation", ""}, identity, payload);
  }

  void Publish(const v1::EventEnvelope& envelope) {
    redis::Connection redis = Redis();
    redis.Command(
        events::XAddCommand(events::EventStream(events::kRegistrySource,
                                                events::PartitionOf(envelope.household_id(), partitions_)),
                            envelope));
  }

  v1::EventEnvelope PublishSurvey(const v1::Survey& survey) {
    v1::SurveyRecorded recorded;
    *recorded.mutable_survey() = survey;
    recorded.set_household_version(1);
    v1::EventEnvelope envelope =
        RegistryEvent("registry.survey_recorded.v1", survey.household_id(), recorded);
    Publish(envelope);
    return envelope;
  }

  void PublishMovedOut(const std::string& household_id) {
    v1::HouseholdMovedOut moved;
    moved.set_household_id(household_id);
    moved.set_reason("moved to Huế city");
    Publish(RegistryEvent("registry.household_moved_out.v1", household_id, moved));
  }

  grpc::Status Open(int year, v1::ReviewRound* round, const std::string& regular_household = "",
                    const std::string& token = "", const std::string& outside_window_reason = "") {
    v1::OpenRoundRequest request;
    request.set_review_year(year);
    request.set_kind(regular_household.empty() ? v1::REVIEW_KIND_PERIODIC : v1::REVIEW_KIND_REGULAR);
    request.set_household_id(regular_household);
    request.set_outside_window_reason(outside_window_reason);
    v1::OpenRoundResponse response;
    grpc::Status status = stub_->OpenRound(AuthorizedContext(token.empty() ? tokens_.officer : token).get(),
                                           request, &response);
    if (round != nullptr) *round = response.round();
    return status;
  }

  v1::GetRoundProgressResponse Progress(const std::string& round_id, const std::string& token = "") {
    v1::GetRoundProgressRequest request;
    request.set_round_id(round_id);
    v1::GetRoundProgressResponse response;
    const grpc::Status status = stub_->GetRoundProgress(
        AuthorizedContext(token.empty() ? tokens_.officer : token).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // Waits until `count` households of the round have a survey in it.
  bool WaitForSurveyed(const std::string& round_id, int count) {
    return WaitFor([&] { return Progress(round_id).progress().surveyed() >= count; });
  }

  // A meeting held on the service's today.
  grpc::Status Meeting(const std::string& round_id, const std::string& household_id, int attendees,
                       int agreed, v1::RoundHousehold* household = nullptr, const std::string& token = "") {
    v1::RecordMeetingRequest request;
    request.set_round_id(round_id);
    request.set_household_id(household_id);
    request.set_meeting_date(today_);
    request.set_attendees(attendees);
    request.set_agreed(agreed);
    request.set_minutes_reference("BB-TDP05-01");
    v1::RecordMeetingResponse response;
    grpc::Status status = stub_->RecordMeeting(
        AuthorizedContext(token.empty() ? tokens_.officer : token).get(), request, &response);
    if (household != nullptr) *household = response.household();
    return status;
  }

  grpc::Status Post(const std::string& round_id, v1::PostResultsResponse* posted = nullptr,
                    const std::string& token = "") {
    v1::PostResultsRequest request;
    request.set_round_id(round_id);
    v1::PostResultsResponse response;
    grpc::Status status = stub_->PostResults(AuthorizedContext(token.empty() ? tokens_.officer : token).get(),
                                             request, &response);
    if (posted != nullptr) *posted = response;
    return status;
  }

  // A complaint received today (the service fills the date in).
  grpc::Status Complain(const std::string& round_id, const std::string& household_id,
                        v1::RoundHousehold* household = nullptr, const std::string& token = "") {
    v1::FileComplaintRequest request;
    request.set_round_id(round_id);
    request.set_household_id(household_id);
    request.set_complainant("Nguyễn Văn Tám (neighbour)");
    request.set_content("the household's income is understated");
    v1::FileComplaintResponse response;
    grpc::Status status = stub_->FileComplaint(
        AuthorizedContext(token.empty() ? tokens_.officer : token).get(), request, &response);
    if (household != nullptr) *household = response.household();
    return status;
  }

  // The chairman's decision of the service's today (`decision_date` when
  // given), entered today.
  grpc::Status Approve(const std::string& round_id, v1::ApproveRoundResponse* approved = nullptr,
                       std::vector<v1::Exclusion> exclusions = {}, const std::string& token = "",
                       const std::string& decision_date = "") {
    v1::ApproveRoundRequest request;
    request.set_round_id(round_id);
    request.set_decision_number("125/QĐ-UBND");
    request.set_decision_date(decision_date.empty() ? today_ : decision_date);
    for (v1::Exclusion& exclusion : exclusions) *request.add_exclusions() = std::move(exclusion);
    v1::ApproveRoundResponse response;
    grpc::Status status = stub_->ApproveRound(
        AuthorizedContext(token.empty() ? tokens_.officer : token).get(), request, &response);
    if (approved != nullptr) *approved = response;
    return status;
  }

  // Adds a household to a periodic round's list.
  grpc::Status AddToList(const std::string& round_id, const std::string& household_id, v1::ListReason reason,
                         const std::string& note, v1::RoundHousehold* household = nullptr,
                         const std::string& token = "") {
    v1::AddToRoundListRequest request;
    request.set_round_id(round_id);
    request.set_household_id(household_id);
    request.set_reason(reason);
    request.set_note(note);
    v1::AddToRoundListResponse response;
    grpc::Status status = stub_->AddToRoundList(
        AuthorizedContext(token.empty() ? tokens_.officer : token).get(), request, &response);
    if (household != nullptr) *household = response.household();
    return status;
  }

  // The decision about a listed household not surveyed, taken today.
  grpc::Status DecideListed(const std::string& round_id, const std::string& household_id,
                            v1::ListDecisionKind kind, const std::string& reason,
                            v1::RoundHousehold* household = nullptr) {
    v1::RecordListDecisionRequest request;
    request.set_round_id(round_id);
    request.set_household_id(household_id);
    request.set_kind(kind);
    request.set_reason(reason);
    v1::RecordListDecisionResponse response;
    grpc::Status status =
        stub_->RecordListDecision(AuthorizedContext(tokens_.officer).get(), request, &response);
    if (household != nullptr) *household = response.household();
    return status;
  }

  // The round's households (every page), ordered by id.
  std::vector<v1::RoundHousehold> RoundHouseholds(const std::string& round_id, bool list_only = false) {
    std::vector<v1::RoundHousehold> households;
    v1::ListRoundHouseholdsRequest request;
    request.set_round_id(round_id);
    request.set_list_only(list_only);
    request.mutable_page()->set_page_size(2);
    do {
      v1::ListRoundHouseholdsResponse response;
      const grpc::Status status =
          stub_->ListRoundHouseholds(AuthorizedContext(tokens_.auditor).get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const v1::RoundHousehold& household : response.households()) households.push_back(household);
      request.mutable_page()->set_page_token(response.page().next_page_token());
    } while (!request.page().page_token().empty());
    return households;
  }

  // A registration the registry published.
  void PublishRegistered(const std::string& household_id, const std::string& group = "TDP-05") {
    v1::HouseholdRegistered registered;
    registered.mutable_household()->set_household_id(household_id);
    registered.mutable_household()->set_residential_group(group);
    Publish(RegistryEvent("registry.household_registered.v1", household_id, registered));
  }

  // One page of the status lists, read as an auditor: the ids in order, and
  // the page's token and total.
  std::pair<std::vector<std::string>, v1::PageResponse> ListStatuses(v1::ListHouseholdStatusesRequest request,
                                                                     int page_size,
                                                                     const std::string& token) {
    request.mutable_page()->set_page_size(page_size);
    request.mutable_page()->set_page_token(token);
    v1::ListHouseholdStatusesResponse response;
    const grpc::Status status =
        stub_->ListHouseholdStatuses(AuthorizedContext(tokens_.auditor).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> ids;
    for (const v1::HouseholdStatusSummary& summary : response.households())
      ids.push_back(summary.household_id());
    return {std::move(ids), response.page()};
  }

  v1::GetOfficialStatusResponse OfficialStatus(const std::string& household_id) {
    v1::GetOfficialStatusRequest request;
    request.set_household_id(household_id);
    v1::GetOfficialStatusResponse response;
    const grpc::Status status =
        stub_->GetOfficialStatus(AuthorizedContext(tokens_.auditor).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // Runs the periodic round of 2025 for these surveys up to approval: every
  // survey proposed, agreed (the meeting's answer, with the whole proposed
  // result, kept in proposed_at_meeting_), posted on Wednesday 2025-10-01 (complaints until
  // Friday 2025-10-03), the service restarted on Monday 2025-10-06, approved.
  v1::ApproveRoundResponse ApproveSurveys(const std::vector<v1::Survey>& surveys) {
    v1::ReviewRound round;
    EXPECT_TRUE(Open(2025, &round).ok());
    for (const v1::Survey& survey : surveys) PublishSurvey(survey);
    EXPECT_TRUE(WaitForSurveyed(round.round_id(), static_cast<int>(surveys.size())));
    for (const v1::Survey& survey : surveys) {
      v1::RoundHousehold met_household;
      const grpc::Status met = Meeting(round.round_id(), survey.household_id(), 10, 9, &met_household);
      EXPECT_TRUE(met.ok()) << met.error_message();
      proposed_at_meeting_[survey.household_id()] = met_household.proposed();
    }
    const grpc::Status posted = Post(round.round_id());
    EXPECT_TRUE(posted.ok()) << posted.error_message();
    StartClassification("2025-10-06");
    v1::ApproveRoundResponse approved;
    const grpc::Status status = Approve(round.round_id(), &approved);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return approved;
  }

  // Every event on the classification stream, oldest first; only those of
  // `type` when given.
  std::vector<v1::EventEnvelope> ClassificationEvents(const std::string& type = "") {
    redis::Connection redis = Redis();
    // Every partition's stream, merged by entry id (milliseconds, then sequence).
    std::vector<std::pair<std::pair<long long, long long>, v1::EventEnvelope>> entries;
    for (int partition = 0; partition < partitions_; ++partition) {
      const std::string stream = events::EventStream(events::kClassificationSource, partition);
      for (const redis::Reply& item : redis.Command({"XRANGE", stream, "-", "+"}).elements) {
        std::string error;
        const events::StreamEntry entry = events::ParseEntryReply(item);
        std::optional<v1::EventEnvelope> envelope = events::DecodeEntry(entry, &error);
        EXPECT_TRUE(envelope.has_value()) << error;
        if (!envelope || (!type.empty() && envelope->event_type() != type)) continue;
        const size_t dash = entry.id.find('-');
        entries.push_back({{std::stoll(entry.id.substr(0, dash)), std::stoll(entry.id.substr(dash + 1))},
                           std::move(*envelope)});
      }
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<v1::EventEnvelope> found;
    for (auto& [id, envelope] : entries) found.push_back(std::move(envelope));
    return found;
  }

  long long DeadLetters() {
    redis::Connection redis = Redis();
    return redis.Command({"XLEN", events::DeadLetterStream("classification")}).AsInteger();
  }

  TempDir dir_;
  std::unique_ptr<RedisServer> redis_;
  TestTokens tokens_;
  std::string tokens_file_;
  std::unique_ptr<ServiceProcess> service_;
  std::unique_ptr<v1::Classification::Stub> stub_;
  std::map<std::string, uint64_t> registry_versions_;
  // The service's --partitions; a test sets it before SetUp starts it.
  int partitions_ = 1;
  // The ward's date the running service was started with.
  std::string today_;
  // By household: the whole proposed result, explanation included, that
  // ApproveSurveys's meeting answered with; a result is approved as proposed.
  std::map<std::string, v1::ClassificationResult> proposed_at_meeting_;
};

}  // namespace ansinh::classification::testkit
