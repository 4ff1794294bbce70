#include "assignment/core/case_events.h"

namespace ansinh::assignment {
namespace {

struct TypeName {
  std::string_view operator()(const v1::CaseOpened&) const { return "assignment.case_opened.v1"; }
  std::string_view operator()(const v1::OrganizationAssigned&) const {
    return "assignment.organization_assigned.v1";
  }
  std::string_view operator()(const v1::HelperAssigned&) const { return "assignment.helper_assigned.v1"; }
  std::string_view operator()(const v1::CaseTransferRequested&) const {
    return "assignment.case_transfer_requested.v1";
  }
  std::string_view operator()(const v1::CaseTransferred&) const { return "assignment.case_transferred.v1"; }
  std::string_view operator()(const v1::CaseTransferDeclined&) const {
    return "assignment.case_transfer_declined.v1";
  }
  std::string_view operator()(const v1::NeedRecorded&) const { return "assignment.need_recorded.v1"; }
  std::string_view operator()(const v1::NeedStatusChanged&) const {
    return "assignment.need_status_changed.v1";
  }
  std::string_view operator()(const v1::SupportRecorded&) const { return "assignment.support_recorded.v1"; }
  std::string_view operator()(const v1::VisitRecorded&) const { return "assignment.visit_recorded.v1"; }
  std::string_view operator()(const v1::FollowUpStarted&) const { return "assignment.follow_up_started.v1"; }
  std::string_view operator()(const v1::CaseReopened&) const { return "assignment.case_reopened.v1"; }
  std::string_view operator()(const v1::CaseClosed&) const { return "assignment.case_closed.v1"; }
  std::string_view operator()(const v1::CaseCategoryChanged&) const {
    return "assignment.case_category_changed.v1";
  }
  std::string_view operator()(const v1::OrganizationUpserted&) const {
    return "assignment.organization_upserted.v1";
  }
  std::string_view operator()(const v1::HelperUpserted&) const { return "assignment.helper_upserted.v1"; }
  std::string_view operator()(const v1::LivelihoodModelUpserted&) const {
    return "assignment.livelihood_model_upserted.v1";
  }
  std::string_view operator()(const v1::ModelParticipationChanged& payload) const {
    return payload.participation().left_on().empty() ? "assignment.model_joined.v1"
                                                     : "assignment.model_left.v1";
  }
  std::string_view operator()(const v1::EmergencyChanged& payload) const {
    return payload.emergency().version() <= 1 ? "assignment.emergency_declared.v1"
                                              : "assignment.emergency_ended.v1";
  }
  std::string_view operator()(const v1::HouseholdAffected&) const {
    return "assignment.household_affected.v1";
  }
};

}  // namespace

std::string_view EventTypeOf(const EventPayload& payload) { return std::visit(TypeName{}, payload); }

const google::protobuf::Message& PublishedEvent::message() const {
  return std::visit([](const auto& message) -> const google::protobuf::Message& { return message; }, payload);
}

}  // namespace ansinh::assignment
