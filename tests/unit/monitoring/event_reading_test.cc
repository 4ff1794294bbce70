// Which timelines an event belongs in: the envelope's household first, then
// every household its payload names, each once however often it is named.
#include "monitoring/adapters/event_reading.h"

#include <google/protobuf/util/time_util.h>

#include "ansinh/v1/livelihood.pb.h"
#include "ansinh/v1/registry.pb.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ansinh/v1/admin_actions.pb.h"
#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/corrections.pb.h"
#include "ansinh/v1/field_options.pb.h"
#include "i18n/embedded_catalogs.h"
#include "i18n/proto/localized_text.h"
#include "monitoring/adapters/event_descriptions.h"

namespace ansinh::monitoring {
namespace {

using ::testing::ElementsAre;

TEST(EventReadingTest, APostingPutsEachNamedHouseholdOnItsTimelineOnce) {
  v1::ResultsPosted posted;
  posted.set_round_id("R-2025");
  for (const char* id : {"HH-2", "HH-1", "HH-3", "HH-1", "HH-2"}) posted.add_household_ids(id);
  v1::EventEnvelope envelope;
  envelope.set_event_id("e-1");
  envelope.set_event_type("classification.results_posted.v1");
  envelope.set_household_id("HH-3");
  envelope.mutable_payload()->PackFrom(posted);

  const ReadOutcome outcome = ReadEvent(envelope);

  ASSERT_TRUE(outcome.ok) << outcome.error;
  EXPECT_THAT(outcome.reading.timeline_households, ElementsAre("HH-3", "HH-2", "HH-1"));
}

TEST(EventReadingTest, APostingOfAProvinceIsReadWhole) {
  // 200,000 households: reading this used to search the list once per name.
  v1::ResultsPosted posted;
  for (int i = 0; i < 200000; ++i) posted.add_household_ids("HH-" + std::to_string(i));
  v1::EventEnvelope envelope;
  envelope.mutable_payload()->PackFrom(posted);

  const ReadOutcome outcome = ReadEvent(envelope);

  ASSERT_EQ(outcome.reading.timeline_households.size(), 200000u);
  EXPECT_EQ(outcome.reading.timeline_households.back(), "HH-199999");
}

// An auditor's read through another service (server/personal_data_reads.h):
// a line in the timeline of every household read, saying who read which
// fields through which RPC.
TEST(EventReadingTest, AnAuditorsReadGoesOnTheTimelineOfEveryHouseholdRead) {
  v1::PersonalDataRead read;
  read.set_rpc("Registry.ListHouseholds");
  for (const char* id : {"HH-1", "HH-2"}) {
    v1::PersonalDataRead::HouseholdFields* household = read.add_households();
    household->set_household_id(id);
    household->add_fields("households.members.national_id");
  }
  read.mutable_households(1)->add_fields("households.address");
  v1::EventEnvelope envelope;
  envelope.set_event_id("e-9");
  envelope.set_event_type("registry.personal_data_read.v1");
  envelope.mutable_actor()->set_role(v1::ROLE_AUDITOR);
  envelope.mutable_actor()->set_name("Ban thanh tra");
  envelope.mutable_payload()->PackFrom(read);

  const ReadOutcome outcome = ReadEvent(envelope);

  ASSERT_TRUE(outcome.ok) << outcome.error;
  EXPECT_TRUE(outcome.reading.facts.empty());
  EXPECT_THAT(outcome.reading.timeline_households, ElementsAre("HH-1", "HH-2"));
  const std::string line = DescribeEvent(envelope).line;
  EXPECT_THAT(line, ::testing::HasSubstr("Personal data read by"));
  EXPECT_THAT(line, ::testing::HasSubstr("Ban thanh tra"));
  EXPECT_THAT(line,
              ::testing::HasSubstr(
                  "through Registry.ListHouseholds: households.address households.members.national_id"));
}

TEST(EventReadingTest, ALoanIsReadWithItsProgrammeAndDescribedWithItsGroup) {
  v1::SupportRecorded recorded;
  recorded.set_case_id("CASE-HH-1-1");
  recorded.set_household_id("HH-1");
  v1::SupportRecord& support = *recorded.mutable_support();
  support.set_support_id("S2");
  support.set_type(v1::SUPPORT_TYPE_POLICY_CREDIT);
  support.set_amount_vnd(50'000'000);
  support.set_provider("VBSP");
  support.set_delivered_on("2026-01-10");
  support.set_credit_programme(v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS);
  support.set_savings_group("Tổ TK&VV Hội Nông dân TDP-07");
  support.set_savings_group_organization_id("farmers-union");
  v1::EventEnvelope envelope;
  envelope.set_event_type("assignment.support_recorded.v1");
  envelope.set_household_id("HH-1");
  envelope.mutable_payload()->PackFrom(recorded);

  const ReadOutcome outcome = ReadEvent(envelope);
  ASSERT_TRUE(outcome.ok) << outcome.error;
  ASSERT_EQ(outcome.reading.facts.size(), 1u);
  const auto* delivery = std::get_if<SupportDelivery>(&outcome.reading.facts[0]);
  ASSERT_NE(delivery, nullptr);
  EXPECT_EQ(delivery->support_id, "CASE-HH-1-1/S2");
  EXPECT_EQ(delivery->credit_programme, v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS);
  EXPECT_EQ(delivery->amount_vnd, 50'000'000);
  EXPECT_EQ(
      DescribeEvent(envelope).line,
      "Support S2 delivered on 2026-01-10: policy credit of 50,000,000 VND from VBSP; near-poor households "
      "programme, through Tổ TK&VV Hội Nông dân TDP-07 (farmers-union)");

  support.Clear();
  support.set_support_id("S3");
  support.set_type(v1::SUPPORT_TYPE_HEALTH_INSURANCE_CARD);
  support.set_provider("BHXH");
  support.set_delivered_on("2026-01-11");
  support.set_state_share_percent(70);
  envelope.mutable_payload()->PackFrom(recorded);
  EXPECT_EQ(DescribeEvent(envelope).line,
            "Support S3 delivered on 2026-01-11: a health insurance card from BHXH; the state pays 70%");
}

// Issue 19: what outcome analytics group by travels with each fact: a
// support's type, source, model, emergency, organization and helper; a
// helper taken on from a day the paper records give; a survey's income; a
// model joined; an emergency that struck.
TEST(EventReadingTest, OutcomeFactsKeepWhatAnalyticsGroupBy) {
  v1::EventEnvelope envelope;
  envelope.set_household_id("HH-1");
  *envelope.mutable_occurred_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(1765000000);

  v1::SupportRecorded recorded;
  recorded.set_case_id("CASE-HH-1-1");
  recorded.set_household_id("HH-1");
  recorded.set_organization_id("farmers-union");
  recorded.set_helper_id("farm-02");
  recorded.mutable_support()->set_support_id("S1");
  recorded.mutable_support()->set_type(v1::SUPPORT_TYPE_EMERGENCY_RELIEF);
  recorded.mutable_support()->set_provider("Ủy ban MTTQ phường");
  recorded.mutable_support()->set_delivered_on("2025-11-02");
  recorded.mutable_support()->set_livelihood_model_id("bo-giong");
  recorded.mutable_support()->set_emergency_id("EMG-2025-1");
  envelope.mutable_payload()->PackFrom(recorded);
  ReadOutcome outcome = ReadEvent(envelope);
  ASSERT_EQ(outcome.reading.facts.size(), 1u);
  const SupportAttribution& attribution = std::get<SupportDelivery>(outcome.reading.facts[0]).attribution;
  EXPECT_EQ(attribution.type, v1::SUPPORT_TYPE_EMERGENCY_RELIEF);
  EXPECT_EQ(attribution.provider, "Ủy ban MTTQ phường");
  EXPECT_EQ(attribution.livelihood_model_id, "bo-giong");
  EXPECT_EQ(attribution.emergency_id, "EMG-2025-1");
  EXPECT_EQ(attribution.case_id, "CASE-HH-1-1");
  EXPECT_EQ(attribution.organization_id, "farmers-union");
  EXPECT_EQ(attribution.helper_id, "farm-02");

  v1::HelperAssigned assigned;
  assigned.set_case_id("CASE-HH-1-1");
  assigned.set_household_id("HH-1");
  assigned.set_helper_id("farm-02");
  assigned.set_assigned_on("2022-01-03");
  envelope.mutable_payload()->PackFrom(assigned);
  outcome = ReadEvent(envelope);
  ASSERT_EQ(outcome.reading.facts.size(), 1u);
  EXPECT_EQ(std::get<HelperAssignment>(outcome.reading.facts[0]).assigned_on, "2022-01-03");
  assigned.clear_assigned_on();
  envelope.mutable_payload()->PackFrom(assigned);
  EXPECT_EQ(std::get<HelperAssignment>(ReadEvent(envelope).reading.facts[0]).assigned_on, "2025-12-06")
      << "an event from before assigned_on: the ward day of occurred_at";

  v1::SurveyRecorded surveyed;
  surveyed.mutable_survey()->set_household_id("HH-1");
  surveyed.mutable_survey()->set_survey_id("SV-1");
  surveyed.mutable_survey()->set_survey_date("2025-11-05");
  surveyed.mutable_survey()->set_has_income_per_capita(true);
  surveyed.mutable_survey()->set_income_per_capita_vnd(1'650'000);
  envelope.mutable_payload()->PackFrom(surveyed);
  outcome = ReadEvent(envelope);
  ASSERT_EQ(outcome.reading.facts.size(), 1u);
  EXPECT_EQ(std::get<SurveyIncomeFact>(outcome.reading.facts[0]).income_per_capita_vnd, 1'650'000);
  surveyed.mutable_survey()->clear_has_income_per_capita();
  envelope.mutable_payload()->PackFrom(surveyed);
  EXPECT_TRUE(ReadEvent(envelope).reading.facts.empty())
      << "a survey without a measured income (or still sealed)";

  v1::ModelParticipationChanged joined;
  joined.set_case_id("CASE-HH-1-1");
  joined.set_household_id("HH-1");
  joined.set_helper_id("farm-02");
  joined.mutable_participation()->set_model_id("bo-giong");
  joined.mutable_participation()->set_joined_on("2022-02-01");
  envelope.mutable_payload()->PackFrom(joined);
  outcome = ReadEvent(envelope);
  ASSERT_EQ(outcome.reading.facts.size(), 1u);
  EXPECT_EQ(std::get<ModelParticipationFact>(outcome.reading.facts[0]).model_id, "bo-giong");

  v1::EmergencyChanged declared;
  declared.mutable_emergency()->set_emergency_id("EMG-2025-1");
  envelope.mutable_payload()->PackFrom(declared);
  outcome = ReadEvent(envelope);
  ASSERT_TRUE(outcome.reading.emergency.has_value());
  EXPECT_EQ(outcome.reading.emergency->emergency_id(), "EMG-2025-1");
}

// Each line travels as a catalog message too (docs/i18n.md): rendered from
// locales/en.json it must read as the line itself.
TEST(EventReadingTest, TheEnglishCatalogWordsTheListAndSupportLinesAsTheyAreWritten) {
  Result<i18n::Translator> english = i18n::MakeTranslator(i18n::Language::kEnglish);
  ASSERT_TRUE(english.ok()) << english.error().message;
  std::vector<v1::EventEnvelope> events;
  const auto add = [&events](const google::protobuf::Message& payload) {
    v1::EventEnvelope envelope;
    envelope.set_household_id("HH-1");
    envelope.mutable_payload()->PackFrom(payload);
    events.push_back(std::move(envelope));
  };

  v1::RoundApproved approved;
  approved.set_round_id("R-2025");
  approved.set_review_year(2025);
  approved.set_kind(v1::REVIEW_KIND_PERIODIC);
  approved.set_approved_by("officer-1");
  approved.set_approved_date("2025-12-10");
  approved.add_approved_household_ids("HH-1");
  add(approved);
  approved.set_decision_number("125/QĐ-UBND");
  v1::Exclusion* carried = approved.add_exclusions();
  carried->set_household_id("HH-2");
  carried->set_reason("in hospital");
  carried->set_decision(v1::LIST_DECISION_KIND_CARRIED_OVER);
  v1::Exclusion* left_out = approved.add_exclusions();
  left_out->set_household_id("HH-3");
  left_out->set_reason("survey to be corrected");
  add(approved);

  v1::HouseholdListed listed;
  listed.set_round_id("R-2025");
  listed.set_household_id("HH-1");
  listed.set_reason(v1::LIST_REASON_ADDED);
  listed.set_note("reported by the group leader");
  add(listed);
  listed.set_reason(v1::LIST_REASON_POOR);
  listed.clear_note();
  add(listed);

  v1::ListDecisionRecorded decided;
  decided.set_round_id("R-2025");
  decided.set_household_id("HH-1");
  decided.mutable_decision()->set_kind(v1::LIST_DECISION_KIND_MOVED_AWAY);
  decided.mutable_decision()->set_reason("moved to Đà Nẵng");
  decided.mutable_decision()->set_decided_on("2025-11-02");
  add(decided);

  v1::SupportRecorded recorded;
  recorded.set_case_id("CASE-HH-1-1");
  recorded.set_household_id("HH-1");
  v1::SupportRecord& support = *recorded.mutable_support();
  support.set_support_id("S2");
  support.set_type(v1::SUPPORT_TYPE_POLICY_CREDIT);
  support.set_amount_vnd(50'000'000);
  support.set_provider("VBSP");
  support.set_delivered_on("2026-01-10");
  support.set_credit_programme(v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS);
  support.set_savings_group("Tổ TK&VV Hội Nông dân TDP-07");
  support.set_savings_group_organization_id("farmers-union");
  add(recorded);
  support.clear_credit_programme();
  support.clear_savings_group_organization_id();
  add(recorded);
  support.Clear();
  support.set_support_id("S3");
  support.set_type(v1::SUPPORT_TYPE_HEALTH_INSURANCE_CARD);
  support.set_provider("BHXH");
  support.set_delivered_on("2026-01-11");
  support.set_state_share_percent(70);
  support.set_need_id("N1");
  add(recorded);

  // An administrative action about a household (docs/security.md), with and
  // without a reason.
  v1::AdminActionRecorded action;
  action.set_action("household.erased");
  action.set_subject_type("household");
  action.set_subject_id("HH-1");
  add(action);
  action.set_reason("the retention period ended");
  add(action);
  EXPECT_EQ(DescribeEvent(events.back()).line,
            "Administrative action household.erased on household HH-1: the retention period ended");

  for (const v1::EventEnvelope& event : events) {
    const EventDescription description = DescribeEvent(event);
    ASSERT_FALSE(description.text.key().empty()) << description.line;
    EXPECT_EQ(english->Text(i18n::FromProto(description.text)), description.line);
  }
}

}  // namespace
}  // namespace ansinh::monitoring

