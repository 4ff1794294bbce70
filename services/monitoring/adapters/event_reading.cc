#include "monitoring/adapters/event_reading.h"

#include <algorithm>
#include <unordered_set>

#include "ansinh/v1/field_options.pb.h"
#include "kernel/review_years.h"
#include "monitoring/adapters/payload_visitor.h"
#include "time/timestamps.h"

namespace ansinh::monitoring {
namespace {

using Record = v1::HouseholdFigureRecord;

NeedKind NeedKindOf(v1::NeedType type) {
  switch (type) {
    case v1::NEED_TYPE_LOAN:
      return Record::NEED_KIND_LOAN;
    case v1::NEED_TYPE_VOCATIONAL_TRAINING:
      return Record::NEED_KIND_TRAINING;
    case v1::NEED_TYPE_UNSPECIFIED:
      return Record::NEED_KIND_UNSPECIFIED;
    default:
      return Record::NEED_KIND_OTHER;
  }
}

NeedState NeedStateOf(v1::NeedStatus status) {
  switch (status) {
    case v1::NEED_STATUS_OPEN:
      return Record::NEED_STATE_OPEN;
    case v1::NEED_STATUS_MET:
      return Record::NEED_STATE_MET;
    case v1::NEED_STATUS_NO_LONGER_NEEDED:
      return Record::NEED_STATE_WITHDRAWN;
    default:
      return Record::NEED_STATE_UNSPECIFIED;
  }
}

SupportKind SupportKindOf(v1::SupportType type) {
  switch (type) {
    case v1::SUPPORT_TYPE_POLICY_CREDIT:
      return Record::SUPPORT_KIND_CREDIT;
    case v1::SUPPORT_TYPE_VOCATIONAL_TRAINING:
      return Record::SUPPORT_KIND_TRAINING;
    case v1::SUPPORT_TYPE_UNSPECIFIED:
      return Record::SUPPORT_KIND_UNSPECIFIED;
    default:
      return Record::SUPPORT_KIND_OTHER;
  }
}

// Fills an EventReading from one payload; one overload per payload that
// carries facts or names households, a fallback for the rest.
class FactCollector {
 public:
  FactCollector(const v1::EventEnvelope& event, EventReading& reading)
      : event_date_(FormatIsoDate(WardDateOf(event.occurred_at()))),
        reading_(reading),
        on_timeline_(reading.timeline_households.begin(), reading.timeline_households.end()) {}

  // --- registry ---
  void operator()(const v1::HouseholdRegistered& p) {
    Registration(p.household().household_id(), p.household().residential_group());
  }
  void operator()(const v1::HouseholdUpdated& p) {
    Registration(p.household().household_id(), p.household().residential_group());
  }
  void operator()(const v1::MemberAdded& p) { Mention(p.household_id(), p.residential_group()); }
  void operator()(const v1::MemberUpdated& p) { Mention(p.household_id(), p.residential_group()); }
  void operator()(const v1::MemberRemoved& p) { Mention(p.household_id(), p.residential_group()); }
  void operator()(const v1::SurveyRecorded& p) {
    const v1::Survey& survey = p.survey();
    Mention(survey.household_id(), survey.residential_group());
    // An erased household's survey arrives still sealed: no income to keep.
    if (!survey.has_income_per_capita()) return;
    reading_.facts.push_back(SurveyIncomeFact{survey.household_id(), survey.survey_id(),
                                              survey.corrects_survey_id(), OrEventDate(survey.survey_date()),
                                              survey.income_per_capita_vnd()});
  }
  void operator()(const v1::HouseholdMovedOut& p) {
    Departure(p.household_id(), p.residential_group(), v1::HOUSEHOLD_STATUS_MOVED_OUT);
  }
  void operator()(const v1::HouseholdDissolved& p) {
    Departure(p.household_id(), p.residential_group(), v1::HOUSEHOLD_STATUS_DISSOLVED);
  }
  void operator()(const v1::HouseholdErased& p) {
    Mention(p.household_id(), p.residential_group());
    // One former member's erasure leaves the household's own figures.
    if (p.member_id().empty()) reading_.facts.push_back(HouseholdErasure{p.household_id()});
  }

