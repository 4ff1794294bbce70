#include "classification/adapters/round_store.h"

#include <algorithm>
#include <stdexcept>

#include "classification/adapters/partitioned_reads.h"
#include "classification/core/list_years.h"
#include "redis/compressed_value.h"

namespace ansinh::classification {
namespace {

// Fields per HSET / HMGET: big rounds are written and read in pieces so no
// single command or reply grows without bound.
constexpr size_t kFieldsPerCommand = 500;

template <typename Message>
Message ParseOrThrow(const std::string& bytes, const std::string& what) {
  Message message;
  if (!message.ParseFromString(bytes)) throw std::runtime_error("corrupt " + what + " in Redis");
  return message;
}

// Explained results are stored compressed (redis/compressed_value.h).
template <typename Message>
Message ParseStoredOrThrow(const std::string& stored, const std::string& what) {
  Message message;
  if (!redis::ParseStoredMessage(stored, message)) throw std::runtime_error("corrupt " + what + " in Redis");
  return message;
}

const std::string* HashField(const redis::Reply& hash, std::string_view name) {
  for (size_t i = 0; i + 1 < hash.elements.size(); i += 2) {
    if (hash.elements[i].str == name) return &hash.elements[i + 1].str;
  }
  return nullptr;
}

}  // namespace

v1::RoundHousehold ProcedureOf(const v1::RoundHousehold& household) {
  v1::RoundHousehold procedure = household;
  if (!household.has_proposed()) return procedure;
  const v1::ClassificationResult& full = household.proposed();
  v1::ClassificationResult summary;
  summary.set_household_id(full.household_id());
  summary.set_survey_id(full.survey_id());
  summary.set_category(full.category());
  summary.set_without_labour_capacity(full.without_labour_capacity());
  summary.set_deprivation_count(full.deprivation_count());
  *procedure.mutable_proposed() = std::move(summary);
  return procedure;
}

v1::RoundHousehold WithProposal(v1::RoundHousehold procedure, const v1::ClassificationResult* proposal) {
  if (proposal != nullptr) *procedure.mutable_proposed() = *proposal;
  return procedure;
}

std::optional<StoredRound> ParseStoredRound(const redis::Reply& hash) {
  const std::string* record = HashField(hash, "record");
  if (record == nullptr) return std::nullopt;
  StoredRound stored;
  stored.round = ParseOrThrow<v1::ReviewRound>(*record, "review round");
  // Rounds opened before list years were recorded read as if they had one.
  stored.round.set_list_year(ListYearOfRound(stored.round));
  if (const std::string* events = HashField(hash, "events")) stored.events = std::stoull(*events);
  return stored;
}

std::optional<StoredRound> RoundStore::Load(const std::string& round_id) {
  return ParseStoredRound(redis_.Command({"HGETALL", keys_.Round(round_id)}));
}

std::vector<std::optional<StoredRound>> RoundStore::LoadMany(const std::vector<std::string>& round_ids) {
  std::vector<redis::Args> commands;
  for (const std::string& id : round_ids) commands.push_back({"HGETALL", keys_.Round(id)});
  std::vector<std::optional<StoredRound>> rounds;
  if (commands.empty()) return rounds;
  for (const redis::Reply& reply : redis_.Pipeline(commands)) {
    if (reply.IsError()) throw std::runtime_error("reading rounds: " + reply.str);
    rounds.push_back(ParseStoredRound(reply));
  }
  return rounds;
}

std::vector<std::string> RoundStore::OpenRoundIds() {
  std::vector<std::string> ids;
  for (const auto& id : redis_.Command({"SMEMBERS", std::string(ClassificationKeys::kOpenRounds)}).elements) {
    ids.push_back(id.str);
  }
  return ids;
}

std::vector<std::string> RoundStore::RoundIdsOfYear(int review_year) {
  std::vector<std::string> ids;
  for (const auto& id :
       redis_.Command({"SMEMBERS", ClassificationKeys::RoundsOfYear(review_year)}).elements) {
    ids.push_back(id.str);
  }
  return ids;
}

std::vector<std::pair<std::string, long long>> RoundStore::AllRoundIdsNewestFirst() {
  redis::Reply reply = redis_.Command(
      {"ZRANGE", std::string(ClassificationKeys::kRounds), "+inf", "-inf", "BYSCORE", "REV", "WITHSCORES"});
  std::vector<std::pair<std::string, long long>> ids;
  for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
    ids.emplace_back(reply.elements[i].str, std::stoll(reply.elements[i + 1].str));
  }
  return ids;
}

