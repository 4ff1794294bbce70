// Fuzzes the pure request validation of the domain cores: what a gRPC
// handler runs on a request before anything is stored. The first input byte
// picks the request kind, the rest is that message in the protobuf wire
// format (ParseFromArray), as a client could send it; the seeds are
// serialized valid requests.
//
// Beyond not crashing: a refusal always names what is wrong, and the
// services agree with each other. A survey the registry accepts as recorded
// (ValidateRecordedSurvey) must be one the classification service can
// classify under the standard of its year (the registry refuses, rather than
// let the classifier refuse later where the officer does not see why); a
// household the registry accepts stays valid once registered
// (PrepareNewHousehold), and so does an accepted update of a valid household.

#include <google/protobuf/text_format.h>
#include <google/protobuf/timestamp.pb.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/registry.pb.h"
#include "assignment/core/directory.h"
#include "assignment/core/directory_operations.h"
#include "assignment/core/helper_assignment.h"
#include "assignment/core/lifecycle.h"
#include "assignment/core/load_view.h"
#include "assignment/core/needs.h"
#include "assignment/core/operation_context.h"
#include "assignment/core/settings.h"
#include "assignment/core/support_records.h"
#include "assignment/core/transfers.h"
#include "assignment/core/visits.h"
#include "classification/core/classifier.h"
#include "classification/core/review_round.h"
#include "fuzz_check.h"
#include "kernel/civil_date.h"
#include "registry/core/household_changes.h"
#include "registry/core/household_code.h"
#include "registry/core/household_validation.h"
#include "registry/core/import/import_validation.h"
#include "registry/core/new_household.h"
#include "registry/core/search_folding.h"
#include "registry/core/survey_rules.h"
#include "registry/core/survey_validation.h"
#include "sample_surveys.h"
#include "standards/standard_loader.h"

namespace {

namespace assignment = ansinh::assignment;
namespace classification = ansinh::classification;
namespace registry = ansinh::registry;
namespace v1 = ansinh::v1;

// The request kinds, by the input's first byte (modulo their count).
enum class Kind : uint8_t {
  kHousehold,           // v1::Household, as in CreateHouseholdRequest
  kRecordedSurvey,      // v1::Survey, as recorded and published
  kUpdateHousehold,     // v1::UpdateHouseholdRequest
  kAddMember,           // v1::AddMemberRequest
  kUpdateMember,        // v1::UpdateMemberRequest
  kImportRow,           // v1::ImportHouseholdsRequest
  kOpenRound,           // v1::OpenRoundRequest
  kRecordMeeting,       // v1::RecordMeetingRequest
  kUpsertOrganization,  // v1::UpsertOrganizationRequest
  kUpsertHelper,        // v1::UpsertHelperRequest
  kAssignHelper,        // v1::AssignHelperRequest
  kRequestTransfer,     // v1::RequestTransferRequest
  kRecordNeed,          // v1::RecordNeedRequest
  kRecordSupport,       // v1::RecordSupportRequest
  kRecordVisit,         // v1::RecordVisitRequest
  kCount,
};

constexpr ansinh::CivilDate kToday{std::chrono::year(2025), std::chrono::November, std::chrono::day(20)};
constexpr char kTodayText[] = "2025-11-20";
// 2025-11-20 09:00 in the ward (UTC+7), on kToday.
constexpr int64_t kNowSeconds = 1763604000;

// A registered household, valid on kToday: what updates and new members meet.
constexpr char kRegisteredHousehold[] = R"pb(
  household_id: "HH-000001"
  code: "T05-001"
  address: "12 Lý Thái Tổ"
  residential_group: "TDP-05"
  area_type: AREA_TYPE_URBAN
  head_member_id: "M1"
  status: HOUSEHOLD_STATUS_ACTIVE
  version: 3
  members {
    member_id: "M1"
    full_name: "Nguyễn Văn An"
    sex: SEX_MALE
    date_of_birth: "1980-04-02"
    relation_to_head: RELATION_TO_HEAD_HEAD
    national_id: "046080001234"
    has_health_insurance: true
    education_level: EDUCATION_LEVEL_UPPER_SECONDARY
    employment: EMPLOYMENT_WAGE_WITHOUT_CONTRACT
  }
  members {
    member_id: "M2"
    full_name: "Trần Thị Hương"
    sex: SEX_FEMALE
    date_of_birth: "1983-11-20"
    relation_to_head: RELATION_TO_HEAD_SPOUSE
    national_id: "046183004321"
    has_health_insurance: true
    education_level: EDUCATION_LEVEL_LOWER_SECONDARY
    employment: EMPLOYMENT_SELF_EMPLOYED
  }
  members {
    member_id: "M3"
    full_name: "Nguyễn Ngọc Hân"
    sex: SEX_FEMALE
    date_of_birth: "2021-06-30"
    relation_to_head: RELATION_TO_HEAD_CHILD
    has_health_insurance: true
    employment: EMPLOYMENT_NOT_IN_LABOUR_FORCE
    nutrition: NUTRITION_NORMAL
  }
)pb";

