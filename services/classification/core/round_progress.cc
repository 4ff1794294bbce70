#include "classification/core/round_progress.h"

#include <algorithm>
#include <optional>

#include "classification/core/round_list.h"
#include "classification/core/round_states.h"

namespace ansinh::classification {

v1::RoundProgress ComputeProgress(const v1::ReviewRound& round,
                                  std::span<const v1::RoundHousehold> households, const CivilDate& today) {
  v1::RoundProgress progress;
  progress.set_round_id(round.round_id());
  for (const v1::RoundHousehold& household : households) {
    if (household.survey_count() > 0) progress.set_surveyed(progress.surveyed() + 1);
    if (OnList(household)) progress.set_on_list(progress.on_list() + 1);
    switch (household.state()) {
      case v1::HOUSEHOLD_REVIEW_STATE_LISTED:
        progress.set_listed(progress.listed() + 1);
        break;
      case v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED:
        progress.set_list_decided(progress.list_decided() + 1);
        if (household.list_decision().kind() == v1::LIST_DECISION_KIND_CARRIED_OVER) {
          progress.set_carried_over(progress.carried_over() + 1);
        }
        break;
      case v1::HOUSEHOLD_REVIEW_STATE_PROPOSED:
        progress.set_proposed(progress.proposed() + 1);
        break;
      case v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED:
        progress.set_agreed(progress.agreed() + 1);
        break;
      case v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK:
        progress.set_sent_back(progress.sent_back() + 1);
        break;
      case v1::HOUSEHOLD_REVIEW_STATE_POSTED:
        progress.set_posted(progress.posted() + 1);
        if (ReadyForApproval(household, today)) {
          progress.set_ready_for_approval(progress.ready_for_approval() + 1);
        }
        break;
      case v1::HOUSEHOLD_REVIEW_STATE_COMPLAINED:
        progress.set_complained(progress.complained() + 1);
        break;
      case v1::HOUSEHOLD_REVIEW_STATE_APPROVED:
        progress.set_approved(progress.approved() + 1);
        break;
      case v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED:
        progress.set_excluded(progress.excluded() + 1);
        break;
      case v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE: {
        progress.set_unclassifiable(progress.unclassifiable() + 1);
        v1::HouseholdError* problem = progress.add_unclassifiable_households();
        problem->set_household_id(household.household_id());
        problem->set_message(household.unclassifiable_reason());
        *problem->mutable_text() = household.unclassifiable_reason_text();
        break;
      }
      default:
        break;
    }
  }
  std::sort(progress.mutable_unclassifiable_households()->begin(),
            progress.mutable_unclassifiable_households()->end(),
            [](const v1::HouseholdError& a, const v1::HouseholdError& b) {
              return a.household_id() < b.household_id();
            });
  const std::optional<CivilDate> deadline = ParseIsoDate(round.deadline_date());
  progress.set_overdue(round.kind() == v1::REVIEW_KIND_REGULAR && round.status() == v1::ROUND_STATUS_OPEN &&
                       deadline && today > *deadline);
  return progress;
}

}  // namespace ansinh::classification
