// The type-specific facts of support (docs/domain.md §5): a policy loan's VBSP
// programme, which must fit the household, and its savings-and-loan group; a
// health-insurance card's state share, which depends on the category; and the
// support type that answers each need type.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>

#include "assignment/core/credit_programmes.h"
#include "assignment/core/health_insurance_share.h"
#include "assignment/core/need_answers.h"
#include "assignment/core/needs.h"
#include "assignment/core/support_records.h"
#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::HasSubstr;
using testkit::Officer;
using testkit::Service;
using testkit::Status;
using testkit::World;

// The household a row is about, each reached through the real lifecycle.
enum class Household { kPoor, kNearPoor, kEscapedPoverty, kEscapedNearPoverty };

std::ostream& operator<<(std::ostream& out, Household household) {
  switch (household) {
    case Household::kPoor:
      return out << "poor";
    case Household::kNearPoor:
      return out << "near-poor";
    case Household::kEscapedPoverty:
      return out << "escaped-poverty";
    case Household::kEscapedNearPoverty:
      return out << "escaped-near-poverty";
  }
  return out;
}

// Every case of these tests is opened on 2024-01-15. The escaped ones escape
// on 2024-03-01; the ward follows them for 48 months, longer than the
// 36 months of the newly escaped programme, so that the programme's own
// window is what a row tests.
constexpr const char* kEscapeDate = "2024-03-01";
constexpr const char* kToday = "2027-06-01";

class SupportProgrammesTest : public ::testing::Test {
 protected:
  SupportProgrammesTest() { world_.settings.follow_up_months = 48; }

  v1::Case CaseOf(Household household) {
    v1::Case opened = world_.Open("HH-000001", "2024-01-15");
    switch (household) {
      case Household::kPoor:
        return opened;
      case Household::kNearPoor:
        return Apply(opened,
                     Status("HH-000001", v1::POVERTY_CATEGORY_NEAR_POOR, v1::TRANSITION_POOR_TO_NEAR_POOR),
                     "2024-02-01");
      case Household::kEscapedPoverty:
        return Apply(opened,
                     Status("HH-000001", v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_ESCAPED_POVERTY),
                     kEscapeDate);
      case Household::kEscapedNearPoverty: {
        const v1::Case near_poor = Apply(
            opened, Status("HH-000001", v1::POVERTY_CATEGORY_NEAR_POOR, v1::TRANSITION_POOR_TO_NEAR_POOR),
            "2024-02-01");
        return Apply(near_poor,
                     Status("HH-000001", v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_ESCAPED_NEAR_POVERTY),
                     kEscapeDate);
      }
    }
    return opened;
  }

  v1::Case Apply(const v1::Case& current, const StatusChange& change, const std::string& date) {
    Result<CaseChange> result = ApplyStatusChange(&current, change, world_.Context(Service(), date));
    EXPECT_TRUE(result.ok()) << result.error().message;
    world_.Track(&current, result.value().updated_case);
    return result.value().updated_case;
  }

  static v1::RecordSupportRequest Loan(const v1::Case& target, v1::CreditProgramme programme,
                                       const std::string& delivered_on = "2027-01-10") {
    v1::RecordSupportRequest request;
    request.set_case_id(target.case_id());
    request.set_type(v1::SUPPORT_TYPE_POLICY_CREDIT);
    request.set_amount_vnd(40'000'000);
    request.set_provider("VBSP");
    request.set_delivered_on(delivered_on);
    request.set_credit_programme(programme);
    request.set_savings_group("Tổ TK&VV Hội Phụ nữ TDP-01");
    request.set_reason("giải ngân");
    return request;
  }

  static v1::RecordSupportRequest Card(const v1::Case& target, std::optional<int> state_share) {
    v1::RecordSupportRequest request;
    request.set_case_id(target.case_id());
    request.set_type(v1::SUPPORT_TYPE_HEALTH_INSURANCE_CARD);
    request.set_provider("BHXH thị xã");
    request.set_delivered_on("2027-01-10");
    if (state_share) request.set_state_share_percent(*state_share);
    request.set_reason("cấp thẻ BHYT");
    return request;
  }

