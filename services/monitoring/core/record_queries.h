#pragma once

// What one household's figure record says about a year or a date. Figures
// and alerts are both built from these answers, so a household counts the
// same way on the dashboard and in the alerts.

#include <optional>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "kernel/civil_date.h"
#include "monitoring/core/household_updates.h"

namespace ansinh::monitoring {

bool IsPoorOrNearPoor(v1::PovertyCategory category);

// Counted in a review year's figures: never left, or left after the year
// ended. A household whose registry event has not arrived yet counts too (it
// has an approved status, so it exists). Registration dates are not used:
// the registry records when data was entered, not when a household came to be.
bool IsActiveInYear(const v1::HouseholdFigureRecord& record, int review_year);

// Not moved out or dissolved on or before `date`.
bool IsActiveOn(const v1::HouseholdFigureRecord& record, CivilDate date);

// The status in force for a review year: the last approval of that year or
// an earlier one (a status stands until a later review changes it); nullptr
// when there is none.
const v1::HouseholdFigureRecord::Approval* ApprovalForYear(const v1::HouseholdFigureRecord& record,
                                                           int review_year);

// The status in force on a date: the latest approval approved on or before it.
const v1::HouseholdFigureRecord::Approval* ApprovalOn(const v1::HouseholdFigureRecord& record,
                                                      CivilDate date);

// The transition of each approval, in the order of record.approvals(),
// decided again with classification's rule (classification/core/transitions.h)
// from the approvals before it in the record. The transition an event carried
// is not used: this way every transition agrees with the categories the
// figures count, in the record's order, also for approvals published under
// an earlier version of the rule.
std::vector<v1::Transition> ApprovalTransitions(const v1::HouseholdFigureRecord& record);

// Some approval of a review year in [first_year, last_year] has a transition
// (as ApprovalTransitions decides it) that `counts`, e.g.
// classification::CountsAsEscapedPoverty.
bool HasTransitionIn(const v1::HouseholdFigureRecord& record, int first_year, int last_year,
                     bool (*counts)(v1::Transition));

// When the household's current unbroken run of poor or near-poor approvals
// began (the date follow-up became due); nullopt when it is neither on `date`.
std::optional<CivilDate> SupportSpellStart(const v1::HouseholdFigureRecord& record, CivilDate date);

// The case whose organization is responsible on `date`: assigned on or before
// it and not closed by then; the most recently assigned when several are.
const v1::HouseholdFigureRecord::FollowUpCase* ResponsibleCaseOn(const v1::HouseholdFigureRecord& record,
                                                                 CivilDate date);

// The case has a helper assigned on or before `date`.
bool HasHelperOn(const v1::HouseholdFigureRecord::FollowUpCase& follow_up_case, CivilDate date);

// The latest date a case of the household closed, on or before `date`.
std::optional<CivilDate> LastCaseClosedOn(const v1::HouseholdFigureRecord& record, CivilDate date);

// The latest visit on or before `date`.
std::optional<CivilDate> LastVisitOn(const v1::HouseholdFigureRecord& record, CivilDate date);

// Whether the household had needs of a kind at `as_of`, and whether all of
// them were answered: marked met by then, or followed by support of the
// answering kind delivered between the need's recording and `as_of`.
// Withdrawn needs count as neither.
struct NeedCoverage {
  bool has_need = false;
  bool all_answered = false;
};
NeedCoverage CoverageOfNeeds(const v1::HouseholdFigureRecord& record, NeedKind need_kind,
                             SupportKind answered_by, CivilDate as_of);

}  // namespace ansinh::monitoring
