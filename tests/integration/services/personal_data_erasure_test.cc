// Erasing a household in the middle of its history (docs/data-protection.md,
// "Erasure"): after a review, an approval, a case with a need, support, a
// livelihood model it joined, a flood that struck it and a visit, the
// registry erases the household's personal data. The audit chain
// verifies before and after, no read path answers a personal field, the
// ward's figures keep their counts, and neither the values in Redis nor the
// AOF files after a rewrite hold the names, the CCCDs, the address, the
// notes or the household's data key.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/corrections.grpc.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "ansinh/v1/personal_data.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "eventually.h"
#include "household_builders.h"
#include "personal_data/data_keys.h"
#include "personal_data/household_data_keys.h"
#include "personal_data/key_ring.h"
#include "redis/redis_connection.h"
#include "ward_stack.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::Eventually;
using testkit::WardStack;

constexpr auto kErasureStepTimeout = std::chrono::seconds(30);

// What must be gone: every name, number, address and note of the family,
// and the words the registry's names index folds the names into.
const std::vector<std::string>& Secrets() {
  static const std::vector<std::string> secrets{
      "Lương Văn Thạch", "Phan Thị Nguyệt", "Lương Bảo Ngọc", "046172000091", "046175000092",
      "9 Kiệt 33 Ngự Bình", "thach|", "nguyet|",
      // A need's description, support's description, a visit's notes.
      "mái nhà dột nặng", "tấm lợp fibro xi măng", "bà Nguyệt kể chuyện nợ tiền thuốc",
      // The notes of its joining a livelihood model and of the flood that struck it.
      "nhận 2 con heo nái, ông Thạch nuôi", "nước ngập 1,5 m, trôi hết lúa giống",
      // A correction request: the address asked for, who asked, why.
      "11 Kiệt 33 Ngự Bình", "con gái Lương Bảo Ngọc", "số nhà ghi nhầm khi khảo sát"};
  return secrets;
}

v1::Household Family() {
  v1::Household household;
  household.set_address("9 Kiệt 33 Ngự Bình");
  household.set_residential_group("TDP-04");
  auto member = [&](const std::string& name, v1::Sex sex, const std::string& born,
                    v1::RelationToHead relation, const std::string& national_id) -> v1::Member& {
    v1::Member& added = *household.add_members();
    added.set_full_name(name);
    added.set_sex(sex);
    added.set_date_of_birth(born);
    added.set_relation_to_head(relation);
    added.set_national_id(national_id);
    added.set_nutrition(v1::NUTRITION_NORMAL);
    return added;
  };
  v1::Member& head =
      member("Lương Văn Thạch", v1::SEX_MALE, "1972-02-14", v1::RELATION_TO_HEAD_HEAD, "046172000091");
  head.set_employment(v1::EMPLOYMENT_WAGE_WITHOUT_CONTRACT);
  head.set_education_level(v1::EDUCATION_LEVEL_LOWER_SECONDARY);
  v1::Member& spouse =
      member("Phan Thị Nguyệt", v1::SEX_FEMALE, "1975-09-30", v1::RELATION_TO_HEAD_SPOUSE, "046175000092");
  spouse.set_employment(v1::EMPLOYMENT_SELF_EMPLOYED);
  spouse.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
  v1::Member& child = member("Lương Bảo Ngọc", v1::SEX_FEMALE, "2014-06-01", v1::RELATION_TO_HEAD_CHILD, "");
  child.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  child.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
  child.set_enrolled_in_school(true);
  child.set_has_health_insurance(true);
  child.set_nutrition(v1::NUTRITION_STUNTED);
  return household;
}

