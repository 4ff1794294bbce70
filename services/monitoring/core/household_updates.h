#pragma once

// The facts the adapter feeds the projection with, one struct per kind of
// event. They are plain values on purpose: the adapter extracts them from the
// registry, classification and assignment event payloads, so the core does
// not depend on those services' event messages. Dates are ISO "YYYY-MM-DD".

#include <cstdint>
#include <string>

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/monitoring.pb.h"

namespace ansinh::monitoring {

// Review years the core accepts: wide enough for any real ward's data,
// narrow enough to catch a day or a version number passed as a year.
inline constexpr int kEarliestReviewYear = 2000;
inline constexpr int kLatestReviewYear = 2100;

using NeedKind = v1::HouseholdFigureRecord::NeedKind;
using NeedState = v1::HouseholdFigureRecord::NeedState;
using SupportKind = v1::HouseholdFigureRecord::SupportKind;

// registry.household_registered / household_updated: where the household lives.
struct HouseholdRegistration {
  std::string household_id;
  std::string residential_group;
};

// registry.household_moved_out / household_dissolved.
struct HouseholdDeparture {
  std::string household_id;
  // HOUSEHOLD_STATUS_MOVED_OUT or HOUSEHOLD_STATUS_DISSOLVED.
  v1::HouseholdStatus status = v1::HOUSEHOLD_STATUS_UNSPECIFIED;
  std::string left_on;
};

// classification.household_status_changed: an approved official status.
struct StatusApproval {
  std::string household_id;
  std::string round_id;
  // The year the review was held in, and the year of the list it decided.
  int review_year = 0;
  int list_year = 0;
  v1::PovertyCategory category = v1::POVERTY_CATEGORY_UNSPECIFIED;
  v1::Transition transition = v1::TRANSITION_UNSPECIFIED;
  bool without_labour_capacity = false;
  std::string approved_on;
};

// assignment.case_opened / organization_assigned / case_transferred /
// case_reopened: `organization_id` is responsible for the case from `assigned_on`.
struct CaseAssignment {
  std::string household_id;
  std::string case_id;
  std::string organization_id;
  std::string assigned_on;
};

// assignment.case_closed.
struct CaseClosure {
  std::string household_id;
  std::string case_id;
  std::string closed_on;
};

// assignment.helper_assigned. organization_id (optional) lets the record
// open the case when this arrives before the case's own event.
struct HelperAssignment {
  std::string household_id;
  std::string case_id;
  std::string organization_id;
  std::string helper_id;
  std::string assigned_on;
};

// assignment.case_reopened without a helper: the case's helper could not stay
// on the reopened case (inactive, at capacity, or of another organization), so
// the case has an organization but no helper from `released_on`.
struct HelperRelease {
  std::string household_id;
  std::string case_id;
  std::string released_on;
};

// assignment.need_recorded.
struct NeedRecording {
  std::string household_id;
  std::string need_id;
  NeedKind kind = v1::HouseholdFigureRecord::NEED_KIND_UNSPECIFIED;
  std::string recorded_on;
};

// assignment.need_status_changed: met, withdrawn, or open again. `kind` lets
// the record create the need when this arrives before the need's own event.
struct NeedStatusChange {
  std::string household_id;
  std::string need_id;
  NeedKind kind = v1::HouseholdFigureRecord::NEED_KIND_UNSPECIFIED;
  NeedState state = v1::HouseholdFigureRecord::NEED_STATE_UNSPECIFIED;
  std::string changed_on;
};

// What outcome analytics group a support delivery by (docs/outcomes.md);
// empty or UNSPECIFIED when the event did not carry it.
struct SupportAttribution {
  v1::SupportType type = v1::SUPPORT_TYPE_UNSPECIFIED;
  std::string provider;
  std::string livelihood_model_id;
  std::string emergency_id;
  // The case, its responsible organization and its helper when recorded. An
  // empty helper is taken from the case as the record knows it.
  std::string case_id;
  std::string organization_id;
  std::string helper_id;
};

// assignment.support_recorded.
struct SupportDelivery {
  std::string household_id;
  std::string support_id;
  SupportKind kind = v1::HouseholdFigureRecord::SUPPORT_KIND_UNSPECIFIED;
  std::string delivered_on;
  // Credit: the loan's VBSP programme; UNSPECIFIED otherwise or when not recorded.
  v1::CreditProgramme credit_programme = v1::CREDIT_PROGRAMME_UNSPECIFIED;
  // As recorded, >= 0.
  std::int64_t amount_vnd = 0;
  // What outcome analytics group it by.
  SupportAttribution attribution = {};
};

// assignment.model_joined / model_left: the household's part in a model.
struct ModelParticipationFact {
  std::string household_id;
  std::string model_id;
  std::string case_id;
  std::string joined_on;
  // Empty while it takes part.
  std::string left_on;
  std::string organization_id;
  std::string helper_id;
};

// registry.survey_recorded with a measured income.
struct SurveyIncomeFact {
  std::string household_id;
  std::string survey_id;
  // The survey this one corrects (its income is dropped); empty when none.
  std::string corrects_survey_id;
  std::string survey_date;
  std::int64_t income_per_capita_vnd = 0;
};

// assignment.household_affected: an emergency struck the household.
struct EmergencyStrikeFact {
  std::string household_id;
  std::string emergency_id;
  std::string affected_on;
};

// registry.household_erased: the household's measured incomes go (the
// figures keep only what the counts need).
struct HouseholdErasure {
  std::string household_id;
};

// assignment.visit_recorded.
struct VisitRecording {
  std::string household_id;
  std::string visited_on;
};

}  // namespace ansinh::monitoring
