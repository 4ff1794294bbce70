#include "monitoring/adapters/event_descriptions.h"

#include <optional>

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

// One overload per known payload; each returns the line.
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
  }
  void operator()(const v1::HouseholdUpdated& p) {
    std::string changes;
    for (const std::string& field : p.changed_fields()) {
      if (!changes.empty()) changes += ", ";
      if (field == "residential_group") {
        changes += "residential group " + p.previous_residential_group() + " -> " +
                   p.household().residential_group();
      } else if (field == "address") {
        changes += "address now " + p.household().address();
      } else if (field == "head_member_id") {
        changes += "head of household now " + p.household().head_member_id();
      } else {
        changes += field;
      }
    }
    line_ = "Household details changed" + Because(changes);
  }
  void operator()(const v1::MemberAdded& p) {
    line_ = "Member " + p.member().full_name() + Parenthesized(p.member().member_id()) + " added";
  }
  void operator()(const v1::MemberUpdated& p) {
    line_ = "Member " + p.member().full_name() + Parenthesized(p.member().member_id()) + " updated";
  }
  void operator()(const v1::MemberRemoved& p) {
    line_ = "Member " + p.member().full_name() + Parenthesized(p.member().member_id()) + " removed" +
            Because(p.reason());
  }
  void operator()(const v1::SurveyRecorded& p) {
    const v1::Survey& survey = p.survey();
    line_ = "Survey " + survey.survey_id() + " recorded for review year " +
            std::to_string(survey.review_year()) +
            (survey.survey_date().empty() ? "" : ", taken on " + survey.survey_date()) +
            (survey.surveyor().empty() ? "" : " by " + survey.surveyor()) +
            (survey.corrects_survey_id().empty() ? "" : "; corrects " + survey.corrects_survey_id());
  }
  void operator()(const v1::HouseholdMovedOut& p) {
    line_ = "Household moved out of the ward" + Because(p.reason());
  }
  void operator()(const v1::HouseholdDissolved& p) { line_ = "Household dissolved" + Because(p.reason()); }

  // --- classification ---
  void operator()(const v1::ReviewRoundOpened& p) {
    const v1::ReviewRound& round = p.round();
    line_ = ReviewKindWords(round.kind()) + " " + round.round_id() + " opened for review year " +
            std::to_string(round.review_year()) +
            (round.deadline_date().empty() ? "" : "; decision due by " + round.deadline_date());
  }
  void operator()(const v1::SurveyClassified& p) {
    const v1::ClassificationResult& result = p.result();
    line_ = "Survey " + p.survey_id() + " classified in " + p.round_id() + ": proposed " +
            CategoryWords(result.category()) + ", " + std::to_string(result.deprivation_count()) + " of " +
            std::to_string(result.indicators_size()) + " indicators deprived" +
            (result.without_labour_capacity() ? ", without labour capacity" : "") + " (" +
            result.standard_id() + ")";
  }
  void operator()(const v1::SurveyUnclassifiable& p) {
    std::string problems;
    for (const v1::SurveyProblem& problem : p.problems()) {
      problems += (problems.empty() ? "" : "; ") + problem.field() + " " + problem.description();
    }
    line_ = "Survey " + p.survey_id() + " could not be classified in " + p.round_id() + Because(p.reason()) +
            (problems.empty() ? "" : " (" + problems + ")") + "; a corrected survey is needed";
  }
  void operator()(const v1::MeetingRecorded& p) {
    const v1::MeetingResult& meeting = p.meeting();
    line_ =
        "Residential-group meeting on " + meeting.meeting_date() + " in " + p.round_id() + ": " +
        std::to_string(meeting.agreed()) + " of " + std::to_string(meeting.attendees()) + " agreed, " +
        ReviewStateWords(p.state()) +
        Parenthesized(meeting.minutes_reference().empty() ? "" : "minutes " + meeting.minutes_reference());
  }
  void operator()(const v1::ResultsPosted& p) {
    line_ = "Results of " + p.round_id() + " posted publicly on " + p.posted_date() +
            "; complaints accepted until " + p.complaint_window_closes();
  }
  void operator()(const v1::ComplaintFiled& p) {
    const v1::Complaint& complaint = p.complaint();
    line_ = "Complaint from " + complaint.complainant() + " received " + complaint.received_date() + " in " +
            p.round_id() + Because(complaint.content()) + "; the result will be re-checked";
  }
  void operator()(const v1::RoundApproved& p) {
    line_ = ReviewKindWords(p.kind()) + " " + p.round_id() + " (review year " +
            std::to_string(p.review_year()) + ") approved by " + p.approved_by() + " on " +
            p.approved_date() + (p.decision_number().empty() ? "" : ", decision " + p.decision_number()) +
            ": " + std::to_string(p.approved_household_ids_size()) + " households approved";
    for (const v1::Exclusion& exclusion : p.exclusions()) {
      line_ += "; " + exclusion.household_id() + " " + ListDecisionWords(exclusion.decision()) +
               Because(exclusion.reason());
    }
  }
  void operator()(const v1::HouseholdListed& p) {
    line_ =
        "Put on the list of " + p.round_id() + " (" + ListReasonWords(p.reason()) + ")" + Because(p.note());
  }
  void operator()(const v1::ListDecisionRecorded& p) {
    const v1::ListDecision& decision = p.decision();
    line_ = "Not surveyed in " + p.round_id() + ", decided on " + decision.decided_on() + ": " +
            ListDecisionWords(decision.kind()) + Because(decision.reason());
  }
  void operator()(const v1::HouseholdStatusChanged& p) {
    line_ = "Official status " + CategoryWords(p.category()) + " (" + TransitionWords(p.transition()) +
            (p.previous_category() == v1::POVERTY_CATEGORY_UNSPECIFIED
                 ? ""
                 : ", was " + CategoryWords(p.previous_category())) +
            ") for review year " + std::to_string(p.review_year()) + ", approved " + p.approved_date() +
            " in " + p.round_id() + "; " + std::to_string(p.deprivation_count()) + " indicators deprived" +
            (p.without_labour_capacity() ? "; without labour capacity" : "");
  }

  // --- assignment ---
  void operator()(const v1::CaseOpened& p) {
    line_ = "Case " + p.case_id() + " opened on " + p.opened_on() + " (" + CategoryWords(p.category()) +
            ", " + TransitionWords(p.transition()) + "); responsible organization " +
            OrganizationWords(p.organization_id()) +
            (p.previous_case_id().empty() ? "" : "; follows " + p.previous_case_id());
  }
  void operator()(const v1::OrganizationAssigned& p) {
    line_ = "Responsible organization " + OrganizationWords(p.organization_id()) +
            (p.previous_organization_id().empty() ? "" : " (was " + p.previous_organization_id() + ")") +
            Because(p.reason());
  }
  void operator()(const v1::HelperAssigned& p) {
    line_ = "Helper " + p.helper_name() + Parenthesized(p.helper_id()) + " of " + p.organization_id() +
            " assigned" + (p.previous_helper_id().empty() ? "" : ", replacing " + p.previous_helper_id()) +
            Because(p.reason());
  }
  void operator()(const v1::CaseTransferRequested& p) {
    line_ = "Transfer of the case from " + p.from_organization_id() + " to " + p.to_organization_id() +
            " requested" + Because(p.reason());
  }
  void operator()(const v1::CaseTransferred& p) {
    line_ = "Case transferred from " + p.from_organization_id() + " to " + p.to_organization_id() +
            Because(p.reason()) +
            (p.previous_helper_id().empty() ? "" : "; helper " + p.previous_helper_id() + " released");
  }
  void operator()(const v1::CaseTransferDeclined& p) {
    line_ = p.to_organization_id() + " declined to take the case over from " + p.from_organization_id() +
            Because(p.reason());
  }
  void operator()(const v1::NeedRecorded& p) {
    const v1::Need& need = p.need();
    line_ = "Need " + need.need_id() + " recorded: " + NeedTypeWords(need.type()) +
            Parenthesized(need.description());
  }
  void operator()(const v1::NeedStatusChanged& p) {
    line_ = "Need " + p.need_id() + " (" + NeedTypeWords(p.need_type()) + ") " +
            NeedStatusWords(p.previous_status()) + " -> " + NeedStatusWords(p.status()) +
            Because(p.reason()) + (p.support_id().empty() ? "" : " (by support " + p.support_id() + ")");
  }
  void operator()(const v1::SupportRecorded& p) {
    const v1::SupportRecord& support = p.support();
    line_ = "Support " + support.support_id() + " delivered on " + support.delivered_on() + ": " +
            SupportTypeWords(support.type()) +
            (support.amount_vnd() > 0 ? " of " + GroupedDigits(support.amount_vnd()) + " VND" : "") +
            (support.provider().empty() ? "" : " from " + support.provider()) +
            Parenthesized(support.description()) + SupportFacts(support) +
            (support.need_id().empty() ? "" : "; answers need " + support.need_id());
  }
  void operator()(const v1::VisitRecorded& p) {
    const v1::Visit& visit = p.visit();
    const std::string change = ObservedChangeWords(visit.observed_change());
    line_ = "Home visit on " + visit.visited_on() +
            (visit.helper_id().empty() ? "" : " by helper " + visit.helper_id()) +
            (change.empty() ? "" : "; " + change) + Because(visit.notes());
  }
  void operator()(const v1::FollowUpStarted& p) {
    line_ = "Escaped: " + CategoryWords(p.previous_category()) + " -> " + CategoryWords(p.category()) +
            " (review year " + std::to_string(p.review_year()) + "); followed by " +
            OrganizationWords(p.organization_id()) + " from " + p.follow_up_started_on() + " until " +
            p.follow_up_until();
  }
  void operator()(const v1::CaseReopened& p) {
    line_ = "Case reopened on " + p.reopened_on() + " after a relapse (" + CategoryWords(p.category()) +
            ", " + TransitionWords(p.transition()) + "); responsible organization " +
            OrganizationWords(p.organization_id()) +
            (p.helper_id().empty() ? "; the helper could not stay" : "; helper " + p.helper_id() + " stays");
  }
  void operator()(const v1::CaseClosed& p) {
    line_ = "Case closed on " + p.closed_on() + " at the end of follow-up (started " +
            p.follow_up_started_on() + ")" +
            (p.open_needs() > 0 ? "; " + std::to_string(p.open_needs()) + " needs still open" : "");
  }
  void operator()(const v1::CaseCategoryChanged& p) {
    line_ = "Category " + CategoryWords(p.previous_category()) + " -> " + CategoryWords(p.category()) + " (" +
            TransitionWords(p.transition()) + ", review year " + std::to_string(p.review_year()) +
            "); the case stays " + CaseStateWords(p.state()) + " with " +
            OrganizationWords(p.organization_id());
  }
  void operator()(const v1::OrganizationUpserted& p) {
    line_ = std::string(p.created() ? "Organization created: " : "Organization changed: ") +
            p.organization().name() + Parenthesized(p.organization().id()) + Because(p.reason());
  }
  void operator()(const v1::HelperUpserted& p) {
    line_ = std::string(p.created() ? "Helper created: " : "Helper changed: ") + p.helper().full_name() +
            Parenthesized(p.helper().id()) + " of " + p.helper().organization_id() + Because(p.reason());
  }

  const std::string& line() const { return line_; }

 private:
  std::string line_;
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

std::string DescribeEvent(const v1::EventEnvelope& event) {
  Describer describer;
  if (VisitPayload(event.payload(), describer) == PayloadOutcome::kVisited) {
    return describer.line();
  }
  return "Event " + event.event_type() + " about " + event.aggregate_type() + " " + event.aggregate_id() +
         " (version " + std::to_string(event.aggregate_version()) +
         "; this version of monitoring cannot describe it)";
}

std::string DescribePersonalDataRead(const v1::Actor& reader, const std::string& what_was_read) {
  return "Personal data read by " + ActorWords(reader) + " through " + what_was_read;
}

}  // namespace ansinh::monitoring