// Every value in Redis, as text to search: key names, strings, hash fields
// and values, list, set and sorted-set members, stream entries.
std::string EverythingInRedis(redis::Connection& redis) {
  std::string all;
  std::string cursor = "0";
  do {
    const redis::Reply page = redis.Command({"SCAN", cursor, "COUNT", "1000"});
    cursor = page.elements.at(0).str;
    for (const redis::Reply& key : page.elements.at(1).elements) {
      all += key.str + "\n";
      const std::string type = redis.Command({"TYPE", key.str}).str;
      redis::Reply value;
      if (type == "string") value = redis.Command({"GET", key.str});
      if (type == "hash") value = redis.Command({"HGETALL", key.str});
      if (type == "list") value = redis.Command({"LRANGE", key.str, "0", "-1"});
      if (type == "set") value = redis.Command({"SMEMBERS", key.str});
      if (type == "zset") value = redis.Command({"ZRANGE", key.str, "0", "-1"});
      if (type == "stream") value = redis.Command({"XRANGE", key.str, "-", "+"});
      std::function<void(const redis::Reply&)> flatten = [&](const redis::Reply& reply) {
        all += reply.str + "\n";
        for (const redis::Reply& element : reply.elements) flatten(element);
      };
      flatten(value);
    }
  } while (cursor != "0");
  return all;
}

