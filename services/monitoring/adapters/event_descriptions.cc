#include "monitoring/adapters/event_descriptions.h"

#include <optional>
#include <set>

#include "ansinh/v1/admin_actions.pb.h"
#include "ansinh/v1/field_options.pb.h"
#include "i18n/proto/localized_text.h"
#include "monitoring/adapters/payload_visitor.h"

namespace ansinh::monitoring {
namespace {

std::string NeedTypeWords(v1::NeedType type) {
  switch (type) {
    case v1::NEED_TYPE_LOAN:
      return "a loan";
    case v1::NEED_TYPE_VOCATIONAL_TRAINING:
      return "vocational training";
    case v1::NEED_TYPE_JOB_PLACEMENT:
      return "job placement";
    case v1::NEED_TYPE_HEALTH_INSURANCE:
      return "health insurance";
    case v1::NEED_TYPE_HOUSING:
      return "housing";
    case v1::NEED_TYPE_LIVELIHOOD:
      return "a livelihood";
    case v1::NEED_TYPE_TUITION:
      return "tuition";
    case v1::NEED_TYPE_CLEAN_WATER_SANITATION:
      return "clean water and sanitation";
    case v1::NEED_TYPE_OTHER:
      return "other support";
    case v1::NEED_TYPE_LABOUR_EXPORT:
      return "work abroad";
    case v1::NEED_TYPE_LEGAL_AID:
      return "legal aid";
    case v1::NEED_TYPE_ELECTRICITY:
      return "electricity";
    default:
      return "an unspecified need";
  }
}

// The VBSP programme of a loan; empty when the loan names none.
std::string CreditProgrammeWords(v1::CreditProgramme programme) {
  switch (programme) {
    case v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS:
      return "poor households programme";
    case v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS:
      return "near-poor households programme";
    case v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS:
      return "newly escaped households programme";
    case v1::CREDIT_PROGRAMME_JOB_CREATION:
      return "job creation programme";
    case v1::CREDIT_PROGRAMME_LABOUR_EXPORT:
      return "work abroad programme";
    case v1::CREDIT_PROGRAMME_CLEAN_WATER_SANITATION:
      return "clean water and sanitation programme";
    case v1::CREDIT_PROGRAMME_HOUSING:
      return "housing programme";
    case v1::CREDIT_PROGRAMME_STUDENTS:
      return "student loans programme";
    default:
      return "";
  }
}

// "; poor households programme, through Tổ TK&VV ... (womens-union)" for a
// loan, "; the state pays 100%" for a card; empty when the record carries neither.
std::string SupportFacts(const v1::SupportRecord& support) {
  std::string facts;
  const std::string programme = CreditProgrammeWords(support.credit_programme());
  if (!programme.empty()) facts += "; " + programme;
  if (!support.savings_group().empty()) {
    facts += (programme.empty() ? "; " : ", ") + std::string("through ") + support.savings_group();
    if (!support.savings_group_organization_id().empty()) {
      facts += " (" + support.savings_group_organization_id() + ")";
    }
  }
  if (support.has_state_share_percent()) {
    facts += "; the state pays " + std::to_string(support.state_share_percent()) + "%";
  }
  return facts;
}

std::string NeedStatusWords(v1::NeedStatus status) {
  switch (status) {
    case v1::NEED_STATUS_OPEN:
      return "open";
    case v1::NEED_STATUS_MET:
      return "met";
    case v1::NEED_STATUS_NO_LONGER_NEEDED:
      return "no longer needed";
    default:
      return "unspecified";
  }
}

std::string SupportTypeWords(v1::SupportType type) {
  switch (type) {
    case v1::SUPPORT_TYPE_POLICY_CREDIT:
      return "policy credit";
    case v1::SUPPORT_TYPE_VOCATIONAL_TRAINING:
      return "vocational training";
    case v1::SUPPORT_TYPE_JOB_PLACEMENT:
      return "job placement";
    case v1::SUPPORT_TYPE_LABOUR_EXPORT:
      return "labour export";
    case v1::SUPPORT_TYPE_HEALTH_INSURANCE_CARD:
      return "a health insurance card";
    case v1::SUPPORT_TYPE_TUITION_EXEMPTION:
      return "tuition exemption";
    case v1::SUPPORT_TYPE_HOUSING:
      return "housing build or repair";
    case v1::SUPPORT_TYPE_ELECTRICITY_SUBSIDY:
      return "an electricity subsidy";
    case v1::SUPPORT_TYPE_LIVELIHOOD_ASSETS:
      return "livelihood assets";
    case v1::SUPPORT_TYPE_CLEAN_WATER_SANITATION:
      return "clean water and sanitation";
    case v1::SUPPORT_TYPE_LEGAL_AID:
      return "legal aid";
    case v1::SUPPORT_TYPE_INFORMATION_ACCESS:
      return "information access";
    case v1::SUPPORT_TYPE_EMERGENCY_RELIEF:
      return "emergency relief";
    case v1::SUPPORT_TYPE_FUND_FOR_THE_POOR_GIFT:
      return "a Fund for the Poor gift";
    case v1::SUPPORT_TYPE_OTHER:
      return "other support";
    default:
      return "unspecified support";
  }
}

std::string ObservedChangeWords(v1::ObservedChange change) {
  switch (change) {
    case v1::OBSERVED_CHANGE_IMPROVED:
      return "improved";
    case v1::OBSERVED_CHANGE_NO_CHANGE:
      return "no change";
    case v1::OBSERVED_CHANGE_WORSENED:
      return "worsened";
    default:
      return "";
  }
}

std::string CaseStateWords(v1::CaseState state) {
  switch (state) {
    case v1::CASE_STATE_OPEN:
      return "open";
    case v1::CASE_STATE_FOLLOW_UP:
      return "in follow-up";
    case v1::CASE_STATE_CLOSED:
      return "closed";
    default:
      return "unspecified";
  }
}

std::string ReviewStateWords(v1::HouseholdReviewState state) {
  switch (state) {
    case v1::HOUSEHOLD_REVIEW_STATE_PROPOSED:
      return "proposed";
    case v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED:
      return "agreed by the meeting";
    case v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK:
      return "sent back for a new survey";
    case v1::HOUSEHOLD_REVIEW_STATE_POSTED:
      return "posted";
    case v1::HOUSEHOLD_REVIEW_STATE_COMPLAINED:
      return "under re-check after a complaint";
    case v1::HOUSEHOLD_REVIEW_STATE_APPROVED:
      return "approved";
    case v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED:
      return "left out of the approval";
    case v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE:
      return "waiting for a corrected survey";
    case v1::HOUSEHOLD_REVIEW_STATE_LISTED:
      return "on the list, awaiting a survey";
    case v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED:
      return "on the list, decided without a survey";
    default:
      return "unspecified";
  }
}

std::string ListReasonWords(v1::ListReason reason) {
  switch (reason) {
    case v1::LIST_REASON_POOR:
      return "officially poor";
    case v1::LIST_REASON_NEAR_POOR:
      return "officially near-poor";
    case v1::LIST_REASON_APPLIED:
      return "applied to be assessed";
    case v1::LIST_REASON_ADDED:
      return "added by an officer";
    default:
      return "surveyed";
  }
}

std::string ListDecisionWords(v1::ListDecisionKind kind) {
  switch (kind) {
    case v1::LIST_DECISION_KIND_MOVED_AWAY:
      return "moved away";
    case v1::LIST_DECISION_KIND_DISSOLVED:
      return "dissolved";
    case v1::LIST_DECISION_KIND_CARRIED_OVER:
      return "carried over without a survey";
    default:
      return "left out";
  }
}

std::string ReviewKindWords(v1::ReviewKind kind) {
  switch (kind) {
    case v1::REVIEW_KIND_PERIODIC:
      return "Periodic review";
    case v1::REVIEW_KIND_REGULAR:
      return "Regular review";
    default:
      return "Review";
  }
}

// 50000000 -> "50,000,000".
std::string GroupedDigits(long long value) {
  const bool negative = value < 0;
  std::string digits = std::to_string(negative ? -value : value);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return negative ? "-" + grouped : grouped;
}

// ": why" when there is a reason, nothing otherwise.
std::string Because(const std::string& reason) { return reason.empty() ? "" : ": " + reason; }

std::string Parenthesized(const std::string& text) { return text.empty() ? "" : " (" + text + ")"; }

std::string OrganizationWords(const std::string& organization_id) {
  return organization_id.empty() ? "no organization" : organization_id;
}

using i18n::EnumArg;
using i18n::Localized;
using Text = v1::LocalizedText;

// An optional part of a message: the list argument `name` of `text`, with
// `part` as its one item when `present`, empty otherwise (a template shows
// an empty list as nothing).
void Part(Text& text, const std::string& name, bool present, Text part) {
  i18n::TextListOf(text, name);
  if (present) i18n::AddText(text, name, std::move(part));
}

// Because(reason) and Parenthesized(text) as optional parts.
void BecausePart(Text& text, const std::string& reason) {
  Part(text, "because", !reason.empty(), Localized("event.part.because", {{"reason", reason}}));
}
void ParenthesizedPart(Text& text, const std::string& name, const std::string& inside) {
  Part(text, name, !inside.empty(), Localized("event.part.parenthesized", {{"text", inside}}));
}

// SupportFacts(support) as the list argument "facts" (joined with nothing).
void SupportFactsParts(Text& text, const v1::SupportRecord& support) {
  i18n::TextListOf(text, "facts");
  const bool programme = support.credit_programme() != v1::CREDIT_PROGRAMME_UNSPECIFIED;
  if (programme) {
    i18n::AddText(
        text, "facts",
        Localized("event.part.credit_programme", {{"programme", EnumArg(support.credit_programme())}}));
  }
  if (!support.savings_group().empty()) {
    Text through = Localized(programme ? "event.part.through_group" : "event.part.through_group_first",
                             {{"group", support.savings_group()}});
    ParenthesizedPart(through, "organization", support.savings_group_organization_id());
    i18n::AddText(text, "facts", std::move(through));
  }
  if (support.has_state_share_percent()) {
    i18n::AddText(text, "facts",
                  Localized("event.part.state_share", {{"percent", support.state_share_percent()}}));
  }
}

// One overload per known payload; each sets the line and the same line as a
// catalog message (docs/i18n.md), so clients word it in their user's language.
class Describer {
 public:
  // --- registry ---
  void operator()(const v1::HouseholdRegistered& p) {
    const v1::Household& household = p.household();
    std::string head;
    for (const v1::Member& member : household.members()) {
      if (member.member_id() == household.head_member_id()) head = member.full_name();
    }
    line_ = "Household registered" + Parenthesized(household.code()) + " in " +
            household.residential_group() + " with " + std::to_string(household.members_size()) +
            (household.members_size() == 1 ? " member" : " members") + (head.empty() ? "" : "; head " + head);
    text_ = Localized("event.household_registered",
                      {{"group", household.residential_group()}, {"members", household.members_size()}});
    ParenthesizedPart(text_, "code", household.code());
    Part(text_, "head", !head.empty(), Localized("event.part.head", {{"name", head}}));
  }
  void operator()(const v1::HouseholdUpdated& p) {
    std::string changes;
    Text changed = Localized("event.part.changes");
    for (const std::string& field : p.changed_fields()) {
      if (!changes.empty()) changes += ", ";
      if (field == "residential_group") {
        changes += "residential group " + p.previous_residential_group() + " -> " +
                   p.household().residential_group();
        i18n::AddText(
            changed, "items",
            Localized("event.changed.residential_group",
                      {{"from", p.previous_residential_group()}, {"to", p.household().residential_group()}}));
      } else if (field == "address") {
        changes += "address now " + p.household().address();
        i18n::AddText(changed, "items",
                      Localized("event.changed.address", {{"address", p.household().address()}}));
      } else if (field == "head_member_id") {
        changes += "head of household now " + p.household().head_member_id();
        i18n::AddText(changed, "items",
                      Localized("event.changed.head", {{"member", p.household().head_member_id()}}));
      } else {
        changes += field;
        i18n::AddText(changed, "items", Localized("event.changed.field", {{"field", field}}));
      }
    }
    line_ = "Household details changed" + Because(changes);
    text_ = Localized("event.household_updated");
    Part(text_, "changes", !changes.empty(), std::move(changed));
  }
  void operator()(const v1::MemberAdded& p) {
    line_ = "Member " + p.member().full_name() + Parenthesized(p.member().member_id()) + " added";
    MemberText("event.member_added", p.member());
  }
  void operator()(const v1::MemberUpdated& p) {
    line_ = "Member " + p.member().full_name() + Parenthesized(p.member().member_id()) + " updated";
    MemberText("event.member_updated", p.member());
  }
  void operator()(const v1::MemberRemoved& p) {
    line_ = "Member " + p.member().full_name() + Parenthesized(p.member().member_id()) + " removed" +
            Because(p.reason());
    MemberText("event.member_removed", p.member());
    BecausePart(text_, p.reason());
  }
  // A correction request names the field and, for a member's, the member
  // by id (the line of a member's own export, monitoring/core/member_history.h).
  void operator()(const v1::CorrectionRequested& p) {
    const v1::CorrectionRequest& request = p.request();
    line_ = "Correction " + request.request_id() + " requested by " + request.requested_by() + ": " +
            request.field() + MemberWords(request) + " to \"" + request.requested_value() + "\", received " +
            request.received_date() + Because(request.reason());
    text_ = Localized("event.correction_requested", {{"request", request.request_id()},
                                                     {"by", request.requested_by()},
                                                     {"value", request.requested_value()},
                                                     {"date", request.received_date()}});
    CorrectionParts(request);
    BecausePart(text_, request.reason());
  }
  void operator()(const v1::CorrectionAccepted& p) {
    const v1::CorrectionRequest& request = p.request();
    line_ = "Correction " + request.request_id() + " accepted: " + request.field() + MemberWords(request) +
            " is now \"" + request.requested_value() + "\" (household version " +
            std::to_string(request.household_version()) + ")";
    text_ = Localized("event.correction_accepted", {{"request", request.request_id()},
                                                    {"value", request.requested_value()},
                                                    {"version", request.household_version()}});
    CorrectionParts(request);
  }
  void operator()(const v1::CorrectionRejected& p) {
    const v1::CorrectionRequest& request = p.request();
    line_ = "Correction " + request.request_id() + " rejected: " + request.field() + MemberWords(request) +
            " stays as it was" + Because(request.rejection_reason());
    text_ = Localized("event.correction_rejected", {{"request", request.request_id()}});
    CorrectionParts(request);
    BecausePart(text_, request.rejection_reason());
  }
  void operator()(const v1::SurveyRecorded& p) {
    const v1::Survey& survey = p.survey();
    line_ = "Survey " + survey.survey_id() + " recorded for review year " +
            std::to_string(survey.review_year()) +
            (survey.survey_date().empty() ? "" : ", taken on " + survey.survey_date()) +
            (survey.surveyor().empty() ? "" : " by " + survey.surveyor()) +
            (survey.corrects_survey_id().empty() ? "" : "; corrects " + survey.corrects_survey_id());
    text_ =
        Localized("event.survey_recorded", {{"survey", survey.survey_id()}, {"year", survey.review_year()}});
    Part(text_, "taken_on", !survey.survey_date().empty(),
         Localized("event.part.taken_on", {{"date", survey.survey_date()}}));
    Part(text_, "surveyor", !survey.surveyor().empty(),
         Localized("event.part.by", {{"name", survey.surveyor()}}));
    Part(text_, "corrects", !survey.corrects_survey_id().empty(),
         Localized("event.part.corrects", {{"survey", survey.corrects_survey_id()}}));
  }
  void operator()(const v1::HouseholdMovedOut& p) {
    line_ = "Household moved out of the ward" + Because(p.reason());
    text_ = Localized("event.household_moved_out");
    BecausePart(text_, p.reason());
  }
  void operator()(const v1::HouseholdDissolved& p) {
    line_ = "Household dissolved" + Because(p.reason());
    text_ = Localized("event.household_dissolved");
    BecausePart(text_, p.reason());
  }
  void operator()(const v1::HouseholdErased& p) {
    if (!p.member_id().empty()) {
      line_ = "Personal data of former member " + p.member_id() + " erased" +
              Parenthesized(p.erasure().reference());
      text_ = Localized("event.member_erased", {{"member", p.member_id()}});
      ParenthesizedPart(text_, "reference", p.erasure().reference());
      return;
    }
    const bool retention = p.erasure().reason() == v1::ERASURE_REASON_RETENTION_ENDED;
    line_ = std::string("Personal data erased ") +
            (retention ? "as its retention period ended" : "on request") +
            Parenthesized(p.erasure().reference());
    text_ = Localized(retention ? "event.household_erased_retention" : "event.household_erased_request");
    ParenthesizedPart(text_, "reference", p.erasure().reference());
  }

