#pragma once

// Decoding an event's payload by its type URL. Every event payload message of
// the registry, classification and assignment services is listed once here;
// a visitor (an overload set, usually with a generic fallback) is called with
// the unpacked message. Listing the types also links their descriptors into
// the binary, so the generated pool knows every payload.

#include <google/protobuf/any.pb.h>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/corrections.pb.h"
#include "ansinh/v1/livelihood.pb.h"
#include "ansinh/v1/registry.pb.h"

namespace ansinh::monitoring {

template <typename... Messages>
struct PayloadTypes {};

using KnownPayloads = PayloadTypes<
    // registry.*
    v1::HouseholdRegistered, v1::HouseholdUpdated, v1::MemberAdded, v1::MemberUpdated, v1::MemberRemoved,
    v1::SurveyRecorded, v1::HouseholdMovedOut, v1::HouseholdDissolved, v1::HouseholdErased,
    v1::CorrectionRequested, v1::CorrectionAccepted, v1::CorrectionRejected,
    // classification.*
    v1::ReviewRoundOpened, v1::SurveyClassified, v1::SurveyUnclassifiable, v1::MeetingRecorded,
    v1::ResultsPosted, v1::ComplaintFiled, v1::RoundApproved, v1::HouseholdStatusChanged, v1::HouseholdListed,
    v1::ListDecisionRecorded,
    // assignment.*
    v1::CaseOpened, v1::OrganizationAssigned, v1::HelperAssigned, v1::CaseTransferRequested,
    v1::CaseTransferred, v1::CaseTransferDeclined, v1::NeedRecorded, v1::NeedStatusChanged,
    v1::SupportRecorded, v1::VisitRecorded, v1::FollowUpStarted, v1::CaseReopened, v1::CaseClosed,
    v1::CaseCategoryChanged, v1::OrganizationUpserted, v1::HelperUpserted, v1::LivelihoodModelUpserted,
    v1::ModelParticipationChanged, v1::EmergencyChanged, v1::HouseholdAffected>;

enum class PayloadOutcome {
  // The visitor was called with the unpacked message.
  kVisited,
  // The type URL names no known payload (a newer producer, another system).
  kUnknownType,
  // The type URL names a known payload but its bytes do not parse.
  kMalformed,
};

template <typename Visitor, typename... Messages>
PayloadOutcome VisitPayloadAs(const google::protobuf::Any& payload, Visitor& visitor,
                              PayloadTypes<Messages...> /*types*/) {
  PayloadOutcome outcome = PayloadOutcome::kUnknownType;
  const auto try_one = [&]<typename Message>() {
    if (outcome != PayloadOutcome::kUnknownType || !payload.Is<Message>()) return;
    Message message;
    if (!payload.UnpackTo(&message)) {
      outcome = PayloadOutcome::kMalformed;
      return;
    }
    visitor(message);
    outcome = PayloadOutcome::kVisited;
  };
  (try_one.template operator()<Messages>(), ...);
  return outcome;
}

// Calls `visitor` with the payload unpacked as whichever known message its
// type URL names.
template <typename Visitor>
PayloadOutcome VisitPayload(const google::protobuf::Any& payload, Visitor&& visitor) {
  return VisitPayloadAs(payload, visitor, KnownPayloads{});
}

// Overload sets from lambdas: VisitPayload(any, Overloaded{[](const A&) {...}, ...}).
template <typename... Lambdas>
struct Overloaded : Lambdas... {
  using Lambdas::operator()...;
};

}  // namespace ansinh::monitoring
