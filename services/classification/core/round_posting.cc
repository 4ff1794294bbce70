#include "classification/core/round_posting.h"

#include <string>

namespace ansinh::classification {

Result<PostingOutcome> PostResults(const v1::ReviewRound& round,
                                   std::span<const v1::RoundHousehold> households,
                                   std::string_view posted_date, const PostingPolicy& policy) {
  Result<PostingOutcome> outcome = PostBatch(round, households, posted_date, policy);
  if (outcome.ok() && outcome->posted.empty()) return NothingToPost(round, outcome->awaiting_meeting);
  return outcome;
}

Error NothingToPost(const v1::ReviewRound& round, int awaiting_meeting) {
  return Error::FailedPrecondition("round " + round.round_id() +
                                   " has no household agreed at a meeting to post (" +
                                   std::to_string(awaiting_meeting) + " awaiting their meeting)")
      .WithKey("error.post.nothing_agreed",
               {{"round", round.round_id()}, {"awaiting", std::to_string(awaiting_meeting)}});
}

Result<PostingOutcome> PostBatch(const v1::ReviewRound& round, std::span<const v1::RoundHousehold> households,
                                 std::string_view posted_date, const PostingPolicy& policy) {
  FieldViolations violations;
  const std::optional<CivilDate> posted = CheckStepDate(round, posted_date, "posted_date", violations);
  if (policy.complaint_window_working_days < 1) {
    violations.push_back({"complaint_window_working_days", "must be at least 1 working day"});
  }
  if (!violations.empty()) {
    return Error::InvalidArgument("cannot post round " + round.round_id() + ": " + violations.front().field +
                                      " " + violations.front().description,
                                  std::move(violations));
  }
  if (std::optional<Error> wrong = RequireSameRound(round, households)) {
    return *wrong;
  }
  if (std::optional<Error> closed = RequireOpen(round)) return *closed;

  const std::string closes =
      FormatIsoDate(LastOfWorkingDays(*posted, policy.complaint_window_working_days, policy.holidays));
  PostingOutcome outcome;
  outcome.round = round;
  outcome.round.set_last_posted_date(std::string(posted_date));
  outcome.event.set_round_id(round.round_id());
  outcome.event.set_posted_date(std::string(posted_date));
  outcome.event.set_complaint_window_closes(closes);
  for (const v1::RoundHousehold& household : households) {
    if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_PROPOSED) {
      ++outcome.awaiting_meeting;
    }
    if (household.state() != v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED) continue;
    v1::RoundHousehold& updated = outcome.posted.emplace_back(household);
    updated.set_state(v1::HOUSEHOLD_REVIEW_STATE_POSTED);
    updated.set_posted_date(std::string(posted_date));
    updated.set_complaint_window_closes(closes);
    outcome.event.add_household_ids(household.household_id());
  }
  return outcome;
}

}  // namespace ansinh::classification