std::string EverythingInAof(const std::string& redis_dir) {
  std::string all;
  for (const auto& file :
       std::filesystem::directory_iterator(std::filesystem::path(redis_dir) / "appendonlydir")) {
    std::ifstream in(file.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    all += bytes.str();
  }
  return all;
}

void RewriteAof(redis::Connection& redis) {
  // Commands, not an RDB preamble (whose strings may be LZF-compressed), so
  // that a search of the files is a search of what they hold.
  redis.Command({"CONFIG", "SET", "aof-use-rdb-preamble", "no"});
  redis.Command({"BGREWRITEAOF"});
  ASSERT_TRUE(Eventually(
      [&] {
        const std::string info = redis.Command({"INFO", "persistence"}).str;
        return info.find("aof_rewrite_in_progress:0") != std::string::npos &&
               info.find("aof_rewrite_scheduled:0") != std::string::npos &&
               info.find("aof_last_bgrewrite_status:ok") != std::string::npos;
      },
      kErasureStepTimeout));
}

class PersonalDataErasureTest : public ::testing::Test {
 protected:
  PersonalDataErasureTest() : stack_({{"classification", {"--today-override", "2025-11-03"}}}) {
    stack_.Start();
    registry_ = v1::Registry::NewStub(stack_.service("registry").channel());
    assignment_ = v1::Assignment::NewStub(stack_.service("assignment").channel());
    monitoring_ = v1::Monitoring::NewStub(stack_.service("monitoring").channel());
  }

  std::unique_ptr<grpc::ClientContext> Officer() { return AuthorizedContext(stack_.tokens().officer); }
  std::unique_ptr<grpc::ClientContext> Auditor() { return AuthorizedContext(stack_.tokens().auditor); }

  // A household classified poor, approved, with a case, a need, support, a
  // livelihood model it joined, a flood it was marked affected by and a
  // visit; returns its id.
  std::string FamilyWithAHistory() {
    auto classification = v1::Classification::NewStub(stack_.service("classification").channel());
    v1::OpenRoundRequest open;
    open.set_review_year(2025);
    open.set_kind(v1::REVIEW_KIND_PERIODIC);
    v1::OpenRoundResponse opened;
    EXPECT_TRUE(classification->OpenRound(Officer().get(), open, &opened).ok());
    v1::CreateHouseholdRequest create;
    *create.mutable_household() = Family();
    v1::CreateHouseholdResponse created;
    grpc::Status status = registry_->CreateHousehold(Officer().get(), create, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    const std::string household_id = created.household().household_id();
    v1::RecordSurveyRequest record;
    *record.mutable_survey() = testkit::PeriodicSurvey(household_id);
    v1::RecordSurveyResponse recorded;
    status = registry_->RecordSurvey(Officer().get(), record, &recorded);
    EXPECT_TRUE(status.ok()) << status.error_message();

    v1::RecordMeetingRequest meeting;
    meeting.set_round_id(opened.round().round_id());
    meeting.set_household_id(household_id);
    meeting.set_meeting_date("2025-11-03");
    meeting.set_attendees(24);
    meeting.set_agreed(20);
    meeting.set_minutes_reference("BB-TDP04-2025-11");
    v1::RecordMeetingResponse met;
    EXPECT_TRUE(Eventually([&] { return classification->RecordMeeting(Officer().get(), meeting, &met).ok(); },
                           kErasureStepTimeout));
    v1::PostResultsRequest post;
    post.set_round_id(opened.round().round_id());
    v1::PostResultsResponse posted;
    EXPECT_TRUE(classification->PostResults(Officer().get(), post, &posted).ok());
    stack_.Restart("classification", {"--today-override", "2025-11-12"});
    classification = v1::Classification::NewStub(stack_.service("classification").channel());
    v1::ApproveRoundRequest approve;
    approve.set_round_id(opened.round().round_id());
    approve.set_decision_number("125/QĐ-UBND");
    approve.set_decision_date("2025-11-07");
    v1::ApproveRoundResponse approved;
    status = classification->ApproveRound(Officer().get(), approve, &approved);
    EXPECT_TRUE(status.ok()) << status.error_message();

    v1::Case opened_case;
    EXPECT_TRUE(Eventually([&] { return CaseOf(household_id, opened_case); }, kErasureStepTimeout));
    v1::RecordNeedRequest need;
    need.set_case_id(opened_case.case_id());
    need.set_type(v1::NEED_TYPE_HOUSING);
    need.set_description("mái nhà dột nặng");
    need.set_reason("visit");
    v1::RecordNeedResponse needed;
    status = assignment_->RecordNeed(Officer().get(), need, &needed);
    EXPECT_TRUE(status.ok()) << status.error_message();
    v1::RecordSupportRequest support;
    support.set_case_id(opened_case.case_id());
    support.set_type(v1::SUPPORT_TYPE_HOUSING);
    support.set_amount_vnd(4500000);
    support.set_provider("Quỹ Vì người nghèo phường");
    support.set_delivered_on("2025-11-10");
    support.set_description("tấm lợp fibro xi măng");
    support.set_reason("roof");
    v1::RecordSupportResponse supported;
    status = assignment_->RecordSupport(Officer().get(), support, &supported);
    EXPECT_TRUE(status.ok()) << status.error_message();
    v1::UpsertLivelihoodModelRequest model;
    model.mutable_model()->set_model_id("heo-nai-tdp04");
    model.mutable_model()->set_name("Nuôi heo nái TDP 4");
    model.mutable_model()->set_kind(v1::LIVELIHOOD_MODEL_KIND_LIVESTOCK);
    model.mutable_model()->set_organization_id(opened_case.organization_id());
    model.mutable_model()->set_started_on("2025-01-01");
    model.set_reason("mô hình của phường");
    v1::UpsertLivelihoodModelResponse modelled;
    status = assignment_->UpsertLivelihoodModel(Officer().get(), model, &modelled);
    EXPECT_TRUE(status.ok()) << status.error_message();
    v1::JoinLivelihoodModelRequest join;
    join.set_model_id("heo-nai-tdp04");
    join.add_household_ids(household_id);
    join.set_joined_on("2025-11-10");
    join.set_note("nhận 2 con heo nái, ông Thạch nuôi");
    join.set_reason("họp tổ");
    v1::JoinLivelihoodModelResponse joined;
    status = assignment_->JoinLivelihoodModel(Officer().get(), join, &joined);
    EXPECT_TRUE(status.ok() && joined.outcomes_size() == 1 && joined.outcomes(0).done())
        << status.error_message() << joined.Utf8DebugString();
    v1::DeclareEmergencyRequest flood;
    flood.mutable_emergency()->set_kind(v1::EMERGENCY_KIND_FLOOD);
    flood.mutable_emergency()->set_name("Lũ tháng 11/2025");
    flood.mutable_emergency()->set_began_on("2025-11-08");
    flood.mutable_emergency()->add_residential_groups("TDP-04");
    flood.set_reason("công văn của UBND");
    v1::DeclareEmergencyResponse declared;
    status = assignment_->DeclareEmergency(Officer().get(), flood, &declared);
    EXPECT_TRUE(status.ok()) << status.error_message();
    v1::MarkAffectedRequest mark;
    mark.set_emergency_id(declared.emergency().emergency_id());
    mark.set_all_in_affected_groups(true);
    mark.set_affected_on("2025-11-10");
    mark.set_note("nước ngập 1,5 m, trôi hết lúa giống");
    mark.set_reason("tổ trưởng báo");
    v1::MarkAffectedResponse marked;
    status = assignment_->MarkAffected(Officer().get(), mark, &marked);
    EXPECT_TRUE(status.ok() && marked.outcomes_size() == 1 && marked.outcomes(0).done())
        << status.error_message() << marked.Utf8DebugString();
    v1::RecordVisitRequest visit;
    visit.set_case_id(opened_case.case_id());
    visit.set_visited_on("2025-11-10");
    visit.set_notes("bà Nguyệt kể chuyện nợ tiền thuốc");
    visit.set_observed_change(v1::OBSERVED_CHANGE_NO_CHANGE);
    visit.set_reason("first visit");
    v1::RecordVisitResponse visited;
    status = assignment_->RecordVisit(Officer().get(), visit, &visited);
    EXPECT_TRUE(status.ok()) << status.error_message();
    auto corrections = v1::Corrections::NewStub(stack_.service("registry").channel());
    v1::RecordCorrectionRequestRequest correction;
    correction.set_household_id(household_id);
    correction.set_field("address");
    correction.set_requested_value("11 Kiệt 33 Ngự Bình");
    correction.set_reason("số nhà ghi nhầm khi khảo sát");
    correction.set_requested_by("con gái Lương Bảo Ngọc");
    correction.set_received_date("2025-11-10");
    v1::RecordCorrectionRequestResponse asked;
    status = corrections->RecordCorrectionRequest(Officer().get(), correction, &asked);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return household_id;
  }

  bool CaseOf(const std::string& household_id, v1::Case& found) {
    v1::GetCaseByHouseholdRequest request;
    request.set_household_id(household_id);
    return assignment_->GetCaseByHousehold(Officer().get(), request, &found).ok();
  }

  v1::GetHouseholdTimelineResponse Timeline(const std::string& household_id) {
    v1::GetHouseholdTimelineRequest request;
    request.set_household_id(household_id);
    request.mutable_page()->set_page_size(100);
    v1::GetHouseholdTimelineResponse timeline;
    const grpc::Status status = monitoring_->GetHouseholdTimeline(Officer().get(), request, &timeline);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return timeline;
  }

  v1::AuditChainVerification Verify() {
    v1::VerifyAuditRequest request;
    v1::VerifyAuditResponse response;
    const grpc::Status status = monitoring_->VerifyAudit(Auditor().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.verification();
  }

  v1::WardFigures Figures() {
    v1::GetDashboardRequest request;
    v1::GetDashboardResponse response;
    const grpc::Status status = monitoring_->GetDashboard(Officer().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.figures();
  }

  WardStack stack_;
  std::unique_ptr<v1::Registry::Stub> registry_;
  std::unique_ptr<v1::Assignment::Stub> assignment_;
  std::unique_ptr<v1::Monitoring::Stub> monitoring_;
};

TEST_F(PersonalDataErasureTest, ErasingAHouseholdLeavesNoPersonalDataAnywhereAndTheChainWhole) {
  const std::string household_id = FamilyWithAHistory();
  redis::Connection redis(stack_.RedisAdminOptions());

  // Everything has reached monitoring: the visit is the last event.
  ASSERT_TRUE(Eventually(
      [&] {
        const v1::GetHouseholdTimelineResponse timeline = Timeline(household_id);
        for (const v1::HouseholdTimelineEntry& line : timeline.entries()) {
          if (line.event_type() == "assignment.visit_recorded.v1") return true;
        }
        return false;
      },
      kErasureStepTimeout));
  const v1::AuditChainVerification before = Verify();
  ASSERT_TRUE(before.intact());
  const v1::WardFigures figures_before = Figures();
  // The history reads with its names while the household's key exists.
  const std::string timeline_before = Timeline(household_id).Utf8DebugString();
  EXPECT_THAT(timeline_before, ::testing::HasSubstr("Lương Văn Thạch"));

  // The control: Redis holds the indexes' plain words and numbers now.
  const std::string redis_before = EverythingInRedis(redis);
  EXPECT_THAT(redis_before, ::testing::HasSubstr("046172000091")) << "the CCCD claims";
  EXPECT_THAT(redis_before, ::testing::HasSubstr("thach|")) << "the names index";
  // The household's data key, wrapped and as it is.
  const std::string wrapped =
      redis.Command({"HGET", personal_data::HouseholdDataKeys::KeysKey(0), household_id}).str;
  ASSERT_FALSE(wrapped.empty());
  v1::WrappedDataKey wrapped_key;
  ASSERT_TRUE(wrapped_key.ParseFromString(wrapped));
  personal_data::KeyRing ring(stack_.service("registry").PersonalDataKeysDir());
  const std::optional<personal_data::AesKey> data_key =
      personal_data::UnwrapDataKey(wrapped_key, household_id, ring);
  ASSERT_TRUE(data_key.has_value());
  const std::string raw_key(reinterpret_cast<const char*>(data_key->data()), data_key->size());

  v1::GetHouseholdRequest get;
  get.set_household_id(household_id);
  v1::GetHouseholdResponse current;
  ASSERT_TRUE(registry_->GetHousehold(Officer().get(), get, &current).ok());
  v1::EraseHouseholdRequest erase;
  erase.set_household_id(household_id);
  erase.set_expected_version(current.household().version());
  erase.set_reason(v1::ERASURE_REASON_SUBJECT_REQUEST);
  erase.set_reference("Đơn số 07/ĐN ngày 01/12/2026");
  v1::EraseHouseholdResponse erased;
  const grpc::Status status = registry_->EraseHousehold(Officer().get(), erase, &erased);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(erased.household().erasure().reason(), v1::ERASURE_REASON_SUBJECT_REQUEST);

  // Every service has applied it: the case lost its notes, the timeline
  // shows the erasure.
  ASSERT_TRUE(Eventually(
      [&] {
        v1::Case stripped;
        if (!CaseOf(household_id, stripped) || stripped.visits().empty()) return false;
        if (!stripped.visits(0).notes().empty()) return false;
        const v1::GetHouseholdTimelineResponse timeline = Timeline(household_id);
        for (const v1::HouseholdTimelineEntry& line : timeline.entries()) {
          if (line.event_type() == "registry.household_erased.v1") return true;
        }
        return false;
      },
      kErasureStepTimeout))
      << "the erasure never reached assignment and monitoring";

  // No read path answers a personal field.
  v1::GetHouseholdResponse after;
  ASSERT_TRUE(registry_->GetHousehold(Officer().get(), get, &after).ok());
  EXPECT_EQ(after.household().members_size(), 3) << "the members keep their places";
  for (const v1::Member& member : after.household().members()) {
    EXPECT_TRUE(member.full_name().empty());
    EXPECT_TRUE(member.national_id().empty());
    EXPECT_TRUE(member.date_of_birth().empty());
  }
  EXPECT_TRUE(after.household().address().empty());
  v1::GetHouseholdRecordRequest record_request;
  record_request.set_household_id(household_id);
  v1::GetHouseholdRecordResponse record;
  ASSERT_TRUE(registry_->GetHouseholdRecord(Auditor().get(), record_request, &record).ok());
  ASSERT_EQ(record.surveys_size(), 1);
  EXPECT_EQ(record.surveys(0).income_per_capita_vnd(), 0) << "the income is erased";
  EXPECT_EQ(record.surveys(0).review_year(), 2025) << "what is not personal stays";
  v1::SearchHouseholdsRequest search;
  search.set_query("Lương Văn Thạch");
  v1::SearchHouseholdsResponse found;
  ASSERT_TRUE(registry_->SearchHouseholds(Officer().get(), search, &found).ok());
  EXPECT_EQ(found.hits_size(), 0);
  const std::string timeline_after = Timeline(household_id).Utf8DebugString();
  auto classification = v1::Classification::NewStub(stack_.service("classification").channel());
  v1::GetOfficialStatusRequest status_request;
  status_request.set_household_id(household_id);
  v1::GetOfficialStatusResponse official;
  ASSERT_TRUE(classification->GetOfficialStatus(Officer().get(), status_request, &official).ok());
  EXPECT_EQ(official.current().result().category(), v1::POVERTY_CATEGORY_POOR)
      << "the status keeps its category";
  v1::Case stripped;
  ASSERT_TRUE(CaseOf(household_id, stripped));
  // The model joined and the flood that struck it stay, with their dates.
  ASSERT_EQ(stripped.participations_size(), 1);
  EXPECT_EQ(stripped.participations(0).model_id(), "heo-nai-tdp04");
  EXPECT_EQ(stripped.participations(0).joined_on(), "2025-11-10");
  EXPECT_TRUE(stripped.participations(0).note().empty());
  ASSERT_EQ(stripped.emergency_marks_size(), 1);
  EXPECT_EQ(stripped.emergency_marks(0).affected_on(), "2025-11-10");
  EXPECT_TRUE(stripped.emergency_marks(0).note().empty());
  const std::string answers = after.Utf8DebugString() + record.Utf8DebugString() + timeline_after +
                              official.Utf8DebugString() + stripped.Utf8DebugString();
  for (const std::string& secret : Secrets()) {
    EXPECT_EQ(answers.find(secret), std::string::npos) << secret << " is still answered";
  }
  EXPECT_THAT(timeline_after, ::testing::HasSubstr("personal data erased"));

  // The chain verifies, one entry longer; the figures keep their counts.
  const v1::AuditChainVerification verified = Verify();
  EXPECT_TRUE(verified.intact()) << verified.Utf8DebugString();
  EXPECT_GT(verified.entries_checked(), before.entries_checked());
  const v1::WardFigures figures_after = Figures();
  EXPECT_EQ(figures_after.households(), figures_before.households());
  EXPECT_EQ(figures_after.poor().count(), figures_before.poor().count());

  // Neither Redis nor the AOF files after a rewrite hold any of it.
  RewriteAof(redis);
  const std::string redis_after = EverythingInRedis(redis);
  const std::string aof_after = EverythingInAof(stack_.dir());
  for (const std::string& secret : Secrets()) {
    EXPECT_EQ(redis_after.find(secret), std::string::npos) << secret << " is still in Redis";
    EXPECT_EQ(aof_after.find(secret), std::string::npos) << secret << " is still in the AOF files";
  }
  EXPECT_EQ(redis_after.find(wrapped), std::string::npos) << "the wrapped data key is still in Redis";
  EXPECT_EQ(aof_after.find(wrapped), std::string::npos) << "the wrapped data key is still in the AOF files";
  EXPECT_EQ(redis_after.find(raw_key), std::string::npos);
  EXPECT_EQ(aof_after.find(raw_key), std::string::npos);
}

}  // namespace
}  // namespace ansinh
