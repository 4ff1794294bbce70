#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/classification.pb.h"

namespace ansinh::classification {

// Households a round's pull-in or approval handles in one transaction: large
// enough to amortise the round trips, small enough that one batch keeps Redis
// busy for milliseconds, not seconds.
inline constexpr int kRoundHouseholdsPerBatch = 200;

// Where the classification service keeps its state in Redis
// (docs/classification.md, "Redis keys"). Every key carries a hash tag, and
// every transaction stays in one hash slot, whatever the number of partitions
// (docs/operations.md, "Redis Cluster"): a step on households commits in
// their partition's slot, with the round events it decides in the round's
// stream when that is the round's own partition and otherwise in the
// partition's outbox of the round; a relay moves those into the round's
// stream in the round's slot; an opening and an approval go slot by slot.
//
// Per household, under the hash tag of the household's partition {pN} (like
// its HouseholdStatusChanged events and the registry events it comes from):
//   ansinh:{pN}:classification:surveys:<hh>  hash: review year -> the latest
//                                            Survey of that year (bytes), as the
//                                            registry published it; kept:<survey id>
//                                            -> a replaced survey an official
//                                            status references (SurveyStore)
//   ansinh:{pN}:classification:status:<hh>   hash: lean (StoredOfficialStatus
//                                            bytes, status_storage.h), events
//                                            (HouseholdStatusChanged count); record
//                                            (a whole OfficialStatus) when written
//                                            by an earlier version
//
// Ward-wide views, one per partition, each holding the partition's households
// (merged on read):
//   ansinh:{pN}:classification:surveyed          set: households with a stored
//                                                survey that are still in the ward
//   ansinh:{pN}:classification:departed          hash: household id -> why it left
//   ansinh:{pN}:classification:households        hash: household id -> its residential
//                                                group: the households an officer may
//                                                add to a round's list
//   ansinh:{pN}:classification:status-summaries  hash: household id ->
//                                                HouseholdStatusSummary bytes
//   ansinh:{pN}:classification:statuses:<selector>  zset, every score 0, so ordered
//                                                by household id: the households of the
//                                                partition listed by
//                                                ListHouseholdStatuses for one filter
//                                                ("all", "category:<poor|near-poor|
//                                                average|not-poor>" or
//                                                "poor-without-labour-capacity", each
//                                                also with ":group:<group>")
//
// A round's households, per partition (the households of partition N in
// {pN}; counters summed and lists merged on read):
//   ansinh:{pN}:classification:round:<id>:households  hash: household id ->
//                                                RoundHousehold bytes, `proposed`
//                                                trimmed to its summary (ProcedureOf)
//   ansinh:{pN}:classification:round:<id>:proposals   hash: household id -> the
//                                                full proposed ClassificationResult
//   ansinh:{pN}:classification:round:<id>:to-apply    set: approved households
//                                                whose official status is not
//                                                written yet
//   ansinh:{pN}:classification:round:<id>:progress    hash: the partition's share
//                                                of the round's counters
//                                                (round_counters.h), plus "counted"
//                                                once they are kept
//   ansinh:{pN}:classification:round:<id>:unclassifiable  hash: household id ->
//                                                HouseholdError bytes
//   ansinh:{pN}:classification:round:<id>:outbox  stream: the round events the
//                                                partition's transactions decided
//                                                (field envelope, version 0), until
//                                                the relay appends them to the round's
//                                                stream (round_event_relay.h)
//   ansinh:{pN}:classification:round:<id>:deferred  hash: household id -> the
//                                                cause of a survey that arrived while
//                                                an approval held the partition
//                                                (approval_hold.h)
//
// The rounds as the partition's transactions see them, read and WATCHed by
// the consumer and every step on a household instead of the round's record:
//   ansinh:{pN}:classification:partition-rounds  hash: round id ->
//                                                PartitionRound bytes (the round as
//                                                opened; closed_by while an approval
//                                                holds the partition; the partition's
//                                                list counts), from the opening's list
//                                                to the approval's settling
//
// A round's record, in the slot of the round id's partition {pR}, whose stream
// its events go to (RoundStream), so they stay in order:
//   ansinh:{pR}:classification:round:<id>        hash: record (ReviewRound bytes),
//                                                events (round events published),
//                                                relayed:<N> (the last entry of
//                                                partition N's outbox relayed),
//                                                approving (an approval's claim while
//                                                it holds the partitions), approval
//                                                (its RoundApproved envelope until the
//                                                catalogue's pending mark has it)
//
// The round catalogue, in partition 0's slot:
//   ansinh:{p0}:classification:rounds            zset: round ids, score = opening
//                                                sequence (ListRounds, newest first)
//   ansinh:{p0}:classification:rounds:year:<year>  set: round ids of a review year
//   ansinh:{p0}:classification:rounds:open       set: ids of the open rounds
//   ansinh:{p0}:classification:round-seq         counter: opening sequence, also the
//                                                number in "R-REG-2025-0007"
//   ansinh:{p0}:classification:pending:backfill  hash: round id -> its
//                                                ReviewRoundOpened envelope (event id
//                                                reserved), from the opening's
//                                                reservation until its record is
//                                                written and the surveys recorded
//                                                before it are pulled in
//   ansinh:{p0}:classification:pending:approval  hash: round id -> its RoundApproved
//                                                envelope, while official statuses are
//                                                being written
//
// With one partition (the default) all of it shares the slot of {p0}. Keys
// written before the tags (ansinh:classification:*) are moved at start-up,
// and rounds left open by a version before partition-rounds are given to
// every partition (key_migration.h).
class ClassificationKeys {
 public:
  explicit ClassificationKeys(int partitions) : partitions_(partitions < 1 ? 1 : partitions) {}

