// A round whose households live in every partition's slot while its record
// and its event stream live in the round id's (docs/classification.md, "Redis
// keys"; docs/operations.md, "Redis Cluster"). No transaction spans slots, so
// a step that changes households of a round commits in the households'
// partitions and leaves the round's own state to be brought up to date in the
// round's slot afterwards. What follows decides those afterwards, purely, so
// the adapters only read, call and commit:
//
//  - the relay: the round events decided by the transactions of a partition
//    other than the round's own wait in that partition's outbox of the
//    round; a relay step moves them into the round's stream, giving each the
//    round's next aggregate version, and records per partition the last
//    outbox entry it took;
//  - the approval's hold on the partitions: an approval closes every
//    partition to the round's changes before it decides, so what it tallied
//    cannot change under it; a partition closed by an approval that is no
//    longer under way is opened again.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/envelope.pb.h"
#include "kernel/stream_id.h"

namespace ansinh::classification {

// An outbox entry's id as Redis gives it, "<milliseconds>-<sequence>" (both
// parts: an outbox id is never written by hand).
std::optional<StreamId> ParseStreamEntryId(std::string_view text);

// One round event waiting in a partition's outbox: the envelope as the
// partition's transaction queued it (aggregate_version 0; the relay gives it).
struct OutboxEvent {
  int partition = 0;
  std::string entry_id;
  v1::EventEnvelope envelope;
};

// What one relay step appends to the round's stream and stores with the
// round, in the same transaction of the round's slot.
struct RelayStep {
  // The events in the order appended, each with its round version: the
  // round's event count plus one for the first, and so on without gaps.
  std::vector<v1::EventEnvelope> appended;
  // The round's event count once they are appended.
  uint64_t events = 0;
  // The round's record with what the events say of it: a ResultsPosted sets
  // the latest posting's date (posting commits in the households'
  // partitions; the round learns of it here).
  v1::ReviewRound round;
  // Per partition that gave events: the last outbox entry taken.
  std::map<int, std::string> relayed;
};

// Orders the waiting events by outbox entry id (the order their
// transactions committed in, as near as the partitions' clocks tell; each
// partition's own events keep their order) and numbers them. An event whose
// entry id does not parse goes after the others of its partition.
RelayStep PlanRelay(const v1::ReviewRound& round, uint64_t events, std::vector<OutboxEvent> waiting);

// An approval's claim on a round, held in the round's record while the
// approval closes the partitions, tallies and commits: its token, which marks
// the partitions it closed, and when the claim lapses if the approval never
// finishes (its process stopped).
struct ApprovalClaim {
  std::string token;
  int64_t expires_ms = 0;
};
std::string EncodeApprovalClaim(const ApprovalClaim& claim);
std::optional<ApprovalClaim> ParseApprovalClaim(std::string_view text);

// What becomes of one partition an approval closed (PartitionRound
// closed_by = `closed_by`) while the round's record reads `round_status`
// and holds `claim` (none when no approval is under way), at `now_ms`.
enum class ClosedPartitionFate {
  // The approval that closed it is still under way: leave it.
  kKeepClosed,
  // The round is approved: its approval settles the partition (lists its
  // decided households for their statuses) and nothing else may open it.
  kSettleByApproval,
  // No approval that closed it is under way any more (it was refused, or its
  // process stopped): open it again, taking in the surveys that waited.
  kReopen,
};
ClosedPartitionFate FateOfClosedPartition(v1::RoundStatus round_status,
                                          const std::optional<ApprovalClaim>& claim,
                                          std::string_view closed_by, int64_t now_ms);

// Whether a claim has lapsed: a finisher may then cancel it, and the
// approval that holds it can no longer commit.
bool ClaimLapsed(const ApprovalClaim& claim, int64_t now_ms);

}  // namespace ansinh::classification
