#include "assignment/core/lifecycle.h"

#include <algorithm>

#include "assignment/core/case_journal.h"
#include "assignment/core/describe.h"
#include "assignment/core/organization_policy.h"
#include "assignment/core/request_checks.h"

namespace ansinh::assignment {
namespace {

bool IsSupportedCategory(v1::PovertyCategory category) {
  return category == v1::POVERTY_CATEGORY_POOR || category == v1::POVERTY_CATEGORY_NEAR_POOR;
}

FieldViolations Validate(const StatusChange& change) {
  FieldViolations violations;
  if (IsBlank(change.household_id)) violations.push_back({"household_id", "is required"});
  if (IsBlank(change.residential_group)) violations.push_back({"residential_group", "is required"});
  if (change.category == v1::POVERTY_CATEGORY_UNSPECIFIED || !v1::PovertyCategory_IsValid(change.category)) {
    violations.push_back({"category", "must be POOR, NEAR_POOR, AVERAGE or NOT_POOR"});
  }
  if (!v1::Transition_IsValid(change.transition))
    violations.push_back({"transition", "is not a known transition"});
  if (change.review_year <= 0) violations.push_back({"review_year", "must be a year"});
  if (change.list_year <= 0 || change.list_year < change.review_year ||
      change.list_year > change.review_year + 1) {
    violations.push_back({"list_year", "must be the review year or the year after it"});
  }
  return violations;
}

// "official status POOR (reviewed in 2025 for the 2026 list, NEWLY_POOR)".
std::string StatusReason(const StatusChange& change) {
  return "official status " + CategoryName(change.category) + " (reviewed in " +
         std::to_string(change.review_year) + " for the " + std::to_string(change.list_year) + " list, " +
         TransitionName(change.transition) + ")";
}

void ApplyStatusFields(const StatusChange& change, v1::Case* target) {
  target->set_residential_group(change.residential_group);
  target->set_category(change.category);
  target->set_last_transition(change.transition);
  target->set_review_year(change.review_year);
  target->set_list_year(change.list_year);
}

// The day a status takes effect on a case: the decision's day, but never
// after `today` (the decision cannot postdate its entry) nor before the
// latest dated step of the case it changes, so the case's history stays in
// order.
CivilDate EffectiveDate(const StatusChange& change, const v1::Case* latest, CivilDate today) {
  CivilDate effective = change.decided_on.value_or(today);
  if (effective > today) effective = today;
  if (latest == nullptr) return effective;
  for (const std::string* step : {&latest->opened_on(), &latest->reopened_on(),
                                  &latest->follow_up_started_on(), &latest->closed_on()}) {
    const std::optional<CivilDate> date = ParseIsoDate(*step);
    if (date && *date > effective) effective = *date;
  }
  return effective;
}

v1::OrganizationAssigned AssignedPayload(const v1::Case& target, std::string_view previous_organization_id) {
  v1::OrganizationAssigned assigned;
  StampCase(target, &assigned);
  assigned.set_category(target.category());
  assigned.set_organization_id(target.organization_id());
  assigned.set_previous_organization_id(std::string(previous_organization_id));
  assigned.set_reason(target.assignment_reason());
  return assigned;
}

Result<CaseChange> OpenNewCase(const v1::Case* closed, const StatusChange& change,
                               const OperationContext& context) {
  Result<OrganizationChoice> choice =
      ChooseOrganization(context.directory, change.residential_group, context.loads, context.settings);
  if (!choice.ok()) return choice.error();

  CaseChange result;
  v1::Case& opened = result.updated_case;
  const int number = closed == nullptr ? 1 : closed->case_number() + 1;
  opened.set_case_id(CaseIdFor(change.household_id, number));
  opened.set_household_id(change.household_id);
  opened.set_case_number(number);
  if (closed != nullptr) opened.set_previous_case_id(closed->case_id());
  ApplyStatusFields(change, &opened);
  opened.set_state(v1::CASE_STATE_OPEN);
  opened.set_organization_id(choice.value().organization_id);
  opened.set_assignment_reason(choice.value().reason);
  opened.set_opened_on(FormatIsoDate(EffectiveDate(change, closed, context.when.today)));

  v1::CaseOpened payload;
  StampCase(opened, &payload);
  payload.set_category(change.category);
  payload.set_transition(change.transition);
  payload.set_review_year(change.review_year);
  payload.set_list_year(change.list_year);
  payload.set_opened_on(opened.opened_on());
  payload.set_previous_case_id(opened.previous_case_id());
  payload.set_organization_id(opened.organization_id());

  const std::string reason = StatusReason(change);
  std::string detail = "case " + std::to_string(number) + " of household " + change.household_id +
                       " opened in " + change.residential_group;
  if (closed != nullptr) {
    detail += " after a relapse; previous case " + closed->case_id() + " closed on " + closed->closed_on();
  }
  CaseJournal journal(&opened, context.actor, context.when.now);
  journal.Record(v1::CASE_ACTION_OPENED, reason, detail, std::move(payload));
  journal.Record(
      v1::CASE_ACTION_ORGANIZATION_ASSIGNED, reason,
      DescribeOrganization(context.directory, opened.organization_id()) + ": " + opened.assignment_reason(),
      AssignedPayload(opened, ""));
  result.events = journal.TakeEvents();
  return result;
}

// Why the case's helper cannot stay on a reopened case; empty when they can.
std::string HelperReleaseReason(const v1::Case& reopened, const OperationContext& context) {
  const v1::Helper* helper = context.directory.FindHelper(reopened.helper_id());
  const std::string who = DescribeHelper(context.directory, reopened.helper_id());
  if (helper == nullptr) return "helper " + who + " is no longer in the directory";
  if (!helper->active()) return "helper " + who + " is inactive";
  if (helper->organization_id() != reopened.organization_id()) {
    return "helper " + who + " belongs to " + helper->organization_id() + ", not " +
           reopened.organization_id();
  }
  const int load = context.loads.HelperLoad(helper->id());
  if (load >= helper->max_caseload()) {
    return "helper " + who + " already carries " + std::to_string(load) + " open cases (maximum " +
           std::to_string(helper->max_caseload()) + ")";
  }
  return "";
}

Result<CaseChange> Reopen(const v1::Case& current, const StatusChange& change,
                          const OperationContext& context) {
  CaseChange result;
  v1::Case& reopened = result.updated_case;
  reopened = current;
  ApplyStatusFields(change, &reopened);
  reopened.set_state(v1::CASE_STATE_OPEN);
  reopened.set_reopened_on(FormatIsoDate(EffectiveDate(change, &current, context.when.today)));
  reopened.clear_follow_up_started_on();
  reopened.clear_follow_up_until();

  const v1::Organization* organization = context.directory.FindOrganization(current.organization_id());
  const bool keeps_organization = organization != nullptr && organization->active();
  if (!keeps_organization) {
    Result<OrganizationChoice> choice =
        ChooseOrganization(context.directory, change.residential_group, context.loads, context.settings);
    if (!choice.ok()) return choice.error();
    reopened.set_organization_id(choice.value().organization_id);
    reopened.set_assignment_reason(choice.value().reason);
  }
  std::string release_reason;
  if (!reopened.helper_id().empty()) {
    release_reason = HelperReleaseReason(reopened, context);
    if (!release_reason.empty()) reopened.clear_helper_id();
  }

  v1::CaseReopened payload;
  StampCase(reopened, &payload);
  payload.set_category(change.category);
  payload.set_transition(change.transition);
  payload.set_review_year(change.review_year);
  payload.set_list_year(change.list_year);
  payload.set_reopened_on(reopened.reopened_on());
  payload.set_organization_id(reopened.organization_id());
  payload.set_helper_id(reopened.helper_id());
  payload.set_follow_up_started_on(current.follow_up_started_on());

  const std::string reason = StatusReason(change);
  CaseJournal journal(&reopened, context.actor, context.when.now);
  journal.Record(v1::CASE_ACTION_REOPENED, reason,
                 "relapse during follow-up (started " + current.follow_up_started_on() + ", until " +
                     current.follow_up_until() + "); " +
                     (keeps_organization ? "continues with "
                                         : "previous organization " + current.organization_id() +
                                               " is inactive; now with ") +
                     DescribeOrganization(context.directory, reopened.organization_id()),
                 std::move(payload));
  if (!release_reason.empty()) {
    journal.Note(v1::CASE_ACTION_HELPER_RELEASED, reason, release_reason + "; the case needs a new helper");
  }
  if (!keeps_organization) {
    journal.Record(v1::CASE_ACTION_ORGANIZATION_ASSIGNED, reason,
                   DescribeOrganization(context.directory, reopened.organization_id()) + ": " +
                       reopened.assignment_reason(),
                   AssignedPayload(reopened, current.organization_id()));
  }
  result.events = journal.TakeEvents();
  return result;
}

CaseChange StartFollowUp(const v1::Case& current, const StatusChange& change,
                         const OperationContext& context) {
  CaseChange result;
  v1::Case& followed = result.updated_case;
  followed = current;
  ApplyStatusFields(change, &followed);
  followed.set_state(v1::CASE_STATE_FOLLOW_UP);
  const CivilDate started = EffectiveDate(change, &current, context.when.today);
  followed.set_follow_up_started_on(FormatIsoDate(started));
  followed.set_follow_up_until(FormatIsoDate(AddMonths(started, context.settings.follow_up_months)));

  v1::FollowUpStarted payload;
  StampCase(followed, &payload);
  payload.set_previous_category(current.category());
  payload.set_category(change.category);
  payload.set_transition(change.transition);
  payload.set_review_year(change.review_year);
  payload.set_list_year(change.list_year);
  payload.set_follow_up_started_on(followed.follow_up_started_on());
  payload.set_follow_up_until(followed.follow_up_until());
  payload.set_organization_id(followed.organization_id());

  CaseJournal journal(&followed, context.actor, context.when.now);
  journal.Record(v1::CASE_ACTION_FOLLOW_UP_STARTED, StatusReason(change),
                 "escaped from " + CategoryName(current.category()) + "; followed by " +
                     followed.organization_id() + " for " +
                     std::to_string(context.settings.follow_up_months) + " months, until " +
                     followed.follow_up_until(),
                 std::move(payload));
  result.events = journal.TakeEvents();
  return result;
}

CaseChange ChangeCategory(const v1::Case& current, const StatusChange& change,
                          const OperationContext& context) {
  CaseChange result;
  v1::Case& updated = result.updated_case;
  updated = current;
  ApplyStatusFields(change, &updated);

  v1::CaseCategoryChanged payload;
  StampCase(updated, &payload);
  payload.set_previous_category(current.category());
  payload.set_category(change.category);
  payload.set_transition(change.transition);
  payload.set_review_year(change.review_year);
  payload.set_list_year(change.list_year);
  payload.set_organization_id(updated.organization_id());
  payload.set_state(updated.state());

  CaseJournal journal(&updated, context.actor, context.when.now);
  journal.Record(v1::CASE_ACTION_CATEGORY_CHANGED, StatusReason(change),
                 CategoryName(current.category()) + " -> " + CategoryName(change.category),
                 std::move(payload));
  result.events = journal.TakeEvents();
  return result;
}

CaseChange Unchanged(const v1::Case* latest) {
  CaseChange result;
  if (latest != nullptr) result.updated_case = *latest;
  return result;
}

}  // namespace

std::string CaseIdFor(std::string_view household_id, int case_number) {
  return "CASE-" + std::string(household_id) + "-" + std::to_string(case_number);
}

Result<CaseChange> ApplyStatusChange(const v1::Case* latest, const StatusChange& change,
                                     const OperationContext& context) {
  FieldViolations violations = Validate(change);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  if (latest != nullptr && latest->household_id() != change.household_id) {
    return Error::FailedPrecondition("case " + latest->case_id() + " belongs to household " +
                                     latest->household_id() + ", not " + change.household_id);
  }

  const v1::CaseState state = latest == nullptr ? v1::CASE_STATE_CLOSED : latest->state();
  if (IsSupportedCategory(change.category)) {
    switch (state) {
      case v1::CASE_STATE_OPEN:
        if (latest->category() == change.category) return Unchanged(latest);
        return ChangeCategory(*latest, change, context);
      case v1::CASE_STATE_FOLLOW_UP:
        return Reopen(*latest, change, context);
      default:
        return OpenNewCase(latest, change, context);
    }
  }
  switch (state) {
    case v1::CASE_STATE_OPEN:
      return StartFollowUp(*latest, change, context);
    case v1::CASE_STATE_FOLLOW_UP:
      if (latest->category() == change.category) return Unchanged(latest);
      return ChangeCategory(*latest, change, context);
    default:
      return Unchanged(latest);
  }
}

bool FollowUpEnded(const v1::Case& a_case, CivilDate today) {
  if (a_case.state() != v1::CASE_STATE_FOLLOW_UP) return false;
  const std::optional<CivilDate> until = ParseIsoDate(a_case.follow_up_until());
  return until.has_value() && *until <= today;
}

CaseChange CloseIfFollowUpEnded(const v1::Case& current, const v1::Actor& actor, const When& when) {
  if (!FollowUpEnded(current, when.today)) return Unchanged(&current);

  CaseChange result;
  v1::Case& closed = result.updated_case;
  closed = current;
  closed.set_state(v1::CASE_STATE_CLOSED);
  closed.set_closed_on(FormatIsoDate(when.today));
  std::string detail =
      "follow-up from " + current.follow_up_started_on() + " ended on " + current.follow_up_until();
  if (current.has_pending_transfer()) {
    detail += "; pending transfer to " + current.pending_transfer().to_organization_id() + " withdrawn";
    closed.clear_pending_transfer();
  }

  v1::CaseClosed payload;
  StampCase(closed, &payload);
  payload.set_organization_id(closed.organization_id());
  payload.set_category(closed.category());
  payload.set_closed_on(closed.closed_on());
  payload.set_follow_up_started_on(closed.follow_up_started_on());
  payload.set_open_needs(
      static_cast<int>(std::count_if(closed.needs().begin(), closed.needs().end(), [](const v1::Need& need) {
        return need.status() == v1::NEED_STATUS_OPEN;
      })));

  CaseJournal journal(&closed, actor, when.now);
  journal.Record(v1::CASE_ACTION_CLOSED, "follow-up period ended", detail, std::move(payload));
  result.events = journal.TakeEvents();
  return result;
}

}  // namespace ansinh::assignment
