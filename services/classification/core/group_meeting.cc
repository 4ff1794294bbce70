#include "classification/core/group_meeting.h"

#include <algorithm>
#include <set>

#include "classification/core/review_round.h"
#include "classification/core/round_states.h"

namespace ansinh::classification {
namespace {

std::string DecisionField(size_t index, std::string_view field) {
  return "decisions[" + std::to_string(index) + "]." + std::string(field);
}

MeetingInput MeetingOf(const GroupMeetingInput& input, const GroupMeetingDecision& decision) {
  return MeetingInput{input.meeting_date, decision.attendees, decision.agreed, input.minutes_reference,
                      input.recorded_by};
}

}  // namespace

bool MeetingAlreadyRecorded(const v1::RoundHousehold& household, const GroupMeetingInput& input,
                            const GroupMeetingDecision& decision) {
  if (household.meetings().empty() || household.household_id() != decision.household_id) return false;
  const v1::MeetingResult& last = household.meetings(household.meetings_size() - 1);
  const v1::HouseholdReviewState left_in =
      last.passed() ? v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED : v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK;
  return household.state() == left_in && last.meeting_date() == input.meeting_date &&
         last.minutes_reference() == input.minutes_reference && last.recorded_by() == input.recorded_by &&
         last.attendees() == decision.attendees && last.agreed() == decision.agreed &&
         last.survey_id() == household.proposed().survey_id();
}

FieldViolations ValidateGroupMeeting(const GroupMeetingInput& input) {
  FieldViolations violations;
  // The date is the meeting's, checked once; ValidateMeeting's checks of the
  // votes are reused per decision under the decision's own field names.
  for (const FieldViolation& violation : ValidateMeeting(MeetingOf(input, {"", 1, 0}))) {
    violations.push_back(violation);
  }
  if (input.decisions.empty()) {
    violations.push_back({"decisions", "must list at least one household discussed"});
  } else if (input.decisions.size() > kMaxGroupMeetingDecisions) {
    violations.push_back({"decisions", "must list at most " + std::to_string(kMaxGroupMeetingDecisions) +
                                           " households; record a larger meeting in parts"});
    return violations;
  }
  std::set<std::string_view> listed;
  for (size_t i = 0; i < input.decisions.size(); ++i) {
    const GroupMeetingDecision& decision = input.decisions[i];
    if (decision.household_id.empty()) {
      violations.push_back({DecisionField(i, "household_id"), "must name a household of the round"});
    } else if (!listed.insert(decision.household_id).second) {
      violations.push_back({DecisionField(i, "household_id"),
                            "lists " + decision.household_id + " a second time; one decision per household"});
    }
    for (const FieldViolation& violation : ValidateMeeting(MeetingOf(input, decision))) {
      if (violation.field == "meeting_date") continue;
      violations.push_back({DecisionField(i, violation.field), violation.description});
    }
  }
  return violations;
}

Result<std::vector<v1::RoundHousehold>> RecordGroupMeeting(
    const v1::ReviewRound& round, std::span<const v1::RoundHousehold* const> households,
    const GroupMeetingInput& input) {
  FieldViolations violations = ValidateGroupMeeting(input);
  if (violations.empty()) CheckStepDate(round, input.meeting_date, "meeting_date", violations);
  if (violations.empty() && households.size() != input.decisions.size()) {
    violations.push_back({"decisions", "internal: one stored record is needed per decision"});
  }
  if (!violations.empty())
    return Error::InvalidArgument(ListViolations("invalid meeting minutes", violations), violations);
  if (std::optional<Error> closed = RequireOpen(round)) return *closed;

  std::vector<v1::RoundHousehold> updated;
  updated.reserve(households.size());
  FieldViolations refused;
  for (size_t i = 0; i < households.size(); ++i) {
    const std::string field = DecisionField(i, "household_id");
    if (households[i] == nullptr) {
      refused.push_back({field,
                         "household " + input.decisions[i].household_id + " is not in round " +
                             round.round_id() + ": no survey of it has been recorded for the round",
                         "error.round.household_not_in_round",
                         {{"household", input.decisions[i].household_id}, {"round", round.round_id()}}});
      continue;
    }
    if (MeetingAlreadyRecorded(*households[i], input, input.decisions[i])) {
      updated.push_back(*households[i]);
      continue;
    }
    Result<v1::RoundHousehold> step =
        RecordMeeting(round, *households[i], MeetingOf(input, input.decisions[i]));
    if (step.ok()) {
      updated.push_back(std::move(step).value());
    } else {
      refused.push_back({field, step.error().message, step.error().key, step.error().args});
    }
  }
  if (!refused.empty()) {
    // The message lists the first few; the violations carry every one.
    const FieldViolations first(refused.begin(),
                                refused.begin() + static_cast<long>(std::min<size_t>(refused.size(), 5)));
    std::string message =
        ListViolations("the meeting cannot be recorded; nothing was: " + std::to_string(refused.size()) +
                           " of " + std::to_string(households.size()) + " households cannot be discussed",
                       first);
    const std::string count = std::to_string(refused.size());
    return Error::FailedPrecondition(std::move(message), std::move(refused))
        .WithKey("error.meeting.group_refused",
                 {{"count", count}, {"households", std::to_string(households.size())}});
  }
  return updated;
}

}  // namespace ansinh::classification
