// Subject access exports on the whole stack, through the CLI as an officer
// runs them (docs/data-protection.md, "Subject access and correction"): the
// export of a household holds every field registered, surveyed, classified,
// supported and visited, and its history; the export of one member holds
// theirs and nothing about any other member, in the JSON and in the
// document; every export is in the audit chain; staff cannot export.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/corrections.grpc.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "eventually.h"
#include "fault_fixture.h"
#include "household_builders.h"
#include "test_tokens.h"
#include "ward_stack.h"

namespace ansinh {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testkit::AuthorizedContext;
using testkit::WardStack;

struct Subject {
  std::string id;
  std::string name;
  std::string born;        // ISO
  std::string born_shown;  // as the document writes it
  std::string national_id;
};

// The household's three members as registered: M1, M2, M3.
const std::vector<Subject>& People() {
  static const std::vector<Subject> people = {
      {"M1", "Hồ Thị Xuân Mai", "1981-04-12", "12/04/1981", "046181077001"},
      {"M2", "Đoàn Văn Quyết", "1977-12-30", "30/12/1977", "046177077002"},
      {"M3", "Đoàn Hồ Bảo Ngọc", "2015-08-09", "09/08/2015", ""},
  };
  return people;
}

v1::Household ThreePeople() {
  v1::Household household;
  household.set_address("số 27 kiệt 9 Phan Bội Châu");
  household.set_residential_group("TDP-15");
  for (const Subject& person : People()) {
    v1::Member& member = *household.add_members();
    member.set_full_name(person.name);
    member.set_date_of_birth(person.born);
    member.set_national_id(person.national_id);
    member.set_has_health_insurance(person.id != "M2");
    if (person.id == "M3") {
      member.set_sex(v1::SEX_FEMALE);
      member.set_relation_to_head(v1::RELATION_TO_HEAD_CHILD);
      member.set_enrolled_in_school(true);
      member.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
      member.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
      member.set_nutrition(v1::NUTRITION_STUNTED);
    } else {
      member.set_sex(person.id == "M1" ? v1::SEX_FEMALE : v1::SEX_MALE);
      member.set_relation_to_head(person.id == "M1" ? v1::RELATION_TO_HEAD_HEAD
                                                    : v1::RELATION_TO_HEAD_SPOUSE);
      member.set_education_level(v1::EDUCATION_LEVEL_LOWER_SECONDARY);
      member.set_employment(v1::EMPLOYMENT_SELF_EMPLOYED);
      member.set_has_disability(person.id == "M2");
    }
  }
  return household;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class SubjectAccessExportTest : public ::testing::Test {
 protected:
  // A household registered, surveyed, classified poor and approved in the
  // 2025 review, with the case that opened: a need, support and a visit, and
  // a correction request accepted.
  static void SetUpTestSuite() {
    stack_ = new WardStack({{"classification", {"--today-override", "2025-11-03"}}});
    stack_->Start();
  }

  // Once, from the first test's SetUp: a failure here fails that test
  // (from SetUpTestSuite it would only skip them).
  void Seed() {
    const std::string officer = stack_->tokens().officer;
    auto registry = v1::Registry::NewStub(stack_->service("registry").channel());
    auto classification = v1::Classification::NewStub(stack_->service("classification").channel());
    v1::OpenRoundRequest open;
    open.set_review_year(2025);
    open.set_kind(v1::REVIEW_KIND_PERIODIC);
    v1::OpenRoundResponse opened;
    grpc::Status status = classification->OpenRound(AuthorizedContext(officer).get(), open, &opened);
    ASSERT_TRUE(status.ok()) << status.error_message();

    v1::CreateHouseholdRequest create;
    *create.mutable_household() = ThreePeople();
    v1::CreateHouseholdResponse created;
    status = registry->CreateHousehold(AuthorizedContext(officer).get(), create, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    household_id_ = created.household().household_id();
    v1::RecordSurveyRequest survey;
    *survey.mutable_survey() = testkit::PeriodicSurvey(household_id_, {.income_per_capita_vnd = 1'234'567});
    v1::RecordSurveyResponse surveyed;
    status = registry->RecordSurvey(AuthorizedContext(officer).get(), survey, &surveyed);
    ASSERT_TRUE(status.ok()) << status.error_message();

    v1::RecordMeetingRequest meeting;
    meeting.set_round_id(opened.round().round_id());
    meeting.set_household_id(household_id_);
    meeting.set_meeting_date("2025-11-03");
    meeting.set_attendees(20);
    meeting.set_agreed(18);
    meeting.set_minutes_reference("BB-TDP15-2025-11");
    v1::RecordMeetingResponse met;
    ASSERT_TRUE(testkit::Eventually(
        [&] { return classification->RecordMeeting(AuthorizedContext(officer).get(), meeting, &met).ok(); },
        std::chrono::seconds(30)));
    v1::PostResultsRequest post;
    post.set_round_id(opened.round().round_id());
    v1::PostResultsResponse posted;
    ASSERT_TRUE(classification->PostResults(AuthorizedContext(officer).get(), post, &posted).ok());
    stack_->Restart("classification", {"--today-override", "2025-11-12"});
    classification = v1::Classification::NewStub(stack_->service("classification").channel());
    v1::ApproveRoundRequest approve;
    approve.set_round_id(opened.round().round_id());
    approve.set_decision_number("131/QĐ-UBND");
    approve.set_decision_date("2025-11-07");
    v1::ApproveRoundResponse approved;
    status = classification->ApproveRound(AuthorizedContext(officer).get(), approve, &approved);
    ASSERT_TRUE(status.ok()) << status.error_message();

    auto assignment = v1::Assignment::NewStub(stack_->service("assignment").channel());
    v1::Case opened_case;
    ASSERT_TRUE(testkit::Eventually(
        [&] {
          v1::GetCaseByHouseholdRequest request;
          request.set_household_id(household_id_);
          return assignment->GetCaseByHousehold(AuthorizedContext(officer).get(), request, &opened_case).ok();
        },
        std::chrono::seconds(30)))
        << "assignment opened no case";
    v1::RecordNeedRequest need;
    need.set_case_id(opened_case.case_id());
    need.set_type(v1::NEED_TYPE_HOUSING);
    need.set_description("mái nhà dột, cần lợp lại trước mùa mưa");
    need.set_reason("thăm hộ");
    v1::RecordNeedResponse needed;
    status = assignment->RecordNeed(AuthorizedContext(officer).get(), need, &needed);
    ASSERT_TRUE(status.ok()) << status.error_message();
    v1::RecordSupportRequest support;
    support.set_case_id(opened_case.case_id());
    support.set_type(v1::SUPPORT_TYPE_HOUSING);
    support.set_amount_vnd(30'000'000);
    support.set_provider("Quỹ Vì người nghèo phường");
    support.set_delivered_on("2025-11-10");
    support.set_description("hỗ trợ lợp mái tôn");
    support.set_reason("quyết định của Ban vận động");
    v1::RecordSupportResponse supported;
    status = assignment->RecordSupport(AuthorizedContext(officer).get(), support, &supported);
    ASSERT_TRUE(status.ok()) << status.error_message();
    v1::RecordVisitRequest visit;
    visit.set_case_id(opened_case.case_id());
    visit.set_visited_on("2025-11-11");
    visit.set_notes("anh Quyết đau lưng nằm nhà; Ngọc đi học đều");
    visit.set_observed_change(v1::OBSERVED_CHANGE_NO_CHANGE);
    visit.set_reason("thăm định kỳ");
    v1::RecordVisitResponse visited;
    status = assignment->RecordVisit(AuthorizedContext(officer).get(), visit, &visited);
    ASSERT_TRUE(status.ok()) << status.error_message();

    auto corrections = v1::Corrections::NewStub(stack_->service("registry").channel());
    v1::RecordCorrectionRequestRequest correction;
    correction.set_household_id(household_id_);
    correction.set_member_id("M1");
    correction.set_received_date("2025-11-05");
    correction.set_field("has_health_insurance");
    correction.set_member_id("M2");
    correction.set_requested_value("true");
    correction.set_reason("đã có thẻ BHYT từ tháng 10");
    correction.set_requested_by("Đoàn Văn Quyết");
    v1::RecordCorrectionRequestResponse recorded;
    status = corrections->RecordCorrectionRequest(AuthorizedContext(officer).get(), correction, &recorded);
    ASSERT_TRUE(status.ok()) << status.error_message();
    correction_id_ = recorded.request().request_id();
  }

  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  void SetUp() override {
    if (!std::filesystem::exists(testkit::AnsinhCli())) GTEST_SKIP() << "the ansinh CLI is not built";
    if (!seeded_) {
      Seed();
      seeded_ = !HasFatalFailure();
    }
    ASSERT_TRUE(seeded_) << "the ward could not be set up";
  }

  testkit::CliRun Cli(const std::vector<std::string>& args, const std::string& token = "") {
    return testkit::RunCli(*stack_, token.empty() ? stack_->tokens().officer : token, args);
  }

  // The household's history lines that record subject access exports.
  std::vector<std::string> ExportLines() {
    auto monitoring = v1::Monitoring::NewStub(stack_->service("monitoring").channel());
    v1::GetHouseholdTimelineRequest request;
    request.set_household_id(household_id_);
    request.mutable_page()->set_page_size(500);
    v1::GetHouseholdTimelineResponse timeline;
    EXPECT_TRUE(
        monitoring
            ->GetHouseholdTimeline(AuthorizedContext(stack_->tokens().auditor).get(), request, &timeline)
            .ok());
    std::vector<std::string> lines;
    for (const v1::HouseholdTimelineEntry& line : timeline.entries()) {
      if (line.description().find("RecordSubjectAccessExport") != std::string::npos) {
        lines.push_back(line.description());
      }
    }
    return lines;
  }

  static WardStack* stack_;
  static std::string household_id_;
  static std::string correction_id_;
  static bool seeded_;
};

WardStack* SubjectAccessExportTest::stack_ = nullptr;
std::string SubjectAccessExportTest::household_id_;
std::string SubjectAccessExportTest::correction_id_;
bool SubjectAccessExportTest::seeded_ = false;

TEST_F(SubjectAccessExportTest, AHouseholdsExportHoldsEveryFieldHeldAndIsItselfAudited) {
  const std::string document = stack_->dir() + "/household-export.html";
  const testkit::CliRun run =
      Cli({"--json", "household", "export-data", household_id_, "--document", document});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string& json = run.output;
  const std::string html = ReadFile(document);
  EXPECT_EQ(std::filesystem::status(document).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write)
      << "an export holds personal data: its owner's only";

  // What was registered, for every member.
  for (const Subject& person : People()) {
    for (const std::string* text : {&json, &html}) {
      EXPECT_THAT(*text, HasSubstr(person.name));
      if (!person.national_id.empty()) EXPECT_THAT(*text, HasSubstr(person.national_id));
    }
    EXPECT_THAT(json, HasSubstr(person.born));
    EXPECT_THAT(html, HasSubstr(person.born_shown));
  }
  for (const std::string* text : {&json, &html}) {
    EXPECT_THAT(*text, HasSubstr("số 27 kiệt 9 Phan Bội Châu"));
    // Surveyed, supported, visited, needed, asked for.
    EXPECT_THAT(*text, HasSubstr("Quỹ Vì người nghèo phường"));
    EXPECT_THAT(*text, HasSubstr("hỗ trợ lợp mái tôn"));
    EXPECT_THAT(*text, HasSubstr("anh Quyết đau lưng nằm nhà; Ngọc đi học đều"));
    EXPECT_THAT(*text, HasSubstr("mái nhà dột, cần lợp lại trước mùa mưa"));
    EXPECT_THAT(*text, HasSubstr(correction_id_));
    EXPECT_THAT(*text, HasSubstr("đã có thẻ BHYT từ tháng 10"));
    EXPECT_THAT(*text, HasSubstr("131/QĐ-UBND"));
  }
  EXPECT_THAT(json, HasSubstr("\"income_per_capita_vnd\": \"1234567\""));
  EXPECT_THAT(json, HasSubstr("\"amount_vnd\": \"30000000\""));
  EXPECT_THAT(json, HasSubstr("POVERTY_CATEGORY_POOR"));
  EXPECT_THAT(json, HasSubstr("registry.household_registered.v1")) << "the history";
  EXPECT_THAT(json, HasSubstr("classification.household_status_changed.v1"));
  EXPECT_THAT(html, HasSubstr("1.234.567 ₫"));
  EXPECT_THAT(html, HasSubstr("30.000.000 ₫"));
  EXPECT_THAT(html, HasSubstr("Thông tin cá nhân đang lưu giữ về hộ " + household_id_));
  EXPECT_THAT(html, HasSubstr("Hộ nghèo"));

  // Recorded in the audit chain, in the household's history.
  const std::vector<std::string> lines = ExportLines();
  ASSERT_FALSE(lines.empty());
  EXPECT_THAT(lines.back(), HasSubstr("RecordSubjectAccessExport: household, export "));

  // Organization staff cannot export (their role sees part of the data only).
  const testkit::CliRun staff =
      Cli({"household", "export-data", household_id_}, stack_->tokens().womens_union_staff);
  EXPECT_EQ(staff.exit_code, 1) << staff.output;
  EXPECT_THAT(staff.output, HasSubstr("PERMISSION_DENIED"));
}

TEST_F(SubjectAccessExportTest, AMembersExportHoldsNothingAboutAnyOtherMember) {
  const std::string document = stack_->dir() + "/member-export.html";
  const testkit::CliRun run =
      Cli({"--json", "household", "export-data", household_id_, "--member", "M3", "--document", document});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string& json = run.output;
  const std::string html = ReadFile(document);

  const Subject& child = People()[2];
  for (const std::string* text : {&json, &html}) {
    EXPECT_THAT(*text, HasSubstr(child.name));
    EXPECT_THAT(*text, HasSubstr("số 27 kiệt 9 Phan Bội Châu")) << "the household's address is hers too";
  }
  EXPECT_THAT(json, HasSubstr(child.born));
  EXPECT_THAT(json, HasSubstr("NUTRITION_STUNTED"));
  EXPECT_THAT(html, HasSubstr(child.born_shown));

  for (const Subject& other : {People()[0], People()[1]}) {
    for (const std::string* text : {&json, &html}) {
      EXPECT_THAT(*text, Not(HasSubstr(other.name))) << other.id;
      EXPECT_THAT(*text, Not(HasSubstr(other.national_id))) << other.id;
      EXPECT_THAT(*text, Not(HasSubstr(other.born))) << other.id;
      EXPECT_THAT(*text, Not(HasSubstr(other.born_shown))) << other.id;
    }
    EXPECT_THAT(json, Not(HasSubstr("\"" + other.id + "\""))) << other.id;
    EXPECT_THAT(html, Not(HasSubstr(other.id))) << other.id;
  }
  // M2's correction request and its history lines are theirs.
  EXPECT_THAT(json, Not(HasSubstr(correction_id_)));
  EXPECT_THAT(json, Not(HasSubstr("đau lưng"))) << "a visit's notes may name anyone";

  const std::vector<std::string> lines = ExportLines();
  EXPECT_THAT(lines, ::testing::Contains(HasSubstr("RecordSubjectAccessExport: member M3, export ")));

  // A member the household does not have: said, and nothing exported.
  const testkit::CliRun nobody = Cli({"household", "export-data", household_id_, "--member", "M9"});
  EXPECT_EQ(nobody.exit_code, 1) << nobody.output;
  EXPECT_THAT(nobody.output, HasSubstr("has no member M9"));
}

}  // namespace
}  // namespace ansinh