  // --- classification ---
  void operator()(const v1::ReviewRoundOpened& p) {
    const v1::ReviewRound& round = p.round();
    line_ = ReviewKindWords(round.kind()) + " " + round.round_id() + " opened for review year " +
            std::to_string(round.review_year()) +
            (round.deadline_date().empty() ? "" : "; decision due by " + round.deadline_date());
    text_ = Localized(
        "event.review_round_opened",
        {{"kind", EnumArg(round.kind())}, {"round", round.round_id()}, {"year", round.review_year()}});
    Part(text_, "deadline", !round.deadline_date().empty(),
         Localized("event.part.decision_due", {{"date", round.deadline_date()}}));
  }
  void operator()(const v1::SurveyClassified& p) {
    const v1::ClassificationResult& result = p.result();
    line_ = "Survey " + p.survey_id() + " classified in " + p.round_id() + ": proposed " +
            CategoryWords(result.category()) + ", " + std::to_string(result.deprivation_count()) + " of " +
            std::to_string(result.indicators_size()) + " indicators deprived" +
            (result.without_labour_capacity() ? ", without labour capacity" : "") + " (" +
            result.standard_id() + ")";
    text_ = Localized(result.without_labour_capacity() ? "event.survey_classified_without_labour_capacity"
                                                       : "event.survey_classified",
                      {{"survey", p.survey_id()},
                       {"round", p.round_id()},
                       {"category", EnumArg(result.category())},
                       {"count", result.deprivation_count()},
                       {"indicators", result.indicators_size()},
                       {"standard", result.standard_id()}});
  }
  void operator()(const v1::SurveyUnclassifiable& p) {
    std::string problems;
    Text problem_list = Localized("event.part.problems");
    for (const v1::SurveyProblem& problem : p.problems()) {
      problems += (problems.empty() ? "" : "; ") + problem.field() + " " + problem.description();
      Text item = Localized("problem.field", {{"field", problem.field()}});
      i18n::AddText(item, "description",
                    problem.description_text().key().empty()
                        ? Localized("problem.as_written", {{"text", problem.description()}})
                        : problem.description_text());
      i18n::AddText(problem_list, "items", std::move(item));
    }
    line_ = "Survey " + p.survey_id() + " could not be classified in " + p.round_id() + Because(p.reason()) +
            (problems.empty() ? "" : " (" + problems + ")") + "; a corrected survey is needed";
    text_ = Localized("event.survey_unclassifiable", {{"survey", p.survey_id()}, {"round", p.round_id()}});
    BecausePart(text_, p.reason());
    Part(text_, "problems", !problems.empty(), std::move(problem_list));
  }
  void operator()(const v1::MeetingRecorded& p) {
    const v1::MeetingResult& meeting = p.meeting();
    line_ =
        "Residential-group meeting on " + meeting.meeting_date() + " in " + p.round_id() + ": " +
        std::to_string(meeting.agreed()) + " of " + std::to_string(meeting.attendees()) + " agreed, " +
        ReviewStateWords(p.state()) +
        Parenthesized(meeting.minutes_reference().empty() ? "" : "minutes " + meeting.minutes_reference());
    text_ = Localized("event.meeting_recorded", {{"date", meeting.meeting_date()},
                                                 {"round", p.round_id()},
                                                 {"agreed", meeting.agreed()},
                                                 {"attendees", meeting.attendees()},
                                                 {"state", EnumArg(p.state())}});
    Part(text_, "minutes", !meeting.minutes_reference().empty(),
         Localized("event.part.minutes", {{"minutes", meeting.minutes_reference()}}));
  }
  void operator()(const v1::ResultsPosted& p) {
    line_ = "Results of " + p.round_id() + " posted publicly on " + p.posted_date() +
            "; complaints accepted until " + p.complaint_window_closes();
    text_ = Localized(
        "event.results_posted",
        {{"round", p.round_id()}, {"date", p.posted_date()}, {"closes", p.complaint_window_closes()}});
  }
  void operator()(const v1::ComplaintFiled& p) {
    const v1::Complaint& complaint = p.complaint();
    line_ = "Complaint from " + complaint.complainant() + " received " + complaint.received_date() + " in " +
            p.round_id() + Because(complaint.content()) + "; the result will be re-checked";
    text_ = Localized("event.complaint_filed", {{"complainant", complaint.complainant()},
                                                {"date", complaint.received_date()},
                                                {"round", p.round_id()}});
    BecausePart(text_, complaint.content());
  }
  void operator()(const v1::RoundApproved& p) {
    line_ = ReviewKindWords(p.kind()) + " " + p.round_id() + " (review year " +
            std::to_string(p.review_year()) + ") approved by " + p.approved_by() + " on " +
            p.approved_date() + (p.decision_number().empty() ? "" : ", decision " + p.decision_number()) +
            ": " + std::to_string(p.approved_household_ids_size()) + " households approved";
    text_ = Localized("event.round_approved", {{"kind", EnumArg(p.kind())},
                                               {"round", p.round_id()},
                                               {"year", p.review_year()},
                                               {"by", p.approved_by()},
                                               {"date", p.approved_date()},
                                               {"count", p.approved_household_ids_size()}});
    Part(text_, "decision", !p.decision_number().empty(),
         Localized("event.part.decision", {{"decision", p.decision_number()}}));
    i18n::TextListOf(text_, "exclusions");
    for (const v1::Exclusion& exclusion : p.exclusions()) {
      line_ += "; " + exclusion.household_id() + " " + ListDecisionWords(exclusion.decision()) +
               Because(exclusion.reason());
      Text left_out = Localized("event.part.left_out", {{"household", exclusion.household_id()},
                                                        {"decision", EnumArg(exclusion.decision())}});
      BecausePart(left_out, exclusion.reason());
      i18n::AddText(text_, "exclusions", std::move(left_out));
    }
  }
  void operator()(const v1::HouseholdListed& p) {
    line_ =
        "Put on the list of " + p.round_id() + " (" + ListReasonWords(p.reason()) + ")" + Because(p.note());
    text_ = Localized("event.household_listed", {{"round", p.round_id()}, {"reason", EnumArg(p.reason())}});
    BecausePart(text_, p.note());
  }
  void operator()(const v1::ListDecisionRecorded& p) {
    const v1::ListDecision& decision = p.decision();
    line_ = "Not surveyed in " + p.round_id() + ", decided on " + decision.decided_on() + ": " +
            ListDecisionWords(decision.kind()) + Because(decision.reason());
    text_ = Localized(
        "event.list_decision_recorded",
        {{"round", p.round_id()}, {"date", decision.decided_on()}, {"decision", EnumArg(decision.kind())}});
    BecausePart(text_, decision.reason());
  }
  void operator()(const v1::HouseholdStatusChanged& p) {
    line_ = "Official status " + CategoryWords(p.category()) + " (" + TransitionWords(p.transition()) +
            (p.previous_category() == v1::POVERTY_CATEGORY_UNSPECIFIED
                 ? ""
                 : ", was " + CategoryWords(p.previous_category())) +
            ") for review year " + std::to_string(p.review_year()) + ", approved " + p.approved_date() +
            " in " + p.round_id() + "; " + std::to_string(p.deprivation_count()) + " indicators deprived" +
            (p.without_labour_capacity() ? "; without labour capacity" : "");
    text_ = Localized("event.status_changed", {{"category", EnumArg(p.category())},
                                               {"transition", TransitionArg(p.transition())},
                                               {"year", p.review_year()},
                                               {"date", p.approved_date()},
                                               {"round", p.round_id()},
                                               {"count", p.deprivation_count()}});
    Part(text_, "previous", p.previous_category() != v1::POVERTY_CATEGORY_UNSPECIFIED,
         Localized("event.part.was", {{"category", EnumArg(p.previous_category())}}));
    Part(text_, "labour", p.without_labour_capacity(), Localized("event.part.without_labour_capacity"));
  }