const v1::Household& RegisteredHousehold() {
  static const v1::Household household = [] {
    v1::Household parsed;
    ANSINH_FUZZ_CHECK(google::protobuf::TextFormat::ParseFromString(kRegisteredHousehold, &parsed),
                      "the registered household parses");
    ANSINH_FUZZ_CHECK(registry::ValidateHousehold(parsed, kToday).empty(),
                      "the registered household is valid");
    return parsed;
  }();
  return household;
}

const ansinh::StandardCatalog& Standards() {
  static const ansinh::StandardCatalog catalog = [] {
    auto loaded = ansinh::LoadStandardsFromDirectory(ANSINH_FUZZ_STANDARDS_DIR);
    ANSINH_FUZZ_CHECK(loaded.ok(), "the repository's standards load");
    return std::move(loaded).value();
  }();
  return catalog;
}

const registry::SurveyRules& Rules() {
  static const registry::SurveyRules rules(Standards());
  return rules;
}

// --- registry ---------------------------------------------------------------

void CheckHousehold(const v1::Household& household) {
  const ansinh::FieldViolations violations = registry::ValidateHousehold(household, kToday);
  for (const ansinh::FieldViolation& violation : violations) {
    ANSINH_FUZZ_CHECK(!violation.description.empty(), "a violation says what is wrong");
  }
  for (const v1::Member& member : household.members()) {
    const std::string folded = registry::FoldForSearch(member.full_name());
    ANSINH_FUZZ_CHECK(registry::NameMatches(folded, folded), "a name finds itself");
  }
  if (const auto code = registry::MakeHouseholdCode(household.residential_group(), 1)) {
    ANSINH_FUZZ_CHECK(registry::NormalizeHouseholdCode(*code) == code, "a code is canonical");
  }
  (void)registry::NormalizeHouseholdCode(household.code());
  if (!violations.empty()) return;
  const v1::Household registered = registry::PrepareNewHousehold(household, "HH-000042", "T05-042");
  ANSINH_FUZZ_CHECK(registry::ValidateHousehold(registered, kToday).empty(),
                    "an accepted household stays valid once registered");
}

void CheckRecordedSurvey(const v1::Survey& survey) {
  (void)registry::ValidateSurvey(survey, kToday, Rules());
  (void)registry::ValidateSurveySnapshot(survey, Rules());
  (void)registry::CheckSurveyFactsForListYear(survey, Rules());
  const ansinh::FieldViolations violations = registry::ValidateRecordedSurvey(survey, kToday, Rules());
  const ansinh::Result<v1::ClassificationResult> result = classification::ClassifySurvey(survey, Standards());
  if (!result.ok()) {
    ANSINH_FUZZ_CHECK(!result.error().message.empty(), "a refused classification says why");
  }
  ANSINH_FUZZ_CHECK(!violations.empty() || result.ok(), result.ok() ? "" : result.error().message.c_str());
}

void CheckUpdateHousehold(const v1::UpdateHouseholdRequest& request) {
  if (!registry::ValidateUpdateRequest(request).empty()) return;
  const registry::HouseholdUpdate update = registry::ApplyUpdate(RegisteredHousehold(), request);
  if (!update.violations.empty()) return;
  ANSINH_FUZZ_CHECK(registry::ValidateHousehold(update.after, kToday).empty(),
                    "an accepted update keeps the household valid");
}

void CheckAddMember(const v1::AddMemberRequest& request) {
  (void)registry::ValidateNewMember(RegisteredHousehold(), request.member(), kToday);
}

