#include "classification/core/round_partitions.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include "classification/core/round_events.h"

namespace ansinh::classification {
namespace {

// Sort key of a waiting event: its entry id; one that does not parse sorts
// last. The partition and its position keep ties and such entries in their
// partition's order.
std::tuple<StreamId, int, size_t> OrderOf(const OutboxEvent& event, size_t position) {
  const std::optional<StreamId> id = ParseStreamEntryId(event.entry_id);
  constexpr uint64_t kLast = std::numeric_limits<uint64_t>::max();
  return {id.value_or(StreamId{kLast, kLast}), event.partition, position};
}

}  // namespace

std::optional<StreamId> ParseStreamEntryId(std::string_view text) {
  if (text.find('-') == std::string_view::npos) return std::nullopt;
  return ansinh::ParseStreamId(text);
}

RelayStep PlanRelay(const v1::ReviewRound& round, uint64_t events, std::vector<OutboxEvent> waiting) {
  std::vector<std::pair<std::tuple<StreamId, int, size_t>, OutboxEvent*>> order;
  order.reserve(waiting.size());
  for (size_t i = 0; i < waiting.size(); ++i) order.emplace_back(OrderOf(waiting[i], i), &waiting[i]);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  RelayStep step;
  step.round = round;
  step.events = events;
  for (auto& [key, event] : order) {
    v1::EventEnvelope& envelope = event->envelope;
    envelope.set_aggregate_version(++step.events);
    if (envelope.event_type() == kResultsPosted) {
      v1::ResultsPosted posted;
      if (envelope.payload().UnpackTo(&posted) && !posted.posted_date().empty()) {
        step.round.set_last_posted_date(posted.posted_date());
      }
    }
    step.appended.push_back(std::move(envelope));
  }
  // The last entry taken of each partition: its greatest id, which the
  // partition's order (and the waiting list, read in id order) ends with.
  for (const OutboxEvent& event : waiting) step.relayed[event.partition] = event.entry_id;
  return step;
}

std::string EncodeApprovalClaim(const ApprovalClaim& claim) {
  return std::to_string(claim.expires_ms) + " " + claim.token;
}

std::optional<ApprovalClaim> ParseApprovalClaim(std::string_view text) {
  const size_t space = text.find(' ');
  if (space == std::string_view::npos || space + 1 >= text.size()) return std::nullopt;
  const std::optional<uint64_t> expires = ParseUnsignedDecimal(text.substr(0, space));
  if (!expires) return std::nullopt;
  return ApprovalClaim{std::string(text.substr(space + 1)), static_cast<int64_t>(*expires)};
}

bool ClaimLapsed(const ApprovalClaim& claim, int64_t now_ms) { return now_ms >= claim.expires_ms; }

ClosedPartitionFate FateOfClosedPartition(v1::RoundStatus round_status,
                                          const std::optional<ApprovalClaim>& claim,
                                          std::string_view closed_by, int64_t now_ms) {
  if (round_status == v1::ROUND_STATUS_APPROVED) return ClosedPartitionFate::kSettleByApproval;
  if (claim && claim->token == closed_by && !ClaimLapsed(*claim, now_ms))
    return ClosedPartitionFate::kKeepClosed;
  return ClosedPartitionFate::kReopen;
}

}  // namespace ansinh::classification
