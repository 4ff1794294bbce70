#include "classification/adapters/round_step_support.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <thread>

#include <spdlog/spdlog.h>

#include "classification/adapters/partition_round_store.h"
#include "classification/adapters/round_event_relay.h"
#include "classification/adapters/round_store.h"
#include "redis/redis_error.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::classification {

void PauseBeforeRetry(int attempt) {
  thread_local std::mt19937 random{std::random_device{}()};
  std::uniform_int_distribution<int> pause_us(0, 1000 << std::min(attempt, 5));
  std::this_thread::sleep_for(std::chrono::microseconds(pause_us(random)));
}

grpc::Status RequireReviewOfficer(const server::CallScope& call) {
  return server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, kReviewAction);
}

grpc::Status RoundBusy(const std::string& round_id) {
  return server::KeyedStatus(grpc::StatusCode::ABORTED,
                             "round " + round_id + " is being changed by others right now; try again",
                             "error.round.busy", {{"round", round_id}});
}

grpc::Status NoRound(const std::string& round_id) {
  return server::KeyedStatus(grpc::StatusCode::NOT_FOUND, "no review round " + round_id,
                             "error.round.not_found", {{"round", round_id}});
}

RoundForStep ReadRoundForStep(redis::Connection& redis, const ClassificationKeys& keys,
                              const std::string& round_id, int partition) {
  RoundForStep step;
  const std::optional<v1::PartitionRound> seen = PartitionRoundStore(redis, keys).Load(round_id, partition);
  if (OpenInPartition(seen)) {
    step.round = seen->round();
    return step;
  }
  // Closed in the partition, or never opened: the round's record says which.
  const std::optional<StoredRound> stored = RoundStore(redis, keys).Load(round_id);
  if (!stored) {
    step.refusal = NoRound(round_id);
  } else if (stored->round.status() == v1::ROUND_STATUS_APPROVED) {
    step.round = stored->round;
  } else {
    step.refusal = RoundBusy(round_id);
  }
  return step;
}

void RelayRoundEvents(redis::Connection& redis, const ClassificationKeys& keys, const std::string& round_id) {
  try {
    RoundEventRelay(redis, keys).Drain(round_id);
  } catch (const redis::TransactionAborted&) {
    // Other relays of the round won every attempt: they move the events.
    spdlog::debug("round {}: other relays are moving its events", round_id);
  } catch (const std::exception& error) {
    spdlog::warn("round {}: relaying its events failed: {}; the next relay moves them", round_id,
                 error.what());
  }
}

FieldViolations RequireIds(const std::string& round_id, const std::string* household_id) {
  FieldViolations violations;
  if (round_id.empty()) violations.push_back({"round_id", "must name a review round, e.g. R-2025"});
  if (household_id != nullptr && household_id->empty()) {
    violations.push_back({"household_id", "must name a household of the round"});
  }
  return violations;
}

events::EventContext RequestContext(const server::CallScope& call) {
  return events::EventContext{call.actor, call.correlation_id, ""};
}

std::string StepDateProblem(std::string_view text, CivilDate today) {
  if (text.empty()) return "";
  const std::optional<CivilDate> date = ParseIsoDate(text);
  if (!date) return "must be an ISO date (YYYY-MM-DD)";
  if (*date > today) {
    return "must not be after today (" + FormatIsoDate(today) + "): record a step once it has happened";
  }
  return "";
}

std::string FutureDateProblem(std::string_view text, CivilDate today) {
  const std::optional<CivilDate> date = ParseIsoDate(text);
  if (!date || *date <= today) return "";
  return StepDateProblem(text, today);
}

std::string StepDateOrToday(const std::string& text, CivilDate today) {
  return text.empty() ? FormatIsoDate(today) : text;
}

}  // namespace ansinh::classification
