#pragma once

// The case lifecycle, driven by the official status events of the
// classification service (HouseholdStatusChanged: category, transition,
// review year) and by time.
//
// Dates come from the decision (StatusChange.decided_on) where there is one.
//
//   official POOR / NEAR_POOR
//     no case, or the latest one CLOSED  -> a new OPEN case, organization by
//                                           the assignment policy (a relapse
//                                           after closing: case_number + 1,
//                                           previous_case_id set; the closed
//                                           case and its history are kept)
//     OPEN, same category                -> nothing (a repeated event is a no-op)
//     OPEN, other category               -> category updated
//     FOLLOW_UP                          -> the same case reopens (relapse),
//                                           organization and helper kept
//                                           when they still can carry it
//   official AVERAGE / NOT_POOR (escape)
//     OPEN                               -> FOLLOW_UP until today + N months
//     FOLLOW_UP, other category          -> category updated
//     otherwise                          -> nothing
//   time: FOLLOW_UP and today >= follow_up_until -> CLOSED
//
// A household therefore never has two cases that are not closed.

#include <optional>
#include <string>
#include <string_view>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/common.pb.h"
#include "assignment/core/case_events.h"
#include "assignment/core/operation_context.h"
#include "kernel/result.h"

namespace ansinh::assignment {

// What the assignment service takes from an official HouseholdStatusChanged event.
struct StatusChange {
  std::string household_id;
  // The household's residential group when the status was approved. It is
  // written to the case whenever the status changes something; a household
  // that moved without a status change keeps its case until staff transfer it.
  std::string residential_group;
  v1::PovertyCategory category = v1::POVERTY_CATEGORY_UNSPECIFIED;
  v1::Transition transition = v1::TRANSITION_UNSPECIFIED;
  // The year the approving review was held in, and the year whose list the
  // status belongs to (docs/domain.md §3.0).
  int review_year = 0;
  int list_year = 0;
  // The day of the chairman's decision that made the status official
  // (HouseholdStatusChanged.approved_date). The case it opens, reopens or
  // puts under follow-up dates from it, not from the day the event is
  // applied, so a visit made between the decision and its entry counts. None
  // for an event without one: dated by the day it is applied. Never later
  // than that day, nor before the case's latest dated step.
  std::optional<CivilDate> decided_on = std::nullopt;
};

// "CASE-HH-000123-2".
std::string CaseIdFor(std::string_view household_id, int case_number);

// Applies an official status to the household's latest case (`latest` is
// nullptr when the household never had one). When a new case is opened,
// updated_case is that new case and `latest` stays as it was. The context's
// actor is the service acting on the event.
Result<CaseChange> ApplyStatusChange(const v1::Case* latest, const StatusChange& change,
                                     const OperationContext& context);

// True for a FOLLOW_UP case whose period has ended on or before `today`.
bool FollowUpEnded(const v1::Case& a_case, CivilDate today);

// Closes the case when FollowUpEnded; otherwise returns it unchanged
// (changed() false). Run by the adapter's daily timer over follow-up cases.
CaseChange CloseIfFollowUpEnded(const v1::Case& current, const v1::Actor& actor, const When& when);

}  // namespace ansinh::assignment