namespace ansinh::monitoring {
namespace {

// A correction request's three lines, in English as written and in
// Vietnamese with the field in words and the dates of the ward.
TEST(EventReadingTest, CorrectionRequestLinesReadInBothLanguages) {
  Result<i18n::Translator> english = i18n::MakeTranslator(i18n::Language::kEnglish);
  Result<i18n::Translator> vietnamese = i18n::MakeTranslator(i18n::Language::kVietnamese);
  ASSERT_TRUE(english.ok() && vietnamese.ok());
  v1::CorrectionRequest request;
  request.set_request_id("HH-000007-C1");
  request.set_household_id("HH-000007");
  request.set_member_id("M2");
  request.set_field("date_of_birth");
  request.set_requested_value("1982-09-10");
  request.set_reason("sai so với CCCD");
  request.set_requested_by("Đỗ Thị Hạnh");
  request.set_received_date("2026-03-02");
  request.set_household_version(4);
  request.set_rejection_reason("giấy khai sinh ghi đúng");
  v1::CorrectionRequested requested;
  *requested.mutable_request() = request;
  v1::CorrectionAccepted accepted;
  *accepted.mutable_request() = request;
  v1::CorrectionRejected rejected;
  *rejected.mutable_request() = request;
  std::vector<std::string> vietnamese_lines;
  for (const google::protobuf::Message* payload :
       std::initializer_list<const google::protobuf::Message*>{&requested, &accepted, &rejected}) {
    v1::EventEnvelope event;
    event.set_household_id("HH-000007");
    event.mutable_payload()->PackFrom(*payload);
    const EventDescription description = DescribeEvent(event);
    // The line names the field as the API does; the catalog in words.
    EXPECT_THAT(description.line, ::testing::HasSubstr("date_of_birth of member M2"));
    EXPECT_THAT(english->Text(i18n::FromProto(description.text)),
                ::testing::HasSubstr("HH-000007-C1 " +
                                     std::string(payload == &requested  ? "requested by Đỗ Thị Hạnh: "
                                                 : payload == &accepted ? "accepted: "
                                                                        : "rejected: ") +
                                     "date of birth of member M2"));
    vietnamese_lines.push_back(vietnamese->Text(i18n::FromProto(description.text)));
  }
  EXPECT_EQ(vietnamese_lines[0],
            "Yêu cầu chỉnh sửa thông tin HH-000007-C1 của Đỗ Thị Hạnh: ngày sinh của thành viên M2 thành "
            "“1982-09-10”, nhận ngày 02/03/2026: sai so với CCCD");
  EXPECT_EQ(vietnamese_lines[1],
            "Chấp nhận yêu cầu chỉnh sửa HH-000007-C1: ngày sinh của thành viên M2 nay là “1982-09-10” "
            "(phiên bản hồ sơ 4)");
  EXPECT_EQ(vietnamese_lines[2],
            "Từ chối yêu cầu chỉnh sửa HH-000007-C1: ngày sinh của thành viên M2 giữ nguyên: giấy khai sinh "
            "ghi đúng");
}

}  // namespace
}  // namespace ansinh::monitoring
