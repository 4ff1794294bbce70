#include "classification/adapters/status_store.h"

#include <stdexcept>

#include "classification/adapters/event_publishing.h"
#include "classification/adapters/partitioned_reads.h"
#include "classification/core/status_storage.h"
#include "personal_data/personal_fields.h"
#include "redis/compressed_value.h"

namespace ansinh::classification {
namespace {

// Households read per page of a status list index, and summaries per HMGET.
constexpr size_t kStatusPage = 500;

// The hash fields of a status key: the lean form (StoredOfficialStatus), the
// form before it (a whole OfficialStatus), the events published.
constexpr const char* kStatusField = "lean";
constexpr const char* kLegacyStatusField = "record";
constexpr const char* kStatusEventsField = "events";

redis::Args StatusRead(const std::string& key) {
  return {"HMGET", key, kStatusField, kLegacyStatusField, kStatusEventsField};
}

StoredStatus ParseStatus(const redis::Reply& reply) {
  StoredStatus stored;
  if (reply.elements.size() != 3) throw std::runtime_error("unexpected official status reply");
  if (!reply.elements[0].IsNil()) {
    if (!redis::ParseStoredMessage(reply.elements[0].str, stored.stored)) {
      throw std::runtime_error("corrupt official status in Redis");
    }
  } else if (!reply.elements[1].IsNil()) {
    v1::OfficialStatus legacy;
    if (!redis::ParseStoredMessage(reply.elements[1].str, legacy)) {
      throw std::runtime_error("corrupt official status in Redis");
    }
    stored.stored = StoredFormOfLegacy(legacy);
    stored.legacy = true;
  }
  stored.status = FactsOf(stored.stored);
  if (!reply.elements[2].IsNil()) stored.events = std::stoull(reply.elements[2].str);
  return stored;
}

}  // namespace

redis::Args StatusStore::ReadCommand(const std::string& household_id) const {
  return StatusRead(keys_.Status(household_id));
}

StoredStatus StatusStore::FromReply(const redis::Reply& reply) {
  if (reply.IsError()) throw std::runtime_error("reading an official status: " + reply.str);
  return ParseStatus(reply);
}

StoredStatus StatusStore::Load(const std::string& household_id) {
  return ParseStatus(redis_.Command(StatusRead(keys_.Status(household_id))));
}

std::vector<StoredStatus> StatusStore::LoadMany(const std::vector<std::string>& household_ids) {
  std::vector<redis::Args> commands;
  for (const std::string& id : household_ids) commands.push_back(StatusRead(keys_.Status(id)));
  std::vector<StoredStatus> statuses;
  if (commands.empty()) return statuses;
  for (const redis::Reply& reply : redis_.Pipeline(commands)) {
    if (reply.IsError()) throw std::runtime_error("reading official statuses: " + reply.str);
    statuses.push_back(ParseStatus(reply));
  }
  return statuses;
}

std::vector<std::optional<v1::HouseholdStatusSummary>> StatusStore::LoadSummaries(
    const std::vector<std::string>& household_ids) {
  std::vector<std::optional<v1::HouseholdStatusSummary>> summaries;
  for (const std::optional<std::string>& bytes : HashFieldsByPartition(
           redis_, keys_, [](int partition) { return ClassificationKeys::StatusSummaries(partition); },
           household_ids, "status summaries")) {
    if (!bytes) {
      summaries.push_back(std::nullopt);
      continue;
    }
    v1::HouseholdStatusSummary summary;
    if (!summary.ParseFromString(*bytes)) throw std::runtime_error("corrupt status summary in Redis");
    summaries.push_back(std::move(summary));
  }
  return summaries;
}

std::vector<std::string> StatusStore::IndexesOf(const std::vector<v1::PovertyCategory>& categories,
                                                int partition) {
  std::vector<std::string> indexes;
  for (const v1::PovertyCategory category : categories) {
    v1::ListHouseholdStatusesRequest filter;
    filter.set_category(category);
    if (std::optional<std::string> index = ClassificationKeys::StatusIndexFor(filter, partition)) {
      indexes.push_back(std::move(*index));
    }
  }
  return indexes;
}

std::vector<v1::HouseholdStatusSummary> StatusStore::CurrentIn(
    const std::vector<v1::PovertyCategory>& categories, int partition) {
  std::vector<v1::HouseholdStatusSummary> current;
  for (const std::string& index : IndexesOf(categories, partition)) {
    // Household ids order the index (every score is 0): each page starts
    // after the last id read.
    std::string after;
    while (true) {
      const redis::Reply page = redis_.Command({"ZRANGE", index, after.empty() ? "-" : "(" + after, "+",
                                                "BYLEX", "LIMIT", "0", std::to_string(kStatusPage)});
      std::vector<std::string> ids;
      for (const redis::Reply& id : page.elements) ids.push_back(id.str);
      if (ids.empty()) break;
      for (std::optional<v1::HouseholdStatusSummary>& summary : LoadSummaries(ids)) {
        if (summary) current.push_back(std::move(*summary));
      }
      if (ids.size() < kStatusPage) break;
      after = ids.back();
    }
  }
  return current;
}

void StatusStore::QueueErasedForm(redis::Transaction& tx, const std::string& household_id,
                                  const StoredStatus& current) const {
  if (current.stored.history_size() == 0) return;
  v1::StoredOfficialStatus after = current.stored;
  personal_data::DropPersonalFields(after);
  tx.Add({"HSET", keys_.Status(household_id), kStatusField, redis::StoredMessage(after)});
  if (current.legacy) tx.Add({"HDEL", keys_.Status(household_id), kLegacyStatusField});
}

void StatusStore::QueueChange(redis::Transaction& tx, const StoredStatus& before, const StatusChange& change,
                              const v1::StoredApprovedResult& stored_form,
                              const events::EventContext& context, bool in_ward) const {
  const std::string& household_id = change.approved.household_id();
  const uint64_t version = before.events + 1;
  v1::StoredOfficialStatus after = before.stored;
  after.set_household_id(household_id);
  *after.add_history() = stored_form;
  tx.Add({"HSET", keys_.Status(household_id), kStatusField, redis::StoredMessage(after), kStatusEventsField,
          std::to_string(version)});
  if (before.legacy) tx.Add({"HDEL", keys_.Status(household_id), kLegacyStatusField});
  const events::EventIdentity identity{std::string(kHouseholdStatusChanged), std::string(kStatusAggregate),
                                       household_id, version, household_id};
  tx.Add(events::XAddCommand(keys_.StatusStream(household_id),
                             events::MakeEnvelope(context, identity, change.event)));
  QueueRemovalFromLists(tx, before);
  if (!in_ward) return;
  const v1::HouseholdStatusSummary summary = SummarizeStatus(change.status);
  tx.Add({"HSET", keys_.StatusSummariesOf(household_id), household_id, summary.SerializeAsString()});
  for (const std::string& index : keys_.StatusIndexesOf(summary)) {
    tx.Add({"ZADD", index, "0", household_id});
  }
}

void StatusStore::QueueRemovalFromLists(redis::Transaction& tx, const StoredStatus& current) const {
  if (current.status.history().empty()) return;
  const v1::HouseholdStatusSummary summary = SummarizeStatus(current.status);
  for (const std::string& index : keys_.StatusIndexesOf(summary)) {
    tx.Add({"ZREM", index, summary.household_id()});
  }
  tx.Add({"HDEL", keys_.StatusSummariesOf(summary.household_id()), summary.household_id()});
}

}  // namespace ansinh::classification