  Result<CaseChange> Record(const v1::Case& target, const v1::RecordSupportRequest& request) {
    return RecordSupport(target, request, world_.Context(Officer(), kToday));
  }

  World world_;
};

// --- which programme lends to which household ------------------------------

struct EligibilityRow {
  const char* name;
  v1::CreditProgramme programme;
  Household household;
  const char* delivered_on;
  // Empty when the loan is accepted; otherwise the credit_programme violation.
  const char* refusal;
};

void PrintTo(const EligibilityRow& row, std::ostream* out) { *out << row.name; }

class CreditEligibilityTest : public SupportProgrammesTest,
                              public ::testing::WithParamInterface<EligibilityRow> {};

TEST_P(CreditEligibilityTest, ProgrammeMustFitTheHousehold) {
  const EligibilityRow& row = GetParam();
  const v1::Case target = CaseOf(row.household);
  const Result<CaseChange> change = Record(target, Loan(target, row.programme, row.delivered_on));
  if (std::string(row.refusal).empty()) {
    ASSERT_TRUE(change.ok()) << change.error().message;
    EXPECT_EQ(change.value().updated_case.support_records(0).credit_programme(), row.programme);
    return;
  }
  ASSERT_FALSE(change.ok()) << "a " << row.household << " household";
  EXPECT_EQ(change.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(change.error().violations, (FieldViolations{{"credit_programme", row.refusal}}));
}

constexpr const char* kOk = "";
constexpr const char* kNewlyEscapedRule =
    "newly escaped households (cho vay hộ mới thoát nghèo) lends within 36 months of an escape, to a "
    "household "
    "in follow-up";

INSTANTIATE_TEST_SUITE_P(
    Programmes, CreditEligibilityTest,
    ::testing::Values(
        EligibilityRow{"PoorProgrammeToPoor", v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS, Household::kPoor,
                       "2027-01-10", kOk},
        EligibilityRow{"PoorProgrammeToNearPoor", v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS, Household::kNearPoor,
                       "2027-01-10",
                       "poor households (cho vay hộ nghèo) lends to officially POOR households; case "
                       "CASE-HH-000001-1 is OPEN, category NEAR_POOR"},
        EligibilityRow{"PoorProgrammeToEscaped", v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS,
                       Household::kEscapedPoverty, "2027-01-10",
                       "poor households (cho vay hộ nghèo) lends to officially POOR households; case "
                       "CASE-HH-000001-1 is FOLLOW_UP, category AVERAGE"},
        EligibilityRow{"NearPoorProgrammeToNearPoor", v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS,
                       Household::kNearPoor, "2027-01-10", kOk},
        EligibilityRow{
            "NearPoorProgrammeToPoor", v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS, Household::kPoor,
            "2027-01-10",
            "near-poor households (cho vay hộ cận nghèo) lends to officially NEAR_POOR households; "
            "case CASE-HH-000001-1 is OPEN, category POOR"},
        EligibilityRow{"NewlyEscapedProgrammeToEscaped", v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS,
                       Household::kEscapedPoverty, "2027-01-10", kOk},
        EligibilityRow{"NewlyEscapedProgrammeOnTheEscapeDay", v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS,
                       Household::kEscapedPoverty, "2024-03-01", kOk},
        EligibilityRow{"NewlyEscapedProgrammeOnTheWindowsLastDay",
                       v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS, Household::kEscapedPoverty,
                       "2027-02-28", kOk},
        EligibilityRow{"NewlyEscapedProgrammeAfterTheWindow", v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS,
                       Household::kEscapedPoverty, "2027-03-01",
                       "newly escaped households (cho vay hộ mới thoát nghèo) lends within 36 months of an "
                       "escape, to a household in follow-up; the escape of 2024-03-01 allows loans until "
                       "2027-02-28, not on 2027-03-01"},
        EligibilityRow{"NewlyEscapedProgrammeBeforeTheEscape", v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS,
                       Household::kEscapedPoverty, "2024-02-29",
                       "newly escaped households (cho vay hộ mới thoát nghèo) lends within 36 months of an "
                       "escape, to a household in follow-up; the loan of 2024-02-29 predates the escape of "
                       "2024-03-01"},
        EligibilityRow{"NewlyEscapedProgrammeAfterNearPoverty", v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS,
                       Household::kEscapedNearPoverty, "2027-01-10", kOk},
        EligibilityRow{"NewlyEscapedProgrammeToPoor", v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS,
                       Household::kPoor, "2027-01-10",
                       "newly escaped households (cho vay hộ mới thoát nghèo) lends within 36 months of an "
                       "escape, to a household in follow-up; case CASE-HH-000001-1 is OPEN, category POOR"},
        EligibilityRow{"JobCreationToPoor", v1::CREDIT_PROGRAMME_JOB_CREATION, Household::kPoor, "2027-01-10",
                       kOk},
        EligibilityRow{"JobCreationToEscaped", v1::CREDIT_PROGRAMME_JOB_CREATION, Household::kEscapedPoverty,
                       "2027-05-10", kOk},
        EligibilityRow{"LabourExportToNearPoor", v1::CREDIT_PROGRAMME_LABOUR_EXPORT, Household::kNearPoor,
                       "2027-01-10", kOk},
        EligibilityRow{"CleanWaterToPoor", v1::CREDIT_PROGRAMME_CLEAN_WATER_SANITATION, Household::kPoor,
                       "2027-01-10", kOk},
        EligibilityRow{"HousingToEscaped", v1::CREDIT_PROGRAMME_HOUSING, Household::kEscapedNearPoverty,
                       "2027-01-10", kOk},
        EligibilityRow{"StudentsToNearPoor", v1::CREDIT_PROGRAMME_STUDENTS, Household::kNearPoor,
                       "2027-01-10", kOk}),
    [](const ::testing::TestParamInfo<EligibilityRow>& info) { return info.param.name; });

TEST(CreditProgrammeTable, EveryProgrammeHasARule) {
  const google::protobuf::EnumDescriptor* programmes = v1::CreditProgramme_descriptor();
  for (int i = 0; i < programmes->value_count(); ++i) {
    const auto programme = static_cast<v1::CreditProgramme>(programmes->value(i)->number());
    const CreditProgrammeRule* rule = FindCreditProgrammeRule(programme);
    if (programme == v1::CREDIT_PROGRAMME_UNSPECIFIED) {
      EXPECT_EQ(rule, nullptr) << "UNSPECIFIED is no programme";
      continue;
    }
    ASSERT_NE(rule, nullptr) << programmes->value(i)->name() << " has no eligibility rule";
    EXPECT_EQ(rule->programme, programme);
    EXPECT_FALSE(rule->label.empty()) << programmes->value(i)->name();
  }
  EXPECT_EQ(FindCreditProgrammeRule(static_cast<v1::CreditProgramme>(99)), nullptr);
}

TEST(CreditProgrammeTable, WithoutADateOnlyTheStateIsJudged) {
  v1::Case followed;
  followed.set_case_id("CASE-HH-000001-1");
  followed.set_state(v1::CASE_STATE_FOLLOW_UP);
  followed.set_category(v1::POVERTY_CATEGORY_AVERAGE);
  followed.set_follow_up_started_on("2024-03-01");
  EXPECT_EQ(CreditProgrammeMismatch(followed, v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS, std::nullopt),
            std::nullopt);
  followed.clear_follow_up_started_on();
  const std::optional<std::string> no_start = CreditProgrammeMismatch(
      followed, v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS, testkit::D("2025-01-01"));
  ASSERT_TRUE(no_start.has_value());
  EXPECT_THAT(*no_start, HasSubstr("has no follow-up start date"));
}

// --- the fields of a policy loan ---------------------------------------------

struct LoanFieldRow {
  const char* name;
  v1::SupportType type;
  void (*spoil)(v1::RecordSupportRequest*);
  FieldViolations expected;
};

void PrintTo(const LoanFieldRow& row, std::ostream* out) { *out << row.name; }

class LoanFieldsTest : public SupportProgrammesTest, public ::testing::WithParamInterface<LoanFieldRow> {};

TEST_P(LoanFieldsTest, NamesEachBadField) {
  const v1::Case target = CaseOf(Household::kPoor);
  v1::RecordSupportRequest request = Loan(target, v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS);
  if (GetParam().type != v1::SUPPORT_TYPE_POLICY_CREDIT) {
    request.set_type(GetParam().type);
    request.clear_credit_programme();
    request.clear_savings_group();
  }
  GetParam().spoil(&request);
  const Result<CaseChange> change = Record(target, request);
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(change.error().violations, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Fields, LoanFieldsTest,
    ::testing::Values(
        LoanFieldRow{
            "MissingProgramme",
            v1::SUPPORT_TYPE_POLICY_CREDIT,
            [](v1::RecordSupportRequest* r) { r->clear_credit_programme(); },
            {{"credit_programme",
              "is required for policy credit (the VBSP programme: POOR_HOUSEHOLDS, NEAR_POOR_HOUSEHOLDS, "
              "NEWLY_ESCAPED_HOUSEHOLDS, JOB_CREATION, LABOUR_EXPORT, CLEAN_WATER_SANITATION, HOUSING or "
              "STUDENTS)"}}},
        LoanFieldRow{"UnknownProgramme",
                     v1::SUPPORT_TYPE_POLICY_CREDIT,
                     [](v1::RecordSupportRequest* r) {
                       r->set_credit_programme(static_cast<v1::CreditProgramme>(99));
                     },
                     {{"credit_programme", "is not a known programme (got 99)"}}},
        LoanFieldRow{
            "MissingSavingsGroup",
            v1::SUPPORT_TYPE_POLICY_CREDIT,
            [](v1::RecordSupportRequest* r) { r->set_savings_group(" "); },
            {{"savings_group",
              "is required for policy credit (the savings-and-loan group, tổ tiết kiệm và vay vốn, the "
              "loan was made through)"}}},
        LoanFieldRow{"LongSavingsGroup",
                     v1::SUPPORT_TYPE_POLICY_CREDIT,
                     [](v1::RecordSupportRequest* r) { r->set_savings_group(std::string(201, 'T')); },
                     {{"savings_group", "must be at most 200 characters"}}},
        LoanFieldRow{
            "UnknownGroupOrganization",
            v1::SUPPORT_TYPE_POLICY_CREDIT,
            [](v1::RecordSupportRequest* r) { r->set_savings_group_organization_id("no-such-union"); },
            {{"savings_group_organization_id", "names no organization of the ward (got \"no-such-union\")"}}},
        LoanFieldRow{"StateShareOnALoan",
                     v1::SUPPORT_TYPE_POLICY_CREDIT,
                     [](v1::RecordSupportRequest* r) { r->set_state_share_percent(100); },
                     {{"state_share_percent", "applies to health-insurance cards only"}}},
        LoanFieldRow{"LoanFieldsOnTraining",
                     v1::SUPPORT_TYPE_VOCATIONAL_TRAINING,
                     [](v1::RecordSupportRequest* r) {
                       r->set_credit_programme(v1::CREDIT_PROGRAMME_JOB_CREATION);
                       r->set_savings_group("Tổ TK&VV Hội Nông dân");
                       r->set_savings_group_organization_id("farmers-union");
                     },
                     {{"credit_programme", "applies to policy credit only"},
                      {"savings_group", "applies to policy credit only"},
                      {"savings_group_organization_id", "applies to policy credit only"}}},
        LoanFieldRow{
            "EverythingMissingAtOnce",
            v1::SUPPORT_TYPE_POLICY_CREDIT,
            [](v1::RecordSupportRequest* r) {
              r->clear_credit_programme();
              r->clear_savings_group();
              r->set_amount_vnd(0);
            },
            {{"amount_vnd", "is required for policy credit (the loan amount in VND)"},
             {"credit_programme",
              "is required for policy credit (the VBSP programme: POOR_HOUSEHOLDS, NEAR_POOR_HOUSEHOLDS, "
              "NEWLY_ESCAPED_HOUSEHOLDS, JOB_CREATION, LABOUR_EXPORT, CLEAN_WATER_SANITATION, HOUSING or "
              "STUDENTS)"},
             {"savings_group",
              "is required for policy credit (the savings-and-loan group, tổ tiết kiệm và vay vốn, the "
              "loan was made through)"}}}),
    [](const ::testing::TestParamInfo<LoanFieldRow>& info) { return info.param.name; });

TEST_F(SupportProgrammesTest, ALoanKeepsItsProgrammeAndGroup) {
  const v1::Case target = CaseOf(Household::kPoor);
  v1::RecordSupportRequest request = Loan(target, v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS);
  request.set_savings_group_organization_id("womens-union");
  const Result<CaseChange> change = Record(target, request);
  ASSERT_TRUE(change.ok()) << change.error().message;
  const v1::SupportRecord& record = change.value().updated_case.support_records(0);
  EXPECT_EQ(record.credit_programme(), v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS);
  EXPECT_EQ(record.savings_group(), "Tổ TK&VV Hội Phụ nữ TDP-01");
  EXPECT_EQ(record.savings_group_organization_id(), "womens-union");
  EXPECT_FALSE(record.has_state_share_percent());
  const auto& payload = std::get<v1::SupportRecorded>(change.value().events[0].payload);
  EXPECT_EQ(payload.support().SerializeAsString(), record.SerializeAsString());
  const v1::CaseHistoryEntry& entry =
      change.value().updated_case.history(change.value().updated_case.history_size() - 1);
  EXPECT_THAT(entry.detail(), HasSubstr("programme POOR_HOUSEHOLDS through Tổ TK&VV Hội Phụ nữ TDP-01 "
                                        "(womens-union)"));
}

// --- the state's share of a health-insurance card ---------------------------

struct StateShareRow {
  const char* name;
  Household household;
  std::optional<int> percent;
  // Empty when the card is accepted; otherwise the state_share_percent violation.
  const char* refusal;
};

void PrintTo(const StateShareRow& row, std::ostream* out) { *out << row.name; }

class StateShareTest : public SupportProgrammesTest, public ::testing::WithParamInterface<StateShareRow> {};

TEST_P(StateShareTest, ShareDependsOnTheCategory) {
  const StateShareRow& row = GetParam();
  const v1::Case target = CaseOf(row.household);
  const Result<CaseChange> change = Record(target, Card(target, row.percent));
  if (std::string(row.refusal).empty()) {
    ASSERT_TRUE(change.ok()) << change.error().message;
    const v1::SupportRecord& record = change.value().updated_case.support_records(0);
    ASSERT_TRUE(record.has_state_share_percent());
    EXPECT_EQ(record.state_share_percent(), *row.percent);
    return;
  }
  ASSERT_FALSE(change.ok()) << "a " << row.household << " household";
  EXPECT_EQ(change.error().violations, (FieldViolations{{"state_share_percent", row.refusal}}));
}

INSTANTIATE_TEST_SUITE_P(
    Categories, StateShareTest,
    ::testing::Values(
        StateShareRow{"PoorWhole", Household::kPoor, 100, kOk},
        StateShareRow{"PoorPart", Household::kPoor, 99, "must be 100 for a POOR household (got 99)"},
        StateShareRow{"PoorMissing", Household::kPoor, std::nullopt,
                      "is required for a health-insurance card (the share of it the state pays, 0-100)"},
        StateShareRow{"NearPoorFloor", Household::kNearPoor, 70, kOk},
        StateShareRow{"NearPoorWhole", Household::kNearPoor, 100, kOk},
        StateShareRow{"NearPoorBelowFloor", Household::kNearPoor, 69,
                      "must be at least 70 for a NEAR_POOR household (got 69)"},
        StateShareRow{"NearPoorZero", Household::kNearPoor, 0,
                      "must be at least 70 for a NEAR_POOR household (got 0)"},
        StateShareRow{"EscapedNothing", Household::kEscapedPoverty, 0, kOk},
        StateShareRow{"EscapedHalf", Household::kEscapedNearPoverty, 50, kOk},
        StateShareRow{"Negative", Household::kEscapedPoverty, -1,
                      "must be a percentage from 0 to 100 (got -1)"},
        StateShareRow{"OverAHundred", Household::kNearPoor, 101,
                      "must be a percentage from 0 to 100 (got 101)"}),
    [](const ::testing::TestParamInfo<StateShareRow>& info) { return info.param.name; });

TEST(StateShareRule, RangesFollowTheCategory) {
  EXPECT_EQ(ExpectedStateShare(v1::POVERTY_CATEGORY_POOR).min_percent, 100);
  EXPECT_EQ(ExpectedStateShare(v1::POVERTY_CATEGORY_NEAR_POOR).min_percent, 70);
  EXPECT_EQ(ExpectedStateShare(v1::POVERTY_CATEGORY_NEAR_POOR).max_percent, 100);
  EXPECT_EQ(ExpectedStateShare(v1::POVERTY_CATEGORY_AVERAGE).min_percent, 0);
  EXPECT_EQ(ExpectedStateShare(v1::POVERTY_CATEGORY_NOT_POOR).max_percent, 100);
}

// --- needs and the support that answers them --------------------------------

TEST(NeedAnswers, EveryNeedTypeHasASupportTypeThatAnswersIt) {
  const google::protobuf::EnumDescriptor* needs = v1::NeedType_descriptor();
  for (int i = 0; i < needs->value_count(); ++i) {
    const auto need = static_cast<v1::NeedType>(needs->value(i)->number());
    const v1::SupportType answer = SupportTypeAnswering(need);
    if (need == v1::NEED_TYPE_UNSPECIFIED) {
      EXPECT_EQ(answer, v1::SUPPORT_TYPE_UNSPECIFIED);
      continue;
    }
    EXPECT_NE(answer, v1::SUPPORT_TYPE_UNSPECIFIED) << needs->value(i)->name() << " has no answering support";
    EXPECT_TRUE(v1::SupportType_IsValid(answer)) << needs->value(i)->name();
  }
  EXPECT_EQ(SupportTypeAnswering(v1::NEED_TYPE_LABOUR_EXPORT), v1::SUPPORT_TYPE_LABOUR_EXPORT);
  EXPECT_EQ(SupportTypeAnswering(v1::NEED_TYPE_LEGAL_AID), v1::SUPPORT_TYPE_LEGAL_AID);
  EXPECT_EQ(SupportTypeAnswering(v1::NEED_TYPE_ELECTRICITY), v1::SUPPORT_TYPE_ELECTRICITY_SUBSIDY);
  EXPECT_EQ(SupportTypeAnswering(v1::NEED_TYPE_LOAN), v1::SUPPORT_TYPE_POLICY_CREDIT);
}

TEST_F(SupportProgrammesTest, NewNeedTypesAreRecordedAndMetByTheirSupport) {
  v1::Case current = CaseOf(Household::kPoor);
  for (const v1::NeedType type :
       {v1::NEED_TYPE_LABOUR_EXPORT, v1::NEED_TYPE_LEGAL_AID, v1::NEED_TYPE_ELECTRICITY}) {
    v1::RecordNeedRequest need;
    need.set_case_id(current.case_id());
    need.set_type(type);
    need.set_reason("hỏi khi thăm");
    Result<CaseChange> recorded = RecordNeed(current, need, world_.Context(Officer(), kToday));
    ASSERT_TRUE(recorded.ok()) << recorded.error().message;
    current = recorded.value().updated_case;
    const std::string need_id = current.needs(current.needs_size() - 1).need_id();

    v1::RecordSupportRequest support;
    support.set_case_id(current.case_id());
    support.set_type(SupportTypeAnswering(type));
    support.set_provider("UBND phường");
    support.set_delivered_on("2027-05-20");
    support.set_need_id(need_id);
    support.set_marks_need_met(true);
    support.set_reason("đã hỗ trợ");
    Result<CaseChange> met = Record(current, support);
    ASSERT_TRUE(met.ok()) << met.error().message;
    current = met.value().updated_case;
    EXPECT_EQ(current.needs(current.needs_size() - 1).status(), v1::NEED_STATUS_MET) << need_id;
  }
  EXPECT_EQ(current.needs_size(), 3);
}

}  // namespace
}  // namespace ansinh::assignment