  // --- classification ---
  void operator()(const v1::ReviewRoundOpened& p) {
    if (p.round().kind() != v1::REVIEW_KIND_REGULAR || p.round().household_id().empty()) return;
    Mention(p.round().household_id(), "");
    reading_.opened_regular_review = p.round();
  }
  void operator()(const v1::SurveyClassified& p) { Mention(p.household_id(), p.residential_group()); }
  void operator()(const v1::SurveyUnclassifiable& p) { Mention(p.household_id(), p.residential_group()); }
  void operator()(const v1::MeetingRecorded& p) { Mention(p.household_id(), ""); }
  void operator()(const v1::ResultsPosted& p) {
    for (const std::string& household_id : p.household_ids()) AddTimeline(household_id);
  }
  void operator()(const v1::ComplaintFiled& p) { Mention(p.household_id(), ""); }
  void operator()(const v1::HouseholdListed& p) { Mention(p.household_id(), p.residential_group()); }
  void operator()(const v1::ListDecisionRecorded& p) { Mention(p.household_id(), ""); }
  void operator()(const v1::RoundApproved& p) {
    reading_.approved_round_id = p.round_id();
    // Approved households get their own household_status_changed event; the
    // ones left out learn it only from this one.
    for (const v1::Exclusion& exclusion : p.exclusions()) AddTimeline(exclusion.household_id());
  }
  void operator()(const v1::HouseholdStatusChanged& p) {
    Mention(p.household_id(), p.residential_group());
    // Events published before list years were recorded carry 0: read as a
    // periodic review's, whose list is the next year's (docs/domain.md §3.0).
    const int list_year =
        p.list_year() != 0 ? p.list_year() : ListYearOf(p.review_year(), ReviewTiming::kPeriodic);
    reading_.facts.push_back(StatusApproval{p.household_id(), p.round_id(), p.review_year(), list_year,
                                            p.category(), p.transition(), p.without_labour_capacity(),
                                            OrEventDate(p.approved_date())});
  }

  // --- assignment ---
  void operator()(const v1::CaseOpened& p) {
    Mention(p.household_id(), p.residential_group());
    // The policy always names an organization; a case without one simply
    // stays "without a responsible organization" until one is assigned.
    if (p.organization_id().empty()) return;
    reading_.facts.push_back(
        CaseAssignment{p.household_id(), p.case_id(), p.organization_id(), OrEventDate(p.opened_on())});
  }
  void operator()(const v1::OrganizationAssigned& p) {
    Mention(p.household_id(), p.residential_group());
    if (p.organization_id().empty()) return;
    reading_.facts.push_back(CaseAssignment{p.household_id(), p.case_id(), p.organization_id(), event_date_});
  }
  void operator()(const v1::HelperAssigned& p) {
    Mention(p.household_id(), p.residential_group());
    reading_.facts.push_back(HelperAssignment{p.household_id(), p.case_id(), p.organization_id(),
                                              p.helper_id(), OrEventDate(p.assigned_on())});
  }
  void operator()(const v1::CaseTransferRequested& p) { Mention(p.household_id(), p.residential_group()); }
  void operator()(const v1::CaseTransferred& p) {
    Mention(p.household_id(), p.residential_group());
    reading_.facts.push_back(
        CaseAssignment{p.household_id(), p.case_id(), p.to_organization_id(), event_date_});
  }
  void operator()(const v1::CaseTransferDeclined& p) { Mention(p.household_id(), p.residential_group()); }
  void operator()(const v1::NeedRecorded& p) {
    Mention(p.household_id(), p.residential_group());
    reading_.facts.push_back(NeedRecording{p.household_id(), CaseScopedId(p.case_id(), p.need().need_id()),
                                           NeedKindOf(p.need().type()), OrEventDate(p.need().recorded_on())});
  }
  void operator()(const v1::NeedStatusChanged& p) {
    Mention(p.household_id(), p.residential_group());
    reading_.facts.push_back(NeedStatusChange{p.household_id(), CaseScopedId(p.case_id(), p.need_id()),
                                              NeedKindOf(p.need_type()), NeedStateOf(p.status()),
                                              event_date_});
  }
  void operator()(const v1::SupportRecorded& p) {
    Mention(p.household_id(), p.residential_group());
    const v1::SupportRecord& support = p.support();
    SupportDelivery delivery;
    delivery.household_id = p.household_id();
    delivery.support_id = CaseScopedId(p.case_id(), support.support_id());
    delivery.kind = SupportKindOf(support.type());
    delivery.delivered_on = OrEventDate(support.delivered_on());
    delivery.credit_programme = support.credit_programme();
    delivery.amount_vnd = support.amount_vnd();
    delivery.attribution = {support.type(),         support.provider(), support.livelihood_model_id(),
                            support.emergency_id(), p.case_id(),        p.organization_id(),
                            p.helper_id()};
    reading_.facts.push_back(std::move(delivery));
  }
  void operator()(const v1::VisitRecorded& p) {
    Mention(p.household_id(), p.residential_group());
    reading_.facts.push_back(VisitRecording{p.household_id(), OrEventDate(p.visit().visited_on())});
  }
  void operator()(const v1::FollowUpStarted& p) { Mention(p.household_id(), p.residential_group()); }
  void operator()(const v1::CaseReopened& p) {
    Mention(p.household_id(), p.residential_group());
    const std::string reopened_on = OrEventDate(p.reopened_on());
    if (!p.organization_id().empty()) {
      reading_.facts.push_back(
          CaseAssignment{p.household_id(), p.case_id(), p.organization_id(), reopened_on});
    }
    if (p.helper_id().empty()) {
      // The helper could not stay on the reopened case.
      reading_.facts.push_back(HelperRelease{p.household_id(), p.case_id(), reopened_on});
    } else {
      reading_.facts.push_back(
          HelperAssignment{p.household_id(), p.case_id(), p.organization_id(), p.helper_id(), reopened_on});
    }
  }
  void operator()(const v1::CaseClosed& p) {
    Mention(p.household_id(), p.residential_group());
    reading_.facts.push_back(CaseClosure{p.household_id(), p.case_id(), OrEventDate(p.closed_on())});
  }
  void operator()(const v1::CaseCategoryChanged& p) { Mention(p.household_id(), p.residential_group()); }