std::optional<v1::RoundHousehold> ParseRoundHousehold(const redis::Reply& reply) {
  if (reply.IsError()) throw std::runtime_error("reading a round household: " + reply.str);
  if (reply.IsNil()) return std::nullopt;
  return ParseOrThrow<v1::RoundHousehold>(reply.str, "round household");
}

std::optional<v1::RoundHousehold> RoundStore::LoadHousehold(const std::string& round_id,
                                                            const std::string& household_id) {
  return ParseRoundHousehold(
      redis_.Command({"HGET", ClassificationKeys::RoundHouseholds(round_id, keys_.PartitionOf(household_id)),
                      household_id}));
}

std::vector<std::optional<v1::RoundHousehold>> RoundStore::LoadHouseholds(
    const std::string& round_id, const std::vector<std::string>& household_ids) {
  std::vector<std::optional<v1::RoundHousehold>> households;
  households.reserve(household_ids.size());
  for (std::optional<std::string>& bytes : HashFieldsByPartition(
           redis_, keys_,
           [&](int partition) { return ClassificationKeys::RoundHouseholds(round_id, partition); },
           household_ids, "round households")) {
    if (bytes) {
      households.push_back(ParseOrThrow<v1::RoundHousehold>(*bytes, "round household"));
    } else {
      households.push_back(std::nullopt);
    }
  }
  return households;
}

RoundStore::HouseholdPage RoundStore::ScanHouseholds(const std::string& round_id, int partition,
                                                     const std::string& cursor) {
  redis::Reply reply = redis_.Command({"HSCAN", ClassificationKeys::RoundHouseholds(round_id, partition),
                                       cursor, "COUNT", std::to_string(kFieldsPerCommand)});
  if (!reply.IsArray() || reply.elements.size() != 2) throw std::runtime_error("unexpected HSCAN reply");
  HouseholdPage page;
  page.next_cursor = reply.elements[0].str;
  const auto& items = reply.elements[1].elements;
  page.records.reserve(items.size() / 2);
  for (size_t i = 0; i + 1 < items.size(); i += 2) {
    page.records.push_back(ParseOrThrow<v1::RoundHousehold>(items[i + 1].str, "round household"));
  }
  return page;
}

void RoundStore::ForEachHouseholdBatch(const std::string& round_id,
                                       const std::function<void(std::span<const v1::RoundHousehold>)>& take) {
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    std::string cursor = "0";
    do {
      HouseholdPage page = ScanHouseholds(round_id, partition, cursor);
      if (!page.records.empty()) take(page.records);
      cursor = std::move(page.next_cursor);
    } while (cursor != "0");
  }
}

std::vector<v1::RoundHousehold> RoundStore::LoadAllHouseholds(const std::string& round_id) {
  std::vector<v1::RoundHousehold> households;
  ForEachHouseholdBatch(round_id, [&households](std::span<const v1::RoundHousehold> batch) {
    households.insert(households.end(), batch.begin(), batch.end());
  });
  // HSCAN may return a field twice while the hash is being rehashed.
  std::sort(households.begin(), households.end(),
            [](const v1::RoundHousehold& a, const v1::RoundHousehold& b) {
              return a.household_id() < b.household_id();
            });
  households.erase(std::unique(households.begin(), households.end(),
                               [](const v1::RoundHousehold& a, const v1::RoundHousehold& b) {
                                 return a.household_id() == b.household_id();
                               }),
                   households.end());
  return households;
}