  int partitions() const { return partitions_; }
  int PartitionOf(std::string_view household_id) const;
  std::string Surveys(std::string_view household_id) const;
  std::string Status(std::string_view household_id) const;
  // The classification stream a household's status events go to.
  std::string StatusStream(std::string_view household_id) const;
  // The classification stream a round's events go to: the round id's
  // partition's, the slot of the round's record.
  std::string RoundStream(std::string_view round_id) const;
  // Every classification stream, for Operations/GetServiceInfo.
  std::vector<std::string> PublishedStreams() const;
  // Every registry stream, which the consumer reads.
  std::vector<std::string> RegistryStreams() const;

  // The ward-wide views, the share of partition `partition`.
  static std::string Surveyed(int partition);
  static std::string Departed(int partition);
  static std::string Households(int partition);
  static std::string StatusSummaries(int partition);
  // The same, for the partition of `household_id`.
  std::string SurveyedOf(std::string_view household_id) const { return Surveyed(PartitionOf(household_id)); }
  std::string DepartedOf(std::string_view household_id) const { return Departed(PartitionOf(household_id)); }
  std::string HouseholdsOf(std::string_view household_id) const {
    return Households(PartitionOf(household_id));
  }
  std::string StatusSummariesOf(std::string_view household_id) const {
    return StatusSummaries(PartitionOf(household_id));
  }

  // A round's households, the share of partition `partition`.
  static std::string RoundHouseholds(std::string_view round_id, int partition);
  static std::string RoundProposals(std::string_view round_id, int partition);
  static std::string RoundToApply(std::string_view round_id, int partition);
  static std::string RoundProgress(std::string_view round_id, int partition);
  static std::string RoundUnclassifiable(std::string_view round_id, int partition);
  // The round events the partition's transactions decided, waiting for the
  // relay to give them their round version in the round's stream.
  static std::string RoundOutbox(std::string_view round_id, int partition);
  // Surveys of the partition that arrived while an approval held the
  // partition closed, with their cause, taken in if the approval is refused.
  static std::string RoundDeferred(std::string_view round_id, int partition);
  // The rounds as the partition's transactions see them (PartitionRound).
  static std::string PartitionRounds(int partition);

  // A round's record and event count: in the round id's partition, with its
  // events (RoundStream).
  std::string Round(std::string_view round_id) const;
  // The round catalogue, in partition 0's slot.
  static std::string RoundsOfYear(int review_year);
  static constexpr std::string_view kRounds = "ansinh:{p0}:classification:rounds";
  static constexpr std::string_view kOpenRounds = "ansinh:{p0}:classification:rounds:open";
  static constexpr std::string_view kRoundSequence = "ansinh:{p0}:classification:round-seq";
  static constexpr std::string_view kPendingBackfill = "ansinh:{p0}:classification:pending:backfill";
  static constexpr std::string_view kPendingApproval = "ansinh:{p0}:classification:pending:approval";

  // The status list indexes of `partition` a household with this current
  // status belongs to (its own partition's).
  static std::vector<std::string> StatusIndexesOf(const v1::HouseholdStatusSummary& summary, int partition);
  std::vector<std::string> StatusIndexesOf(const v1::HouseholdStatusSummary& summary) const {
    return StatusIndexesOf(summary, PartitionOf(summary.household_id()));
  }
  // The index of `partition` that answers a ListHouseholdStatuses filter;
  // nullopt when no household can match (poor without labour capacity, yet
  // another category).
  static std::optional<std::string> StatusIndexFor(const v1::ListHouseholdStatusesRequest& request,
                                                   int partition);

 private:
  int partitions_;
};

// The keys written before the hash tags, read only by the start-up move
// (key_migration.h).
namespace legacy_keys {
inline constexpr std::string_view kPrefix = "ansinh:classification:";
inline constexpr std::string_view kRounds = "ansinh:classification:rounds";
inline constexpr std::string_view kOpenRounds = "ansinh:classification:rounds:open";
inline constexpr std::string_view kRoundSequence = "ansinh:classification:round-seq";
inline constexpr std::string_view kPendingBackfill = "ansinh:classification:pending:backfill";
inline constexpr std::string_view kPendingApproval = "ansinh:classification:pending:approval";
inline constexpr std::string_view kSurveyed = "ansinh:classification:surveyed";
inline constexpr std::string_view kDeparted = "ansinh:classification:departed";
inline constexpr std::string_view kHouseholds = "ansinh:classification:households";
inline constexpr std::string_view kStatusSummaries = "ansinh:classification:status-summaries";
std::string Round(std::string_view round_id);
std::string RoundsOfYear(int review_year);
// The ward-wide status list indexes a household with this status was on.
std::vector<std::string> StatusIndexesOf(const v1::HouseholdStatusSummary& summary);
}  // namespace legacy_keys

}  // namespace ansinh::classification
