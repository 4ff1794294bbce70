#include "monitoring/core/alerts.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "i18n/proto/localized_text.h"
#include "monitoring/core/record_queries.h"

namespace ansinh::monitoring {
namespace {

using Record = v1::HouseholdFigureRecord;
using Alert = v1::WardAlert;

// `text` is the message as a catalog message (docs/i18n.md), worded as `message` is.
Alert MakeAlert(Alert::Kind kind, const std::string& household_id, const std::string& organization_id,
                CivilDate since, CivilDate today, std::string message, v1::LocalizedText text) {
  Alert alert;
  alert.set_kind(kind);
  alert.set_household_id(household_id);
  alert.set_organization_id(organization_id);
  alert.set_since(FormatIsoDate(since));
  alert.set_age_days(DaysBetween(since, today));
  alert.set_message(std::move(message));
  *alert.mutable_text() = std::move(text);
  return alert;
}

std::string Days(int days) { return std::to_string(days) + (days == 1 ? " day" : " days"); }

const char* CategoryWord(v1::PovertyCategory category) {
  return category == v1::POVERTY_CATEGORY_POOR ? "Poor" : "Near-poor";
}

void AddHouseholdAlerts(const Record& record, CivilDate today, const AlertThresholds& thresholds,
                        std::vector<Alert>& alerts) {
  if (!IsActiveOn(record, today)) return;
  const Record::Approval* in_force = ApprovalOn(record, today);
  if (in_force == nullptr || !IsPoorOrNearPoor(in_force->category())) return;
  const CivilDate spell_start = *SupportSpellStart(record, today);
  const std::string who =
      std::string(CategoryWord(in_force->category())) + " household " + record.household_id();
  const std::string category = i18n::EnumArg(in_force->category());

  const Record::FollowUpCase* responsible = ResponsibleCaseOn(record, today);
  if (responsible == nullptr) {
    CivilDate since = spell_start;
    if (const std::optional<CivilDate> closed = LastCaseClosedOn(record, today)) {
      since = std::max(since, *closed);
    }
    const int age = DaysBetween(since, today);
    if (age > thresholds.no_organization_days) {
      alerts.push_back(
          MakeAlert(Alert::KIND_NO_ORGANIZATION, record.household_id(), "", since, today,
                    who + " has had no responsible organization for " + Days(age) + " (since " +
                        FormatIsoDate(since) + ").",
                    i18n::Localized("alert.no_organization", {{"category", category},
                                                              {"household", record.household_id()},
                                                              {"days", age},
                                                              {"since", FormatIsoDate(since)}})));
    }
  } else if (!HasHelperOn(*responsible, today)) {
    const CivilDate since = std::max(spell_start, *ParseIsoDate(responsible->assigned_on()));
    const int age = DaysBetween(since, today);
    if (age > thresholds.no_helper_days) {
      alerts.push_back(MakeAlert(
          Alert::KIND_NO_HELPER, record.household_id(), responsible->organization_id(), since, today,
          who + " has had no helper from " + responsible->organization_id() + " for " + Days(age) +
              " (since " + FormatIsoDate(since) + ").",
          i18n::Localized("alert.no_helper", {{"category", category},
                                              {"household", record.household_id()},
                                              {"organization", responsible->organization_id()},
                                              {"days", age},
                                              {"since", FormatIsoDate(since)}})));
    }
  }

  const std::optional<CivilDate> last_visit = LastVisitOn(record, today);
  const CivilDate unvisited_since = last_visit ? std::max(*last_visit, spell_start) : spell_start;
  const int unvisited = DaysBetween(unvisited_since, today);
  if (unvisited >= thresholds.no_visit_days) {
    const bool visited = last_visit && *last_visit >= spell_start;
    const std::string since_words = visited ? "last visit " + FormatIsoDate(*last_visit)
                                            : "never visited since " + FormatIsoDate(spell_start);
    alerts.push_back(
        MakeAlert(Alert::KIND_NO_RECENT_VISIT, record.household_id(),
                  responsible != nullptr ? responsible->organization_id() : "", unvisited_since, today,
                  who + " has not been visited for " + Days(unvisited) + " (" + since_words + ").",
                  i18n::Localized(visited ? "alert.no_recent_visit" : "alert.never_visited",
                                  {{"category", category},
                                   {"household", record.household_id()},
                                   {"days", unvisited},
                                   {"date", FormatIsoDate(visited ? *last_visit : spell_start)}})));
  }
}

// The emergency's first day: as declared, else (its declaration not yet
// seen) the day the household was found affected.
CivilDate EmergencyBegan(const Record::EmergencyStrike& strike, const v1::Emergency* emergency) {
  if (emergency != nullptr) {
    if (const auto began = ParseIsoDate(emergency->began_on())) return *began;
  }
  return *ParseIsoDate(strike.affected_on());
}

bool ContactedSince(const Record& record, CivilDate since, CivilDate today) {
  for (const std::string& visited : record.visit_dates()) {
    const auto on = ParseIsoDate(visited);
    if (on && since <= *on && *on <= today) return true;
  }
  for (const Record::DeliveredSupport& support : record.supports()) {
    const auto on = ParseIsoDate(support.delivered_on());
    if (on && since <= *on && *on <= today) return true;
  }
  return false;
}

void AddEmergencyAlerts(const Record& record, std::span<const v1::Emergency> emergencies, CivilDate today,
                        std::vector<Alert>& alerts) {
  if (record.emergencies().empty() || !IsActiveOn(record, today)) return;
  const Record::Approval* in_force = ApprovalOn(record, today);
  if (in_force == nullptr || !IsPoorOrNearPoor(in_force->category())) return;
  const Record::FollowUpCase* responsible = ResponsibleCaseOn(record, today);
  for (const Record::EmergencyStrike& strike : record.emergencies()) {
    if (!ParseIsoDate(strike.affected_on())) continue;
    const auto declared = std::find_if(emergencies.begin(), emergencies.end(), [&](const v1::Emergency& e) {
      return e.emergency_id() == strike.emergency_id();
    });
    const v1::Emergency* emergency = declared != emergencies.end() ? &*declared : nullptr;
    const CivilDate began = EmergencyBegan(strike, emergency);
    if (began > today || ContactedSince(record, began, today)) continue;
    const std::string name = emergency != nullptr ? emergency->name() : strike.emergency_id();
    const int age = DaysBetween(began, today);
    Alert alert = MakeAlert(
        Alert::KIND_EMERGENCY_NOT_CONTACTED, record.household_id(),
        responsible != nullptr ? responsible->organization_id() : "", began, today,
        std::string(CategoryWord(in_force->category())) + " household " + record.household_id() +
            " was struck by " + name + " (" + strike.emergency_id() + ") and has had neither a visit nor " +
            "support since " + FormatIsoDate(began) + " (" + Days(age) + ").",
        i18n::Localized("alert.emergency_not_contacted", {{"category", i18n::EnumArg(in_force->category())},
                                                          {"household", record.household_id()},
                                                          {"emergency", name},
                                                          {"since", FormatIsoDate(began)},
                                                          {"days", age}}));
    alert.set_reference_id(strike.emergency_id());
    alerts.push_back(std::move(alert));
  }
}

void AddReviewAlert(const OpenRegularReview& review, CivilDate today, const AlertThresholds& thresholds,
                    std::vector<Alert>& alerts) {
  const int days_left = DaysBetween(today, review.deadline);
  const std::string subject =
      "The regular review of household " + review.household_id + " (" + review.round_id + ")";
  std::optional<Alert> alert;
  if (days_left < 0) {
    alert = MakeAlert(
        Alert::KIND_REVIEW_DEADLINE_PASSED, review.household_id, "", review.opened_on, today,
        subject + " was due on " + FormatIsoDate(review.deadline) + ": " + Days(-days_left) + " late.",
        i18n::Localized("alert.review_deadline_passed", {{"household", review.household_id},
                                                         {"round", review.round_id},
                                                         {"deadline", FormatIsoDate(review.deadline)},
                                                         {"days", -days_left}}));
  } else if (days_left <= thresholds.review_deadline_warning_days) {
    alert = MakeAlert(
        Alert::KIND_REVIEW_DEADLINE_NEAR, review.household_id, "", review.opened_on, today,
        subject + " must be decided by " + FormatIsoDate(review.deadline) + ": " + Days(days_left) + " left.",
        i18n::Localized("alert.review_deadline_near", {{"household", review.household_id},
                                                       {"round", review.round_id},
                                                       {"deadline", FormatIsoDate(review.deadline)},
                                                       {"days", days_left}}));
  }
  if (!alert) return;
  alert->set_reference_id(review.round_id);
  alerts.push_back(*std::move(alert));
}

void AddDeadLetterAlert(const DeadLetteredEvent& dead_letter, CivilDate today, std::vector<Alert>& alerts) {
  Alert alert = MakeAlert(Alert::KIND_DEAD_LETTERED_EVENT, dead_letter.household_id, "",
                          dead_letter.dead_lettered_on, today,
                          "Event " + dead_letter.event_type + " (" + dead_letter.event_id + ") from " +
                              dead_letter.stream + " was dead-lettered: " + dead_letter.reason,
                          i18n::Localized("alert.dead_lettered", {{"type", dead_letter.event_type},
                                                                  {"event", dead_letter.event_id},
                                                                  {"stream", dead_letter.stream},
                                                                  {"reason", dead_letter.reason}}));
  alert.set_reference_id(dead_letter.event_id);
  alerts.push_back(std::move(alert));
}

bool AlertOrder(const Alert& a, const Alert& b) {
  if (a.organization_id() != b.organization_id()) return a.organization_id() < b.organization_id();
  if (a.since() != b.since()) return a.since() < b.since();
  if (a.household_id() != b.household_id()) return a.household_id() < b.household_id();
  if (a.kind() != b.kind()) return a.kind() < b.kind();
  return a.reference_id() < b.reference_id();
}

}  // namespace

AlertThresholds AlertThresholdsFrom(const v1::AlertThresholds& configured) {
  AlertThresholds thresholds;
  const auto take = [](int value, int& field) {
    if (value > 0) field = value;
  };
  take(configured.no_organization_days(), thresholds.no_organization_days);
  take(configured.no_helper_days(), thresholds.no_helper_days);
  take(configured.no_visit_days(), thresholds.no_visit_days);
  take(configured.review_deadline_warning_days(), thresholds.review_deadline_warning_days);
  return thresholds;
}

std::vector<Alert> ComputeAlerts(const AlertInputs& inputs, CivilDate today,
                                 const AlertThresholds& thresholds) {
  std::vector<Alert> alerts;
  for (const Record& record : inputs.records) {
    AddHouseholdAlerts(record, today, thresholds, alerts);
    AddEmergencyAlerts(record, inputs.emergencies, today, alerts);
  }
  for (const OpenRegularReview& review : inputs.open_reviews) {
    AddReviewAlert(review, today, thresholds, alerts);
  }
  for (const DeadLetteredEvent& dead_letter : inputs.dead_letters) {
    AddDeadLetterAlert(dead_letter, today, alerts);
  }
  std::sort(alerts.begin(), alerts.end(), AlertOrder);
  return alerts;
}

std::vector<v1::OrganizationAlerts> GroupAlertsByOrganization(std::span<const Alert> alerts,
                                                              std::string_view organization_filter) {
  std::vector<Alert> ordered(alerts.begin(), alerts.end());
  std::sort(ordered.begin(), ordered.end(), AlertOrder);
  std::vector<v1::OrganizationAlerts> groups;
  for (Alert& alert : ordered) {
    if (!organization_filter.empty() && alert.organization_id() != organization_filter) continue;
    if (groups.empty() || groups.back().organization_id() != alert.organization_id()) {
      groups.emplace_back().set_organization_id(alert.organization_id());
    }
    *groups.back().add_alerts() = std::move(alert);
  }
  return groups;
}

}  // namespace ansinh::monitoring
