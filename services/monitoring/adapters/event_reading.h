#pragma once

// What monitoring learns from one consumed event: the facts for the
// household figure records, the households whose timeline it belongs in, and
// the regular reviews whose deadline it watches. Dates the payload does not
// carry are the ward date of the event's occurred_at (UTC+7).

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/envelope.pb.h"
#include "ansinh/v1/livelihood.pb.h"
#include "monitoring/core/household_updates.h"

namespace ansinh::monitoring {

using Fact = std::variant<HouseholdRegistration, HouseholdDeparture, StatusApproval, CaseAssignment,
                          CaseClosure, HelperAssignment, HelperRelease, NeedRecording, NeedStatusChange,
                          SupportDelivery, VisitRecording, ModelParticipationFact, SurveyIncomeFact,
                          EmergencyStrikeFact, HouseholdErasure>;

struct EventReading {
  // The household the facts are about (empty when there are none).
  std::string fact_household_id;
  // Facts about fact_household_id, in the order they apply.
  std::vector<Fact> facts;
  // The residential group the payload names, used only for a household whose
  // registry event has not arrived yet (the registry's group is the truth).
  std::string residential_group_hint;
  // Households whose timeline the event belongs in: the envelope's household
  // first, then any other the payload names (e.g. every household posted).
  std::vector<std::string> timeline_households;
  // A regular review just opened: its deadline is watched until approval.
  std::optional<v1::ReviewRound> opened_regular_review;
  // A round just approved: no longer waiting for a decision.
  std::string approved_round_id;
  // An emergency declared or ended: kept for its alerts and the reports.
  std::optional<v1::Emergency> emergency;
};

struct ReadOutcome {
  EventReading reading;
  // False only for a payload whose type URL names a known message but whose
  // bytes do not parse: it can never be applied.
  bool ok = true;
  std::string error;
};

// Reads the event's payload by its type URL. An unknown payload type yields
// no facts: the event still goes into the audit chain and, through the
// envelope's household, into the timeline.
ReadOutcome ReadEvent(const v1::EventEnvelope& event);

// The key monitoring stores a need or support under: ids like "N1" and "S1"
// are numbered per case, and a household may have several cases over time.
std::string CaseScopedId(const std::string& case_id, const std::string& id);

}  // namespace ansinh::monitoring