  // --- assignment ---
  void operator()(const v1::CaseOpened& p) {
    line_ = "Case " + p.case_id() + " opened on " + p.opened_on() + " (" + CategoryWords(p.category()) +
            ", " + TransitionWords(p.transition()) + "); responsible organization " +
            OrganizationWords(p.organization_id()) +
            (p.previous_case_id().empty() ? "" : "; follows " + p.previous_case_id());
    text_ = Localized("event.case_opened", {{"case", p.case_id()},
                                            {"date", p.opened_on()},
                                            {"category", EnumArg(p.category())},
                                            {"transition", TransitionArg(p.transition())}});
    OrganizationPart(text_, p.organization_id());
    Part(text_, "follows", !p.previous_case_id().empty(),
         Localized("event.part.follows", {{"case", p.previous_case_id()}}));
  }
  void operator()(const v1::OrganizationAssigned& p) {
    line_ = "Responsible organization " + OrganizationWords(p.organization_id()) +
            (p.previous_organization_id().empty() ? "" : " (was " + p.previous_organization_id() + ")") +
            Because(p.reason());
    text_ = Localized("event.organization_assigned");
    OrganizationPart(text_, p.organization_id());
    Part(text_, "previous", !p.previous_organization_id().empty(),
         Localized("event.part.was_organization", {{"organization", p.previous_organization_id()}}));
    BecausePart(text_, p.reason());
  }
  void operator()(const v1::HelperAssigned& p) {
    line_ = "Helper " + p.helper_name() + Parenthesized(p.helper_id()) + " of " + p.organization_id() +
            " assigned" + (p.previous_helper_id().empty() ? "" : ", replacing " + p.previous_helper_id()) +
            Because(p.reason());
    text_ = Localized("event.helper_assigned",
                      {{"name", p.helper_name()}, {"organization", p.organization_id()}});
    ParenthesizedPart(text_, "helper", p.helper_id());
    Part(text_, "replacing", !p.previous_helper_id().empty(),
         Localized("event.part.replacing", {{"helper", p.previous_helper_id()}}));
    BecausePart(text_, p.reason());
  }
  void operator()(const v1::CaseTransferRequested& p) {
    line_ = "Transfer of the case from " + p.from_organization_id() + " to " + p.to_organization_id() +
            " requested" + Because(p.reason());
    text_ = Localized("event.transfer_requested",
                      {{"from", p.from_organization_id()}, {"to", p.to_organization_id()}});
    BecausePart(text_, p.reason());
  }
  void operator()(const v1::CaseTransferred& p) {
    line_ = "Case transferred from " + p.from_organization_id() + " to " + p.to_organization_id() +
            Because(p.reason()) +
            (p.previous_helper_id().empty() ? "" : "; helper " + p.previous_helper_id() + " released");
    text_ = Localized("event.case_transferred",
                      {{"from", p.from_organization_id()}, {"to", p.to_organization_id()}});
    BecausePart(text_, p.reason());
    Part(text_, "released", !p.previous_helper_id().empty(),
         Localized("event.part.helper_released", {{"helper", p.previous_helper_id()}}));
  }
  void operator()(const v1::CaseTransferDeclined& p) {
    line_ = p.to_organization_id() + " declined to take the case over from " + p.from_organization_id() +
            Because(p.reason());
    text_ = Localized("event.transfer_declined",
                      {{"from", p.from_organization_id()}, {"to", p.to_organization_id()}});
    BecausePart(text_, p.reason());
  }
  void operator()(const v1::NeedRecorded& p) {
    const v1::Need& need = p.need();
    line_ = "Need " + need.need_id() + " recorded: " + NeedTypeWords(need.type()) +
            Parenthesized(need.description());
    text_ = Localized("event.need_recorded", {{"need", need.need_id()}, {"type", EnumArg(need.type())}});
    ParenthesizedPart(text_, "description", need.description());
  }
  void operator()(const v1::NeedStatusChanged& p) {
    line_ = "Need " + p.need_id() + " (" + NeedTypeWords(p.need_type()) + ") " +
            NeedStatusWords(p.previous_status()) + " -> " + NeedStatusWords(p.status()) +
            Because(p.reason()) + (p.support_id().empty() ? "" : " (by support " + p.support_id() + ")");
    text_ = Localized("event.need_status_changed", {{"need", p.need_id()},
                                                    {"type", EnumArg(p.need_type())},
                                                    {"from", EnumArg(p.previous_status())},
                                                    {"to", EnumArg(p.status())}});
    BecausePart(text_, p.reason());
    Part(text_, "support", !p.support_id().empty(),
         Localized("event.part.by_support", {{"support", p.support_id()}}));
  }
  void operator()(const v1::SupportRecorded& p) {
    const v1::SupportRecord& support = p.support();
    line_ = "Support " + support.support_id() + " delivered on " + support.delivered_on() + ": " +
            SupportTypeWords(support.type()) +
            (support.amount_vnd() > 0 ? " of " + GroupedDigits(support.amount_vnd()) + " VND" : "") +
            (support.provider().empty() ? "" : " from " + support.provider()) +
            Parenthesized(support.description()) + SupportFacts(support) +
            (support.need_id().empty() ? "" : "; answers need " + support.need_id());
    text_ = Localized("event.support_recorded", {{"support", support.support_id()},
                                                 {"date", support.delivered_on()},
                                                 {"type", EnumArg(support.type())}});
    Part(text_, "amount", support.amount_vnd() > 0,
         Localized("event.part.amount", {{"amount", support.amount_vnd()}}));
    Part(text_, "provider", !support.provider().empty(),
         Localized("event.part.from", {{"provider", support.provider()}}));
    ParenthesizedPart(text_, "description", support.description());
    SupportFactsParts(text_, support);
    Part(text_, "need", !support.need_id().empty(),
         Localized("event.part.answers_need", {{"need", support.need_id()}}));
    if (!support.livelihood_model_id().empty())
      line_ += "; livelihood model " + support.livelihood_model_id();
    if (!support.emergency_id().empty()) line_ += "; for emergency " + support.emergency_id();
    Part(text_, "model", !support.livelihood_model_id().empty(),
         Localized("event.part.in_model", {{"model", support.livelihood_model_id()}}));
    Part(text_, "emergency", !support.emergency_id().empty(),
         Localized("event.part.for_emergency", {{"emergency", support.emergency_id()}}));
  }
  void operator()(const v1::VisitRecorded& p) {
    const v1::Visit& visit = p.visit();
    const std::string change = ObservedChangeWords(visit.observed_change());
    line_ = "Home visit on " + visit.visited_on() +
            (visit.helper_id().empty() ? "" : " by helper " + visit.helper_id()) +
            (change.empty() ? "" : "; " + change) + Because(visit.notes());
    text_ = Localized("event.visit_recorded", {{"date", visit.visited_on()}});
    Part(text_, "helper", !visit.helper_id().empty(),
         Localized("event.part.by_helper", {{"helper", visit.helper_id()}}));
    Part(text_, "change", !change.empty(),
         Localized("event.part.observed_change", {{"change", EnumArg(visit.observed_change())}}));
    BecausePart(text_, visit.notes());
  }
  void operator()(const v1::FollowUpStarted& p) {
    line_ = "Escaped: " + CategoryWords(p.previous_category()) + " -> " + CategoryWords(p.category()) +
            " (review year " + std::to_string(p.review_year()) + "); followed by " +
            OrganizationWords(p.organization_id()) + " from " + p.follow_up_started_on() + " until " +
            p.follow_up_until();
    text_ = Localized("event.follow_up_started", {{"from_category", EnumArg(p.previous_category())},
                                                  {"category", EnumArg(p.category())},
                                                  {"year", p.review_year()},
                                                  {"from", p.follow_up_started_on()},
                                                  {"until", p.follow_up_until()}});
    OrganizationPart(text_, p.organization_id());
  }
  void operator()(const v1::CaseReopened& p) {
    line_ = "Case reopened on " + p.reopened_on() + " after a relapse (" + CategoryWords(p.category()) +
            ", " + TransitionWords(p.transition()) + "); responsible organization " +
            OrganizationWords(p.organization_id()) +
            (p.helper_id().empty() ? "; the helper could not stay" : "; helper " + p.helper_id() + " stays");
    text_ = Localized(p.helper_id().empty() ? "event.case_reopened_without_helper" : "event.case_reopened",
                      {{"date", p.reopened_on()},
                       {"category", EnumArg(p.category())},
                       {"transition", TransitionArg(p.transition())},
                       {"helper", p.helper_id()}});
    OrganizationPart(text_, p.organization_id());
  }
  void operator()(const v1::CaseClosed& p) {
    line_ = "Case closed on " + p.closed_on() + " at the end of follow-up (started " +
            p.follow_up_started_on() + ")" +
            (p.open_needs() > 0 ? "; " + std::to_string(p.open_needs()) + " needs still open" : "");
    text_ = Localized("event.case_closed", {{"date", p.closed_on()}, {"started", p.follow_up_started_on()}});
    Part(text_, "open_needs", p.open_needs() > 0,
         Localized("event.part.open_needs", {{"count", p.open_needs()}}));
  }
  void operator()(const v1::CaseCategoryChanged& p) {
    line_ = "Category " + CategoryWords(p.previous_category()) + " -> " + CategoryWords(p.category()) + " (" +
            TransitionWords(p.transition()) + ", review year " + std::to_string(p.review_year()) +
            "); the case stays " + CaseStateWords(p.state()) + " with " +
            OrganizationWords(p.organization_id());
    text_ = Localized("event.case_category_changed", {{"from", EnumArg(p.previous_category())},
                                                      {"to", EnumArg(p.category())},
                                                      {"transition", TransitionArg(p.transition())},
                                                      {"year", p.review_year()},
                                                      {"state", EnumArg(p.state())}});
    OrganizationPart(text_, p.organization_id());
  }
  void operator()(const v1::OrganizationUpserted& p) {
    line_ = std::string(p.created() ? "Organization created: " : "Organization changed: ") +
            p.organization().name() + Parenthesized(p.organization().id()) + Because(p.reason());
    text_ = Localized(p.created() ? "event.organization_created" : "event.organization_changed",
                      {{"name", p.organization().name()}});
    ParenthesizedPart(text_, "organization", p.organization().id());
    BecausePart(text_, p.reason());
  }
  void operator()(const v1::HelperUpserted& p) {
    line_ = std::string(p.created() ? "Helper created: " : "Helper changed: ") + p.helper().full_name() +
            Parenthesized(p.helper().id()) + " of " + p.helper().organization_id() + Because(p.reason());
    text_ = Localized(p.created() ? "event.helper_created" : "event.helper_changed",
                      {{"name", p.helper().full_name()}, {"organization", p.helper().organization_id()}});
    ParenthesizedPart(text_, "helper", p.helper().id());
    BecausePart(text_, p.reason());
  }