std::optional<v1::ClassificationResult> RoundStore::LoadProposal(const std::string& round_id,
                                                                 const std::string& household_id) {
  redis::Reply reply = redis_.Command(
      {"HGET", ClassificationKeys::RoundProposals(round_id, keys_.PartitionOf(household_id)), household_id});
  if (reply.IsNil()) return std::nullopt;
  return ParseStoredOrThrow<v1::ClassificationResult>(reply.str, "proposed result");
}

std::vector<std::optional<v1::ClassificationResult>> RoundStore::LoadProposals(
    const std::string& round_id, const std::vector<std::string>& household_ids) {
  std::vector<std::optional<v1::ClassificationResult>> proposals;
  proposals.reserve(household_ids.size());
  for (std::optional<std::string>& bytes : HashFieldsByPartition(
           redis_, keys_,
           [&](int partition) { return ClassificationKeys::RoundProposals(round_id, partition); },
           household_ids, "proposed results")) {
    if (bytes) {
      proposals.push_back(ParseStoredOrThrow<v1::ClassificationResult>(*bytes, "proposed result"));
    } else {
      proposals.push_back(std::nullopt);
    }
  }
  return proposals;
}

std::optional<v1::RoundHousehold> RoundStore::LoadFullHousehold(const std::string& round_id,
                                                                const std::string& household_id) {
  std::optional<v1::RoundHousehold> procedure = LoadHousehold(round_id, household_id);
  if (!procedure) return std::nullopt;
  const std::optional<v1::ClassificationResult> proposal = LoadProposal(round_id, household_id);
  return WithProposal(std::move(*procedure), proposal ? &*proposal : nullptr);
}

void RoundStore::QueueRound(redis::Transaction& tx, const ClassificationKeys& keys,
                            const StoredRound& stored) {
  tx.Add({"HSET", keys.Round(stored.round.round_id()), "record", stored.round.SerializeAsString(), "events",
          std::to_string(stored.events)});
}

void RoundStore::QueueHouseholds(redis::Transaction& tx, const ClassificationKeys& keys,
                                 const std::string& round_id, std::span<const v1::RoundHousehold> households,
                                 const PriorRecords& before) {
  std::vector<std::vector<const v1::RoundHousehold*>> by_partition(static_cast<size_t>(keys.partitions()));
  for (const v1::RoundHousehold& household : households) {
    by_partition[static_cast<size_t>(keys.PartitionOf(household.household_id()))].push_back(&household);
  }
  for (size_t partition = 0; partition < by_partition.size(); ++partition) {
    const std::vector<const v1::RoundHousehold*>& of_partition = by_partition[partition];
    for (size_t start = 0; start < of_partition.size(); start += kFieldsPerCommand) {
      redis::Args command{"HSET", ClassificationKeys::RoundHouseholds(round_id, static_cast<int>(partition))};
      for (size_t i = start; i < of_partition.size() && i < start + kFieldsPerCommand; ++i) {
        command.push_back(of_partition[i]->household_id());
        command.push_back(ProcedureOf(*of_partition[i]).SerializeAsString());
      }
      tx.Add(std::move(command));
    }
  }
  RoundCounterStore::QueueMoves(tx, keys, round_id, households, before);
}

void RoundStore::QueueProposal(redis::Transaction& tx, const ClassificationKeys& keys,
                               const std::string& round_id, const v1::ClassificationResult& proposal) {
  tx.Add({"HSET", ClassificationKeys::RoundProposals(round_id, keys.PartitionOf(proposal.household_id())),
          proposal.household_id(), redis::StoredMessage(proposal)});
}

void RoundStore::QueueSurveyIntake(redis::Transaction& tx, const ClassificationKeys& keys,
                                   const std::string& round_id,
                                   const std::optional<v1::RoundHousehold>& before,
                                   const SurveyIntake& intake) {
  if (!intake.household) return;
  QueueHouseholds(tx, keys, round_id, std::span(&*intake.household, 1), PriorRecords(before));
  if (intake.proposal) QueueProposal(tx, keys, round_id, *intake.proposal);
}

}  // namespace ansinh::classification