void CheckUpdateMember(const v1::UpdateMemberRequest& request) {
  const v1::Household& household = RegisteredHousehold();
  for (int i = 0; i < household.members_size(); ++i) {
    if (household.members(i).member_id() != request.member().member_id()) continue;
    (void)registry::ValidateMemberReplacement(household, i, request.member(), kToday);
  }
}

// --- classification ---------------------------------------------------------

void CheckOpenRound(const v1::OpenRoundRequest& request) {
  classification::OpenRoundInput input;
  input.round_id = "RR-2025-1";
  input.review_year = request.review_year();
  input.kind = request.kind();
  input.household_id = request.household_id();
  input.opened_by = "fuzz";
  input.opened_date = request.opened_on().empty() ? kTodayText : request.opened_on();
  input.outside_window_reason = request.outside_window_reason();
  const auto round = classification::OpenRound(input, Standards(), {});
  if (!round.ok()) {
    ANSINH_FUZZ_CHECK(!round.error().message.empty(), "a refused round says why");
    return;
  }
  // The sample households, surveyed for the new round.
  for (v1::Survey survey : ansinh::fuzz::SampleSurveys()) {
    survey.set_review_year(round->review_year());
    (void)classification::RecordSurvey(*round, nullptr, survey, Standards());
  }
}

void CheckRecordMeeting(const v1::RecordMeetingRequest& request) {
  classification::MeetingInput input;
  input.meeting_date = request.meeting_date();
  input.attendees = request.attendees();
  input.agreed = request.agreed();
  input.minutes_reference = request.minutes_reference();
  input.recorded_by = "fuzz";
  for (const ansinh::FieldViolation& violation : classification::ValidateMeeting(input)) {
    ANSINH_FUZZ_CHECK(!violation.description.empty(), "a violation says what is wrong");
  }
}

// --- assignment -------------------------------------------------------------

struct AssignmentWard {
  assignment::Directory directory;
  assignment::LoadView loads;
  assignment::AssignmentSettings settings;
  v1::Case open_case;

  assignment::OperationContext Context(v1::Role role) const {
    v1::Actor actor;
    actor.set_role(role);
    actor.set_name("fuzz");
    if (role == v1::ROLE_ORGANIZATION_STAFF) actor.set_organization_id("womens-union");
    google::protobuf::Timestamp now;
    now.set_seconds(kNowSeconds);
    return assignment::OperationContext{directory, loads, settings, actor, assignment::When{now, kToday}};
  }
};

v1::Organization Organization(const std::string& id, const std::string& group, int capacity) {
  v1::Organization organization;
  organization.set_id(id);
  organization.set_name(id);
  organization.add_residential_groups(group);
  organization.set_capacity(capacity);
  organization.set_active(true);
  organization.set_version(1);
  return organization;
}

v1::Helper Helper(const std::string& id, const std::string& organization_id) {
  v1::Helper helper;
  helper.set_id(id);
  helper.set_full_name("Nguyễn Thị Hoa");
  helper.set_organization_id(organization_id);
  helper.set_phone("0905123456");
  helper.set_max_caseload(5);
  helper.set_active(true);
  helper.set_version(1);
  return helper;
}

const AssignmentWard& Ward() {
  static const AssignmentWard ward = [] {
    AssignmentWard built;
    built.directory = assignment::Directory(
        {Organization("womens-union", "TDP-05", 10), Organization("farmers-union", "TDP-02", 10),
         Organization("fatherland-front", "TDP-05", 5)},
        {Helper("women-01", "womens-union"), Helper("farmers-01", "farmers-union")});
    assignment::StatusChange change;
    change.household_id = "HH-000001";
    change.residential_group = "TDP-05";
    change.category = v1::POVERTY_CATEGORY_POOR;
    change.review_year = 2025;
    change.list_year = 2026;
    auto opened = assignment::ApplyStatusChange(nullptr, change, built.Context(v1::ROLE_SERVICE));
    ANSINH_FUZZ_CHECK(opened.ok(), "a POOR status opens a case");
    built.open_case = opened.value().updated_case;
    return built;
  }();
  return ward;
}

