#include "classification/core/round_states.h"

namespace ansinh::classification {

std::string_view StateWords(v1::HouseholdReviewState state) {
  switch (state) {
    case v1::HOUSEHOLD_REVIEW_STATE_PROPOSED:
      return "awaiting its meeting";
    case v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED:
      return "agreed at the meeting, not yet posted";
    case v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK:
      return "sent back by the meeting, needs a new survey";
    case v1::HOUSEHOLD_REVIEW_STATE_POSTED:
      return "posted";
    case v1::HOUSEHOLD_REVIEW_STATE_COMPLAINED:
      return "complaint under re-check, needs a new survey";
    case v1::HOUSEHOLD_REVIEW_STATE_APPROVED:
      return "approved";
    case v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED:
      return "excluded from approval";
    case v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE:
      return "not classifiable from its latest survey, needs a corrected survey";
    case v1::HOUSEHOLD_REVIEW_STATE_LISTED:
      return "on the list, neither surveyed nor decided";
    case v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED:
      return "on the list, decided without a survey";
    default:
      return "not surveyed";
  }
}

std::optional<Error> RequireOpen(const v1::ReviewRound& round) {
  if (round.status() == v1::ROUND_STATUS_OPEN) return std::nullopt;
  if (round.status() == v1::ROUND_STATUS_APPROVED) {
    return Error::FailedPrecondition("round " + round.round_id() + " was approved on " +
                                     round.approved_date() + " and accepts no more steps")
        .WithKey("error.round.approved", {{"round", round.round_id()}, {"date", round.approved_date()}});
  }
  return Error::FailedPrecondition("round " + round.round_id() + " is not open")
      .WithKey("error.round.not_open", {{"round", round.round_id()}});
}

std::optional<Error> RequireSameRound(const v1::ReviewRound& round,
                                      std::span<const v1::RoundHousehold> households) {
  for (const v1::RoundHousehold& household : households) {
    if (household.round_id() != round.round_id()) {
      return Error::InvalidArgument("household " + household.household_id() + " belongs to round " +
                                    household.round_id() + ", not " + round.round_id());
    }
  }
  return std::nullopt;
}

std::optional<CivilDate> CheckStepDate(const v1::ReviewRound& round, std::string_view text, std::string field,
                                       FieldViolations& violations) {
  const std::optional<CivilDate> date = ParseIsoDate(text);
  if (!date) {
    violations.push_back({std::move(field), "must be an ISO date (YYYY-MM-DD)"});
    return std::nullopt;
  }
  const std::optional<CivilDate> opened = ParseIsoDate(round.opened_date());
  if (opened && *date < *opened) {
    violations.push_back(
        {std::move(field), "must not be before the round opened (" + round.opened_date() + ")"});
    return std::nullopt;
  }
  return date;
}

bool ReadyForApproval(const v1::RoundHousehold& household, const CivilDate& on) {
  if (household.state() != v1::HOUSEHOLD_REVIEW_STATE_POSTED) return false;
  const std::optional<CivilDate> closes = ParseIsoDate(household.complaint_window_closes());
  return closes && on > *closes;
}

}  // namespace ansinh::classification