  void operator()(const v1::LivelihoodModelUpserted& p) {
    const v1::LivelihoodModel& model = p.model();
    line_ = std::string(p.created() ? "Livelihood model created: " : "Livelihood model changed: ") +
            model.name() + Parenthesized(model.model_id()) + ", run by " + model.organization_id() +
            Because(p.reason());
    text_ = Localized(p.created() ? "event.model_created" : "event.model_changed",
                      {{"name", model.name()}, {"organization", model.organization_id()}});
    ParenthesizedPart(text_, "model", model.model_id());
    BecausePart(text_, p.reason());
  }
  void operator()(const v1::ModelParticipationChanged& p) {
    const v1::ModelParticipation& taking = p.participation();
    const bool left = !taking.left_on().empty();
    line_ = left ? "Left livelihood model " + taking.model_id() + " on " + taking.left_on()
                 : "Joined livelihood model " + taking.model_id() + " on " + taking.joined_on();
    line_ += Because(p.reason());
    text_ = Localized(left ? "event.model_left" : "event.model_joined",
                      {{"model", taking.model_id()}, {"date", left ? taking.left_on() : taking.joined_on()}});
    BecausePart(text_, p.reason());
  }
  void operator()(const v1::EmergencyChanged& p) {
    const v1::Emergency& emergency = p.emergency();
    const bool ended = !emergency.ended_on().empty();
    line_ = ended ? "Emergency ended on " + emergency.ended_on() + ": " + emergency.name()
                  : "Emergency declared from " + emergency.began_on() + ": " + emergency.name();
    line_ += Parenthesized(emergency.emergency_id()) + Because(p.reason());
    text_ = Localized(
        ended ? "event.emergency_ended" : "event.emergency_declared",
        {{"name", emergency.name()}, {"date", ended ? emergency.ended_on() : emergency.began_on()}});
    ParenthesizedPart(text_, "emergency", emergency.emergency_id());
    BecausePart(text_, p.reason());
  }
  void operator()(const v1::HouseholdAffected& p) {
    line_ = "Affected by emergency " + p.mark().emergency_id() + " on " + p.mark().affected_on() +
            Because(p.reason());
    text_ = Localized("event.household_affected",
                      {{"emergency", p.mark().emergency_id()}, {"date", p.mark().affected_on()}});
    BecausePart(text_, p.reason());
  }