template <typename T>
void CheckResult(const ansinh::Result<T>& result) {
  if (result.ok()) return;
  ANSINH_FUZZ_CHECK(!result.error().message.empty(), "a refusal says why");
  for (const ansinh::FieldViolation& violation : result.error().violations) {
    ANSINH_FUZZ_CHECK(!violation.description.empty(), "a violation says what is wrong");
  }
}

// Case operations, as an officer and as the case's organization staff.
template <typename Request, typename Operation>
void CheckCaseOperation(const Request& request, Operation operation) {
  const AssignmentWard& ward = Ward();
  for (v1::Role role : {v1::ROLE_WARD_OFFICER, v1::ROLE_ORGANIZATION_STAFF}) {
    const auto result = operation(ward.open_case, request, ward.Context(role));
    CheckResult(result);
    if (result.ok()) {
      ANSINH_FUZZ_CHECK(result.value().updated_case.case_id() == ward.open_case.case_id(),
                        "an operation keeps the case's id");
    }
  }
}

template <typename Message>
bool Parse(const uint8_t* data, size_t size, Message& message) {
  return message.ParseFromArray(data, static_cast<int>(size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto kind = static_cast<Kind>(data[0] % static_cast<uint8_t>(Kind::kCount));
  const uint8_t* body = data + 1;
  const size_t body_size = size - 1;
  switch (kind) {
    case Kind::kHousehold: {
      v1::Household message;
      if (Parse(body, body_size, message)) CheckHousehold(message);
      break;
    }
    case Kind::kRecordedSurvey: {
      v1::Survey message;
      if (Parse(body, body_size, message)) CheckRecordedSurvey(message);
      break;
    }
    case Kind::kUpdateHousehold: {
      v1::UpdateHouseholdRequest message;
      if (Parse(body, body_size, message)) CheckUpdateHousehold(message);
      break;
    }
    case Kind::kAddMember: {
      v1::AddMemberRequest message;
      if (Parse(body, body_size, message)) CheckAddMember(message);
      break;
    }
    case Kind::kUpdateMember: {
      v1::UpdateMemberRequest message;
      if (Parse(body, body_size, message)) CheckUpdateMember(message);
      break;
    }
    case Kind::kImportRow: {
      v1::ImportHouseholdsRequest message;
      if (Parse(body, body_size, message)) (void)registry::ValidateImportRow(message, kToday, Rules());
      break;
    }
    case Kind::kOpenRound: {
      v1::OpenRoundRequest message;
      if (Parse(body, body_size, message)) CheckOpenRound(message);
      break;
    }
    case Kind::kRecordMeeting: {
      v1::RecordMeetingRequest message;
      if (Parse(body, body_size, message)) CheckRecordMeeting(message);
      break;
    }
    case Kind::kUpsertOrganization: {
      v1::UpsertOrganizationRequest message;
      if (Parse(body, body_size, message)) {
        CheckResult(assignment::UpsertOrganization(message, Ward().Context(v1::ROLE_WARD_OFFICER)));
      }
      break;
    }
    case Kind::kUpsertHelper: {
      v1::UpsertHelperRequest message;
      if (Parse(body, body_size, message)) {
        CheckResult(assignment::UpsertHelper(message, Ward().Context(v1::ROLE_ORGANIZATION_STAFF)));
      }
      break;
    }
    case Kind::kAssignHelper: {
      v1::AssignHelperRequest message;
      if (Parse(body, body_size, message)) CheckCaseOperation(message, assignment::AssignHelper);
      break;
    }
    case Kind::kRequestTransfer: {
      v1::RequestTransferRequest message;
      if (Parse(body, body_size, message)) CheckCaseOperation(message, assignment::RequestTransfer);
      break;
    }
    case Kind::kRecordNeed: {
      v1::RecordNeedRequest message;
      if (Parse(body, body_size, message)) CheckCaseOperation(message, assignment::RecordNeed);
      break;
    }
    case Kind::kRecordSupport: {
      v1::RecordSupportRequest message;
      if (Parse(body, body_size, message)) CheckCaseOperation(message, assignment::RecordSupport);
      break;
    }
    case Kind::kRecordVisit: {
      v1::RecordVisitRequest message;
      if (Parse(body, body_size, message)) CheckCaseOperation(message, assignment::RecordVisit);
      break;
    }
    case Kind::kCount:
      break;
  }
  return 0;
}
