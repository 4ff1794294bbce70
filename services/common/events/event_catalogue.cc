#include "events/event_catalogue.h"

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/registry.pb.h"

namespace ansinh::events {

const std::vector<CataloguedEvent>& GrantableEventTypes() {
  // Naming one message of each payload file links it into the binary, so its
  // descriptors (every payload, every marked field) are in the generated pool
  // for whoever reads payloads by their type's name.
  [[maybe_unused]] static const bool linked = v1::HouseholdRegistered::descriptor() != nullptr &&
                                              v1::HouseholdStatusChanged::descriptor() != nullptr &&
                                              v1::CaseOpened::descriptor() != nullptr;
  static const std::vector<CataloguedEvent> kTypes = {
      {"registry.household_registered.v1", "registry", "ansinh.v1.HouseholdRegistered"},
      {"registry.household_updated.v1", "registry", "ansinh.v1.HouseholdUpdated"},
      {"registry.member_added.v1", "registry", "ansinh.v1.MemberAdded"},
      {"registry.member_updated.v1", "registry", "ansinh.v1.MemberUpdated"},
      {"registry.member_removed.v1", "registry", "ansinh.v1.MemberRemoved"},
      {"registry.survey_recorded.v1", "registry", "ansinh.v1.SurveyRecorded"},
      {"registry.household_moved_out.v1", "registry", "ansinh.v1.HouseholdMovedOut"},
      {"registry.household_dissolved.v1", "registry", "ansinh.v1.HouseholdDissolved"},
      {"registry.household_erased.v1", "registry", "ansinh.v1.HouseholdErased"},
      {"classification.review_round_opened.v1", "classification", "ansinh.v1.ReviewRoundOpened"},
      {"classification.household_listed.v1", "classification", "ansinh.v1.HouseholdListed"},
      {"classification.list_decision_recorded.v1", "classification", "ansinh.v1.ListDecisionRecorded"},
      {"classification.survey_classified.v1", "classification", "ansinh.v1.SurveyClassified"},
      {"classification.survey_unclassifiable.v1", "classification", "ansinh.v1.SurveyUnclassifiable"},
      {"classification.meeting_recorded.v1", "classification", "ansinh.v1.MeetingRecorded"},
      {"classification.results_posted.v1", "classification", "ansinh.v1.ResultsPosted"},
      {"classification.complaint_filed.v1", "classification", "ansinh.v1.ComplaintFiled"},
      {"classification.round_approved.v1", "classification", "ansinh.v1.RoundApproved"},
      {"classification.household_status_changed.v1", "classification", "ansinh.v1.HouseholdStatusChanged"},
      {"assignment.case_opened.v1", "assignment", "ansinh.v1.CaseOpened"},
      {"assignment.organization_assigned.v1", "assignment", "ansinh.v1.OrganizationAssigned"},
      {"assignment.helper_assigned.v1", "assignment", "ansinh.v1.HelperAssigned"},
      {"assignment.case_transfer_requested.v1", "assignment", "ansinh.v1.CaseTransferRequested"},
      {"assignment.case_transferred.v1", "assignment", "ansinh.v1.CaseTransferred"},
      {"assignment.case_transfer_declined.v1", "assignment", "ansinh.v1.CaseTransferDeclined"},
      {"assignment.need_recorded.v1", "assignment", "ansinh.v1.NeedRecorded"},
      {"assignment.need_status_changed.v1", "assignment", "ansinh.v1.NeedStatusChanged"},
      {"assignment.support_recorded.v1", "assignment", "ansinh.v1.SupportRecorded"},
      {"assignment.visit_recorded.v1", "assignment", "ansinh.v1.VisitRecorded"},
      {"assignment.follow_up_started.v1", "assignment", "ansinh.v1.FollowUpStarted"},
      {"assignment.case_reopened.v1", "assignment", "ansinh.v1.CaseReopened"},
      {"assignment.case_closed.v1", "assignment", "ansinh.v1.CaseClosed"},
      {"assignment.case_category_changed.v1", "assignment", "ansinh.v1.CaseCategoryChanged"},
      {"assignment.organization_upserted.v1", "assignment", "ansinh.v1.OrganizationUpserted"},
      {"assignment.helper_upserted.v1", "assignment", "ansinh.v1.HelperUpserted"},
      // Livelihood models and emergencies (livelihood.proto).
      {"assignment.livelihood_model_upserted.v1", "assignment", "ansinh.v1.LivelihoodModelUpserted"},
      {"assignment.model_joined.v1", "assignment", "ansinh.v1.ModelParticipationChanged"},
      {"assignment.model_left.v1", "assignment", "ansinh.v1.ModelParticipationChanged"},
      {"assignment.emergency_declared.v1", "assignment", "ansinh.v1.EmergencyChanged"},
      {"assignment.emergency_ended.v1", "assignment", "ansinh.v1.EmergencyChanged"},
      {"assignment.household_affected.v1", "assignment", "ansinh.v1.HouseholdAffected"},
  };
  return kTypes;
}

const CataloguedEvent* FindGrantableEventType(std::string_view type) {
  for (const CataloguedEvent& event : GrantableEventTypes()) {
    if (event.type == type) return &event;
  }
  return nullptr;
}

}  // namespace ansinh::events
