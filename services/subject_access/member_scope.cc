#include "subject_access/member_scope.h"

#include <algorithm>

namespace ansinh::subject_access {
namespace {

template <typename Messages, typename Keep>
void KeepOnly(Messages& messages, Keep keep) {
  Messages kept;
  for (auto& message : messages) {
    if (keep(message)) *kept.Add() = std::move(message);
  }
  messages = std::move(kept);
}

void KeepMember(google::protobuf::RepeatedPtrField<v1::Member>& members, const std::string& member_id) {
  KeepOnly(members, [&](const v1::Member& member) { return member.member_id() == member_id; });
}

// An explanation resting on others than the member goes; the verdict stays.
void ScopeResult(v1::ClassificationResult& result, const std::string& member_id, bool only_member) {
  for (v1::IndicatorResult& indicator : *result.mutable_indicators()) {
    const bool others = std::any_of(indicator.member_ids().begin(), indicator.member_ids().end(),
                                    [&](const std::string& id) { return id != member_id; });
    if (others) {
      indicator.clear_reason();
      indicator.clear_reason_text();
    }
    KeepOnly(*indicator.mutable_member_ids(), [&](const std::string& id) { return id == member_id; });
  }
  if (!only_member) {
    result.clear_labour_capacity_reason();
    result.clear_labour_capacity_reason_text();
  }
}

void ScopeCase(v1::Case& one) {
  for (v1::Need& need : *one.mutable_needs()) {
    need.clear_description();
    need.clear_status_reason();
  }
  for (v1::SupportRecord& support : *one.mutable_support_records()) support.clear_description();
  for (v1::Visit& visit : *one.mutable_visits()) visit.clear_notes();
  // Notes about the household as a whole, which may name anyone of it.
  for (v1::ModelParticipation& participation : *one.mutable_participations()) participation.clear_note();
  for (v1::EmergencyMark& mark : *one.mutable_emergency_marks()) mark.clear_note();
  one.clear_pending_transfer();
  one.clear_history();
}

}  // namespace

v1::SubjectAccessExport ForMember(const v1::SubjectAccessExport& household_export,
                                  const std::string& member_id) {
  v1::SubjectAccessExport scoped = household_export;
  scoped.set_member_id(member_id);
  const bool only_member = household_export.household().members_size() == 1;

  v1::Household& household = *scoped.mutable_household();
  KeepMember(*household.mutable_members(), member_id);
  if (household.head_member_id() != member_id) household.clear_head_member_id();
  for (v1::Survey& survey : *scoped.mutable_surveys()) KeepMember(*survey.mutable_members(), member_id);

  KeepOnly(*scoped.mutable_correction_requests(),
           [&](const v1::CorrectionRequest& request) { return request.member_id() == member_id; });
  // Who asked (a parent for a child) and the reasons in words may name others.
  for (v1::CorrectionRequest& request : *scoped.mutable_correction_requests()) {
    request.clear_requested_by();
    request.clear_reason();
    request.clear_rejection_reason();
  }

  if (scoped.has_official_status()) {
    ScopeResult(*scoped.mutable_official_status()->mutable_result(), member_id, only_member);
  }
  for (v1::ApprovedResult& approved : *scoped.mutable_status_history()) {
    ScopeResult(*approved.mutable_result(), member_id, only_member);
  }
  if (scoped.has_latest_classification()) {
    ScopeResult(*scoped.mutable_latest_classification(), member_id, only_member);
  }
  for (v1::Case& one : *scoped.mutable_cases()) ScopeCase(one);

  scoped.clear_withheld();
  for (const char* what : {"export.withheld.other_members", "export.withheld.explanations",
                           "export.withheld.free_text", "export.withheld.household_history"}) {
    scoped.add_withheld(what);
  }
  return scoped;
}

}  // namespace ansinh::subject_access
