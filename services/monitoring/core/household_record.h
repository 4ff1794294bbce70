#pragma once

// Applying one fact to one household's figure record. The adapter loads the
// household's record, applies the fact and stores the record back when it
// changed; figures and alerts are then recomputed from the records.
//
// Every fact carries its own key (round, case, need or support id; the date
// for a visit), so applying the same fact twice leaves the record as the first
// application did, and `changed` tells the adapter it may skip the write.
// Facts of one aggregate must still arrive in order (the adapter's per-aggregate
// versions guarantee it): a later fact about the same key wins.

#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "kernel/result.h"
#include "monitoring/core/household_updates.h"

namespace ansinh::monitoring {

struct ApplyOutcome {
  // The record differs from before.
  bool changed = false;
  // Why the fact was refused; the record is untouched when not empty.
  FieldViolations violations;

  bool ok() const { return violations.empty(); }
};

// Sets the residential group; a household seen for the first time becomes
// active. A household that left stays out: the registry never brings one back.
ApplyOutcome Apply(const HouseholdRegistration& fact, v1::HouseholdFigureRecord& record);
// Marks the household moved out or dissolved from `left_on` (the earliest
// departure date wins when both arrive).
ApplyOutcome Apply(const HouseholdDeparture& fact, v1::HouseholdFigureRecord& record);
// Adds or replaces the approval of `round_id`.
ApplyOutcome Apply(const StatusApproval& fact, v1::HouseholdFigureRecord& record);
// Makes the organization responsible for the case. A change of organization
// drops the helper (helpers belong to an organization); a closed case never
// changes again.
ApplyOutcome Apply(const CaseAssignment& fact, v1::HouseholdFigureRecord& record);
// Closes the case; the first closing date stays.
ApplyOutcome Apply(const CaseClosure& fact, v1::HouseholdFigureRecord& record);
// Assigns or replaces the case's helper.
ApplyOutcome Apply(const HelperAssignment& fact, v1::HouseholdFigureRecord& record);
// Removes the case's helper; a case never seen, or closed, stays as it is.
ApplyOutcome Apply(const HelperRelease& fact, v1::HouseholdFigureRecord& record);
// Adds the need (state OPEN) or corrects its kind and date.
ApplyOutcome Apply(const NeedRecording& fact, v1::HouseholdFigureRecord& record);
// Sets the need's state.
ApplyOutcome Apply(const NeedStatusChange& fact, v1::HouseholdFigureRecord& record);
// Adds or replaces the support delivery.
ApplyOutcome Apply(const SupportDelivery& fact, v1::HouseholdFigureRecord& record);
// Adds the visit date.
ApplyOutcome Apply(const VisitRecording& fact, v1::HouseholdFigureRecord& record);
// Adds or replaces the household's part in the model on that case.
ApplyOutcome Apply(const ModelParticipationFact& fact, v1::HouseholdFigureRecord& record);
// Adds or replaces the survey's income; drops the income of the survey it corrects.
ApplyOutcome Apply(const SurveyIncomeFact& fact, v1::HouseholdFigureRecord& record);
// Adds the emergency (the first affected date stays).
ApplyOutcome Apply(const EmergencyStrikeFact& fact, v1::HouseholdFigureRecord& record);
// Drops the measured incomes.
ApplyOutcome Apply(const HouseholdErasure& fact, v1::HouseholdFigureRecord& record);

}  // namespace ansinh::monitoring
