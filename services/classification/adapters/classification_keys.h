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
// (docs/classification.md, "Redis keys").
//
// Per household, under the hash tag of the household's partition (like its
// HouseholdStatusChanged events):
//   ansinh:{pN}:classification:surveys:<hh>  hash: review year -> the latest
//                                            Survey of that year (bytes), as the
//                                            registry published it
//   ansinh:{pN}:classification:status:<hh>   hash: record (OfficialStatus bytes),
//                                            events (HouseholdStatusChanged count)
//
// Review rounds (ward-wide, no hash tag):
//   ansinh:classification:round:<id>             hash: record (ReviewRound bytes),
//                                                events (round events published)
//   ansinh:classification:round:<id>:households  hash: household id -> RoundHousehold
//                                                bytes, `proposed` trimmed to its
//                                                summary (see ProcedureOf): the
//                                                procedure, small enough that every
//                                                step rewrites it cheaply
//   ansinh:classification:round:<id>:proposals   hash: household id -> the full
//                                                proposed ClassificationResult
//   ansinh:classification:round:<id>:to-apply    set: approved households whose
//                                                official status is not written yet
//   ansinh:classification:round:<id>:progress    hash: the round's counters
//                                                (round_counters.h): field -> count,
//                                                plus "counted" once they are kept;
//                                                moved in every step's transaction
//   ansinh:classification:round:<id>:unclassifiable  hash: household id ->
//                                                HouseholdError bytes, the round's
//                                                unclassifiable households
//   ansinh:classification:rounds                 zset: round ids, score = opening
//                                                sequence (ListRounds, newest first)
//   ansinh:classification:rounds:year:<year>     set: round ids of a review year
//   ansinh:classification:rounds:open            set: ids of the open rounds
//   ansinh:classification:round-seq              counter: opening sequence, also the
//                                                number in "R-REG-2025-0007"
//   ansinh:classification:pending:backfill       hash: round id -> its
//                                                ReviewRoundOpened envelope, while the
//                                                surveys recorded before the opening
//                                                are being pulled in
//   ansinh:classification:pending:approval       hash: round id -> its RoundApproved
//                                                envelope, while official statuses are
//                                                being written
//
// Ward-wide views:
//   ansinh:classification:surveyed               set: households with a stored survey
//                                                that are still in the ward (what-if)
//   ansinh:classification:departed               hash: household id -> why it left
//   ansinh:classification:households             hash: household id -> its residential
//                                                group, every household the registry
//                                                registered (or updated) since the
//                                                service consumes those events: the
//                                                households an officer may add to a
//                                                round's list
//   ansinh:classification:status-summaries       hash: household id ->
//                                                HouseholdStatusSummary bytes, current
//                                                official status of households in the
//                                                ward
//   ansinh:classification:statuses:<selector>    zset, every score 0, so ordered by
//                                                household id: the households listed by
//                                                ListHouseholdStatuses for one filter.
//                                                <selector> is "all",
//                                                "category:<poor|near-poor|average|not-poor>"
//                                                or "poor-without-labour-capacity",
//                                                each also with ":group:<group>"
//
// Round state is ward-wide because a round spans every partition; its events
// go to the partition of the round id (RoundStream), so they stay in order.
// On a Redis Cluster the transactions that touch a round and a household would
// need their own slot handling, as the registry's ward-wide indexes do.
class ClassificationKeys {
 public:
  explicit ClassificationKeys(int partitions) : partitions_(partitions < 1 ? 1 : partitions) {}

  int partitions() const { return partitions_; }
  int PartitionOf(std::string_view household_id) const;
  std::string Surveys(std::string_view household_id) const;
  std::string Status(std::string_view household_id) const;
  // The classification stream a household's status events go to.
  std::string StatusStream(std::string_view household_id) const;
  // The classification stream a round's events go to.
  std::string RoundStream(std::string_view round_id) const;
  // Every classification stream, for Operations/GetServiceInfo.
  std::vector<std::string> PublishedStreams() const;
  // Every registry stream, which the consumer reads.
  std::vector<std::string> RegistryStreams() const;

  static std::string Round(std::string_view round_id);
  static std::string RoundHouseholds(std::string_view round_id);
  static std::string RoundProposals(std::string_view round_id);
  static std::string RoundToApply(std::string_view round_id);
  static std::string RoundProgress(std::string_view round_id);
  static std::string RoundUnclassifiable(std::string_view round_id);
  static std::string RoundsOfYear(int review_year);

  static constexpr std::string_view kRounds = "ansinh:classification:rounds";
  static constexpr std::string_view kOpenRounds = "ansinh:classification:rounds:open";
  static constexpr std::string_view kRoundSequence = "ansinh:classification:round-seq";
  static constexpr std::string_view kPendingBackfill = "ansinh:classification:pending:backfill";
  static constexpr std::string_view kPendingApproval = "ansinh:classification:pending:approval";
  static constexpr std::string_view kSurveyed = "ansinh:classification:surveyed";
  static constexpr std::string_view kDeparted = "ansinh:classification:departed";
  static constexpr std::string_view kHouseholds = "ansinh:classification:households";
  static constexpr std::string_view kStatusSummaries = "ansinh:classification:status-summaries";

  // The status list indexes a household with this current status belongs to.
  static std::vector<std::string> StatusIndexesOf(const v1::HouseholdStatusSummary& summary);
  // The one index that answers a ListHouseholdStatuses filter; nullopt when no
  // household can match (poor without labour capacity, yet another category).
  static std::optional<std::string> StatusIndexFor(const v1::ListHouseholdStatusesRequest& request);

 private:
  int partitions_;
};

}  // namespace ansinh::classification
