#pragma once

// Alerts for staff, recomputed from the current records on every request:
// an alert is never stored, so it disappears as soon as its condition ends.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/livelihood.pb.h"
#include "ansinh/v1/monitoring.pb.h"
#include "kernel/civil_date.h"

namespace ansinh::monitoring {

// Decision 24/2021/QĐ-TTg: a regular review is decided within 15 days.
inline constexpr int kRegularReviewDecisionDays = 15;

struct AlertThresholds {
  // Poor or near-poor without a responsible organization for more than this.
  int no_organization_days = 7;
  // With an organization but without a helper for more than this.
  int no_helper_days = 14;
  // Not visited for this many days or more.
  int no_visit_days = 90;
  // A regular review with this many days or fewer left before its deadline.
  int review_deadline_warning_days = 3;
};

// The configured thresholds; a field left at 0 keeps the default.
AlertThresholds AlertThresholdsFrom(const v1::AlertThresholds& configured);

// A regular review (one household applied) not yet decided.
struct OpenRegularReview {
  std::string round_id;
  std::string household_id;
  CivilDate opened_on;
  // Usually opened_on + kRegularReviewDecisionDays.
  CivilDate deadline;
};

// An event the adapter moved to a dead-letter stream.
struct DeadLetteredEvent {
  std::string stream;
  std::string event_id;
  std::string event_type;
  // Empty when the event is not about one household.
  std::string household_id;
  std::string reason;
  CivilDate dead_lettered_on;
};

struct AlertInputs {
  std::span<const v1::HouseholdFigureRecord> records;
  std::span<const OpenRegularReview> open_reviews;
  std::span<const DeadLetteredEvent> dead_letters;
  // The emergencies declared (their names and first days).
  std::span<const v1::Emergency> emergencies = {};
};

// Every alert in force on `today`:
//   - a household poor or near-poor on `today` with no responsible
//     organization for more than no_organization_days (counted from the
//     start of its poor/near-poor run or its last case's closing, whichever
//     is later), addressed to the ward officers;
//   - with an organization but no helper for more than no_helper_days
//     (counted from the later of that run's start and the organization's
//     assignment), addressed to the organization;
//   - not visited for no_visit_days or more (counted from the later of the
//     last visit and the run's start), addressed to the organization;
//   - an open regular review at most review_deadline_warning_days before its
//     deadline, or past it, addressed to the ward officers;
//   - every dead-lettered event, addressed to the ward officers;
//   - a household poor or near-poor on `today` that an emergency struck and
//     that has had neither a visit nor support since the emergency began,
//     addressed to its responsible organization (the ward officers when it
//     has none); a visit or support on or after the first day clears it.
// Ordered by organization, then oldest condition first.
std::vector<v1::WardAlert> ComputeAlerts(const AlertInputs& inputs, CivilDate today,
                                         const AlertThresholds& thresholds);

// The alerts grouped by organization (ward-level alerts, organization "",
// first); only `organization_filter`'s group when it is not empty.
std::vector<v1::OrganizationAlerts> GroupAlertsByOrganization(std::span<const v1::WardAlert> alerts,
                                                              std::string_view organization_filter = {});

}  // namespace ansinh::monitoring
