#include "classification/core/official_status.h"

#include <algorithm>
#include <vector>

#include "classification/core/event_facts.h"
#include "classification/core/list_years.h"
#include "classification/core/transitions.h"

namespace ansinh::classification {

bool HoldsRound(const v1::OfficialStatus& status, std::string_view round_id) {
  return std::any_of(status.history().begin(), status.history().end(),
                     [&](const v1::ApprovedResult& approved) { return approved.round_id() == round_id; });
}

Result<StatusChange> ApplyApproval(const v1::OfficialStatus& status, v1::ApprovedResult approved) {
  if (!status.household_id().empty() && status.household_id() != approved.household_id()) {
    return Error::InvalidArgument("approved result of household " + approved.household_id() +
                                      " cannot be applied to the status of household " +
                                      status.household_id(),
                                  {{"household_id", "must match the official status's household"}});
  }
  if (HoldsRound(status, approved.round_id())) {
    return Error::AlreadyExists("household " + approved.household_id() +
                                " already holds the approved result of round " + approved.round_id());
  }

  std::vector<v1::PovertyCategory> earlier;
  earlier.reserve(status.history_size());
  for (const v1::ApprovedResult& result : status.history()) {
    earlier.push_back(result.result().category());
  }
  approved.set_previous_category(earlier.empty() ? v1::POVERTY_CATEGORY_UNSPECIFIED : earlier.back());
  approved.set_transition(DecideTransition(earlier, approved.result().category()));

  StatusChange change;
  change.status = status;
  change.status.set_household_id(approved.household_id());
  *change.status.add_history() = approved;

  v1::HouseholdStatusChanged& event = change.event;
  const v1::ClassificationResult& result = approved.result();
  event.set_household_id(approved.household_id());
  event.set_residential_group(approved.residential_group());
  event.set_category(result.category());
  event.set_previous_category(approved.previous_category());
  event.set_transition(approved.transition());
  event.set_without_labour_capacity(result.without_labour_capacity());
  for (const v1::IndicatorResult& indicator : result.indicators()) {
    *event.add_indicators() = IndicatorFactsOf(indicator);
  }
  event.set_deprivation_count(result.deprivation_count());
  event.set_standard_id(result.standard_id());
  event.set_standard_version(result.standard_version());
  event.set_round_id(approved.round_id());
  event.set_review_year(approved.review_year());
  event.set_list_year(ListYearOfApproved(approved));
  event.set_approved_date(approved.approved_date());
  // The status is official from the chairman's decision, whatever day it
  // was entered: consumers date what follows from it (a case opened, a
  // card issued) by the decision.
  event.set_decision_number(approved.decision_number());
  event.set_decision_date(approved.approved_date());

  change.approved = std::move(approved);
  return change;
}

v1::HouseholdStatusSummary SummarizeStatus(const v1::OfficialStatus& status) {
  v1::HouseholdStatusSummary summary;
  summary.set_household_id(status.household_id());
  if (status.history().empty()) return summary;
  const v1::ApprovedResult& current = status.history(status.history_size() - 1);
  summary.set_residential_group(current.residential_group());
  summary.set_category(current.result().category());
  summary.set_without_labour_capacity(current.result().without_labour_capacity());
  summary.set_deprivation_count(current.result().deprivation_count());
  summary.set_review_year(current.review_year());
  summary.set_list_year(ListYearOfApproved(current));
  summary.set_round_id(current.round_id());
  summary.set_approved_date(current.approved_date());
  summary.set_transition(current.transition());
  summary.set_standard_id(current.result().standard_id());
  return summary;
}

bool MatchesHouseholdFilter(const v1::HouseholdStatusSummary& summary,
                            const v1::ListHouseholdStatusesRequest& request) {
  if (request.category() != v1::POVERTY_CATEGORY_UNSPECIFIED && summary.category() != request.category()) {
    return false;
  }
  if (request.without_labour_capacity_only() && !summary.without_labour_capacity()) {
    return false;
  }
  return request.residential_group().empty() || summary.residential_group() == request.residential_group();
}

}  // namespace ansinh::classification