  // Correction requests carry no figure; the envelope's household gives
  // them their line in its timeline.
  void operator()(const v1::CorrectionRequested&) {}
  void operator()(const v1::CorrectionAccepted&) {}
  void operator()(const v1::CorrectionRejected&) {}

  // Organization and helper upserts concern no household.
  void operator()(const v1::OrganizationUpserted&) {}
  void operator()(const v1::HelperUpserted&) {}

  // --- livelihood models and emergencies ---
  // A model's own record concerns no household; its analytics name it by id.
  void operator()(const v1::LivelihoodModelUpserted&) {}
  void operator()(const v1::ModelParticipationChanged& p) {
    Mention(p.household_id(), p.residential_group());
    const v1::ModelParticipation& taking = p.participation();
    reading_.facts.push_back(ModelParticipationFact{p.household_id(), taking.model_id(), p.case_id(),
                                                    taking.joined_on(), taking.left_on(), p.organization_id(),
                                                    p.helper_id()});
  }
  void operator()(const v1::EmergencyChanged& p) { reading_.emergency = p.emergency(); }
  void operator()(const v1::HouseholdAffected& p) {
    Mention(p.household_id(), p.residential_group());
    reading_.facts.push_back(
        EmergencyStrikeFact{p.household_id(), p.mark().emergency_id(), OrEventDate(p.mark().affected_on())});
  }

 private:
  std::string OrEventDate(const std::string& date) const { return date.empty() ? event_date_ : date; }

  // A set beside the list: a posting or an approval names every household
  // of a province's round, and a search of the list per name made reading
  // such an event quadratic.
  void AddTimeline(const std::string& household_id) {
    if (household_id.empty()) return;
    if (on_timeline_.insert(household_id).second) reading_.timeline_households.push_back(household_id);
  }

  void Mention(const std::string& household_id, const std::string& residential_group) {
    AddTimeline(household_id);
    if (reading_.fact_household_id.empty()) reading_.fact_household_id = household_id;
    if (reading_.residential_group_hint.empty()) reading_.residential_group_hint = residential_group;
  }

  void Registration(const std::string& household_id, const std::string& residential_group) {
    Mention(household_id, residential_group);
    reading_.facts.push_back(HouseholdRegistration{household_id, residential_group});
  }

  void Departure(const std::string& household_id, const std::string& residential_group,
                 v1::HouseholdStatus status) {
    Mention(household_id, residential_group);
    reading_.facts.push_back(HouseholdDeparture{household_id, status, event_date_});
  }

  std::string event_date_;
  EventReading& reading_;
  std::unordered_set<std::string> on_timeline_;
};

}  // namespace

std::string CaseScopedId(const std::string& case_id, const std::string& id) { return case_id + "/" + id; }

ReadOutcome ReadEvent(const v1::EventEnvelope& event) {
  ReadOutcome outcome;
  EventReading& reading = outcome.reading;
  if (!event.household_id().empty()) reading.timeline_households.push_back(event.household_id());
  // An auditor's read of personal data (server/personal_data_reads.h): no
  // facts, a line in the timeline of every household read.
  if (event.payload().Is<v1::PersonalDataRead>()) {
    v1::PersonalDataRead read;
    if (!event.payload().UnpackTo(&read)) {
      outcome.ok = false;
      outcome.error =
          "event " + event.event_id() + " (" + event.event_type() + "): the payload does not parse";
      return outcome;
    }
    for (const v1::PersonalDataRead::HouseholdFields& household : read.households()) {
      if (!household.household_id().empty() &&
          std::find(reading.timeline_households.begin(), reading.timeline_households.end(),
                    household.household_id()) == reading.timeline_households.end()) {
        reading.timeline_households.push_back(household.household_id());
      }
    }
    return outcome;
  }
  FactCollector collector(event, reading);
  if (VisitPayload(event.payload(), collector) == PayloadOutcome::kMalformed) {
    outcome.ok = false;
    outcome.error = "event " + event.event_id() + " (" + event.event_type() + "): the payload " +
                    event.payload().type_url() + " does not parse";
    return outcome;
  }
  if (reading.fact_household_id.empty()) reading.fact_household_id = event.household_id();
  return outcome;
}

}  // namespace ansinh::monitoring
