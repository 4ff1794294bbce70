#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "classification/adapters/classification_keys.h"
#include "classification/adapters/round_counter_store.h"
#include "classification/core/survey_intake.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::classification {

// A round as stored, with how many events it has published: the aggregate
// version of its next event is events + 1. Only the round's own slot writes
// it: its opening, the relay of its events (round_event_relay.h) and its
// approval, each under a WATCH on the round's key; a step on households of
// the round commits in their partition and leaves its event to the relay.
struct StoredRound {
  v1::ReviewRound round;
  uint64_t events = 0;
};

// A household's record in a round as the procedure needs it: `proposed`
// trimmed to survey_id, category, without_labour_capacity and
// deprivation_count. The full result lives apart (RoundStore proposals), so a
// meeting, posting or approval rewrites a few hundred bytes, not the
// explained result.
v1::RoundHousehold ProcedureOf(const v1::RoundHousehold& household);

// The record with its full proposed result (none: left as stored).
v1::RoundHousehold WithProposal(v1::RoundHousehold procedure, const v1::ClassificationResult* proposal);

// Reads round state and queues its writes. Reads a write depends on are
// WATCHed by the caller first.
class RoundStore {
 public:
  RoundStore(redis::Connection& redis, const ClassificationKeys& keys) : redis_(redis), keys_(keys) {}

  std::optional<StoredRound> Load(const std::string& round_id);
  // Several rounds in one round trip, in the order asked (nullopt: absent).
  std::vector<std::optional<StoredRound>> LoadMany(const std::vector<std::string>& round_ids);
  std::vector<std::string> OpenRoundIds();
  std::vector<std::string> RoundIdsOfYear(int review_year);
  // Every round id with its opening sequence, newest first.
  std::vector<std::pair<std::string, long long>> AllRoundIdsNewestFirst();

  // The household's procedure record in the round.
  std::optional<v1::RoundHousehold> LoadHousehold(const std::string& round_id,
                                                  const std::string& household_id);
  std::vector<std::optional<v1::RoundHousehold>> LoadHouseholds(
      const std::string& round_id, const std::vector<std::string>& household_ids);
  // Every procedure record of the round, read in batches (HSCAN) from every
  // partition, ordered by household id.
  std::vector<v1::RoundHousehold> LoadAllHouseholds(const std::string& round_id);
  // One page of a partition's records from `cursor` ("0": the first), and
  // the cursor of the next page ("0": none left), as HSCAN gives them.
  struct HouseholdPage {
    std::vector<v1::RoundHousehold> records;
    std::string next_cursor;
  };
  HouseholdPage ScanHouseholds(const std::string& round_id, int partition, const std::string& cursor);
  // The same records shown batch by batch, each batch of one partition and
  // forgotten after `take`, so a step over a province's round holds one
  // batch at a time. A record may be shown twice (HSCAN repeats fields of a
  // hash being rehashed); the order is the hash's, not the ids'.
  void ForEachHouseholdBatch(const std::string& round_id,
                             const std::function<void(std::span<const v1::RoundHousehold>)>& take);
  std::optional<v1::ClassificationResult> LoadProposal(const std::string& round_id,
                                                       const std::string& household_id);
  std::vector<std::optional<v1::ClassificationResult>> LoadProposals(
      const std::string& round_id, const std::vector<std::string>& household_ids);
  // The household's record with its full proposed result.
  std::optional<v1::RoundHousehold> LoadFullHousehold(const std::string& round_id,
                                                      const std::string& household_id);

  static void QueueRound(redis::Transaction& tx, const ClassificationKeys& keys, const StoredRound& stored);
  // Stores the procedure record of each household (ProcedureOf), in batches
  // of HSET arguments, and moves the round's counters by what changed from
  // `before` (the records the step read under its WATCH): every writer of a
  // round household goes through here, so the counters cannot miss one.
  // Each household goes to its partition's share of the round.
  static void QueueHouseholds(redis::Transaction& tx, const ClassificationKeys& keys,
                              const std::string& round_id, std::span<const v1::RoundHousehold> households,
                              const PriorRecords& before);
  static void QueueProposal(redis::Transaction& tx, const ClassificationKeys& keys,
                            const std::string& round_id, const v1::ClassificationResult& proposal);
  // What a survey taken into the round changed (TakeSurveyIntoRound): the
  // household's procedure record and, when classified, its proposal. Nothing
  // when it changed nothing. `before` is the record the intake was given.
  static void QueueSurveyIntake(redis::Transaction& tx, const ClassificationKeys& keys,
                                const std::string& round_id, const std::optional<v1::RoundHousehold>& before,
                                const SurveyIntake& intake);

 private:
  redis::Connection& redis_;
  const ClassificationKeys& keys_;
};

// Parses a household's procedure record (an HGET reply); nullopt when nil.
std::optional<v1::RoundHousehold> ParseRoundHousehold(const redis::Reply& reply);

// Parses a stored round hash (HGETALL reply); nullopt when absent.
std::optional<StoredRound> ParseStoredRound(const redis::Reply& hash);

}  // namespace ansinh::classification