  const std::string& line() const { return line_; }
  Text& text() { return text_; }

  static std::string MemberWords(const v1::CorrectionRequest& request) {
    return request.member_id().empty() ? "" : " of member " + request.member_id();
  }
  // The field in words ("field.<name>") and, for a member's, the member.
  void CorrectionParts(const v1::CorrectionRequest& request) {
    Part(text_, "field_words", true, Localized("field." + request.field()));
    Part(text_, "member", !request.member_id().empty(),
         Localized("event.part.of_member", {{"member", request.member_id()}}));
  }

 private:
  void MemberText(const char* key, const v1::Member& member) {
    text_ = Localized(key, {{"name", member.full_name()}});
    ParenthesizedPart(text_, "member", member.member_id());
  }
  // "responsible organization X" or "no organization".
  static void OrganizationPart(Text& text, const std::string& organization_id) {
    i18n::AddText(text, "organization",
                  organization_id.empty()
                      ? Localized("event.part.no_organization")
                      : Localized("event.part.organization", {{"organization", organization_id}}));
  }
  // The zero value is "first review" in these lines.
  static std::string TransitionArg(v1::Transition transition) {
    return transition == v1::TRANSITION_UNSPECIFIED ? "FIRST_REVIEW" : EnumArg(transition);
  }
  std::string line_;
  Text text_;
};

}  // namespace

std::string CategoryWords(v1::PovertyCategory category) {
  switch (category) {
    case v1::POVERTY_CATEGORY_POOR:
      return "Poor";
    case v1::POVERTY_CATEGORY_NEAR_POOR:
      return "Near-poor";
    case v1::POVERTY_CATEGORY_AVERAGE:
      return "Average";
    case v1::POVERTY_CATEGORY_NOT_POOR:
      return "Not poor";
    default:
      return "No category";
  }
}

std::string TransitionWords(v1::Transition transition) {
  switch (transition) {
    case v1::TRANSITION_NEWLY_POOR:
      return "newly poor";
    case v1::TRANSITION_RELAPSED:
      return "relapsed into poverty";
    case v1::TRANSITION_ESCAPED_POVERTY:
      return "escaped poverty";
    case v1::TRANSITION_ESCAPED_NEAR_POVERTY:
      return "escaped near-poverty";
    case v1::TRANSITION_NEWLY_NEAR_POOR:
      return "newly near-poor";
    case v1::TRANSITION_UNCHANGED:
      return "unchanged";
    case v1::TRANSITION_POOR_TO_NEAR_POOR:
      return "poor to near-poor";
    case v1::TRANSITION_NEAR_POOR_TO_POOR:
      return "near-poor to poor";
    case v1::TRANSITION_RELAPSED_NEAR_POOR:
      return "relapsed into near-poverty";
    case v1::TRANSITION_NEAR_POOR_TO_POOR_RELAPSED:
      return "near-poor to poor, relapsed into poverty";
    default:
      return "first review";
  }
}

std::string RoleWords(v1::Role role) {
  switch (role) {
    case v1::ROLE_WARD_OFFICER:
      return "ward officer";
    case v1::ROLE_ORGANIZATION_STAFF:
      return "organization staff";
    case v1::ROLE_AUDITOR:
      return "auditor";
    case v1::ROLE_SERVICE:
      return "service";
    case v1::ROLE_OUTSIDE_CONSUMER:
      return "outside consumer";
    default:
      return "unknown role";
  }
}

std::string ActorWords(const v1::Actor& actor) {
  std::string words = actor.name().empty() ? "someone" : actor.name();
  words += " (" + RoleWords(actor.role());
  if (!actor.organization_id().empty()) words += ", " + actor.organization_id();
  return words + ")";
}

EventDescription DescribeEvent(const v1::EventEnvelope& event) {
  if (v1::PersonalDataRead read;
      event.payload().Is<v1::PersonalDataRead>() && event.payload().UnpackTo(&read)) {
    // The same words as a read monitoring records itself: who, through which
    // RPC, which fields (of every household read; the audit entry keeps them
    // household by household).
    std::set<std::string> fields;
    for (const v1::PersonalDataRead::HouseholdFields& household : read.households()) {
      fields.insert(household.fields().begin(), household.fields().end());
    }
    std::string what = read.rpc() + ":";
    for (const std::string& field : fields) what += " " + field;
    return DescribePersonalDataRead(event.actor(), what);
  }
  if (v1::AdminActionRecorded action;
      event.payload().Is<v1::AdminActionRecorded>() && event.payload().UnpackTo(&action)) {
    // An administrative action about a household (an erasure) reaches its
    // timeline; the others concern no household and are in the chain only.
    const std::string subject = action.subject_type() + " " + action.subject_id();
    v1::LocalizedText text =
        Localized("event.admin_action", {{"action", action.action()}, {"subject", subject}});
    Part(text, "because", !action.reason().empty(),
         Localized("event.part.because", {{"reason", action.reason()}}));
    return {"Administrative action " + action.action() + " on " + subject +
                (action.reason().empty() ? "" : ": " + action.reason()),
            std::move(text)};
  }
  Describer describer;
  if (VisitPayload(event.payload(), describer) == PayloadOutcome::kVisited) {
    return {describer.line(), std::move(describer.text())};
  }
  return {"Event " + event.event_type() + " about " + event.aggregate_type() + " " + event.aggregate_id() +
              " (version " + std::to_string(event.aggregate_version()) +
              "; this version of monitoring cannot describe it)",
          Localized("event.unknown", {{"type", event.event_type()},
                                      {"aggregate_type", event.aggregate_type()},
                                      {"aggregate", event.aggregate_id()},
                                      {"version", event.aggregate_version()}})};
}

EventDescription DescribePersonalDataRead(const v1::Actor& reader, const std::string& what_was_read) {
  v1::LocalizedText text =
      Localized("event.personal_data_read",
                {{"name", reader.name()}, {"role", EnumArg(reader.role())}, {"through", what_was_read}});
  Part(text, "organization", !reader.organization_id().empty(),
       Localized("event.part.of_organization", {{"organization", reader.organization_id()}}));
  return {"Personal data read by " + ActorWords(reader) + " through " + what_was_read, std::move(text)};
}

EventDescription DescribeUnreadableAuditEntry(std::uint64_t sequence) {
  return {"Audit entry " + std::to_string(sequence) + " of this line cannot be read; verify the audit log",
          Localized("event.unreadable_audit_entry", {{"sequence", sequence}})};
}

}  // namespace ansinh::monitoring

namespace ansinh::monitoring {

EventDescription DescribeEventWithErasedFields(const v1::EventEnvelope& event) {
  EventDescription described = DescribeEvent(event);
  described.line += " (personal data erased)";
  Text text = Localized("event.with_erased_personal_data");
  Part(text, "event", true, std::move(described.text));
  described.text = std::move(text);
  return described;
}

}  // namespace ansinh::monitoring
