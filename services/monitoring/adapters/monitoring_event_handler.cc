#include "monitoring/adapters/monitoring_event_handler.h"

#include <spdlog/spdlog.h>

#include <map>
#include <optional>
#include <set>
#include <variant>

#include "monitoring/adapters/audit_dictionaries.h"
#include "monitoring/adapters/audit_outbox.h"
#include "monitoring/adapters/emergency_store.h"
#include "monitoring/adapters/event_reading.h"
#include "monitoring/adapters/figure_record_store.h"
#include "monitoring/adapters/open_review_store.h"
#include "monitoring/adapters/outcome_index.h"
#include "monitoring/adapters/seen_store.h"
#include "monitoring/adapters/timeline_store.h"
#include "monitoring/core/audit_chain.h"
#include "monitoring/core/household_record.h"

namespace ansinh::monitoring {
namespace {

// What a group of events has changed but not yet committed. The keys every
// event of a partition shares (the outbox's last ordinal, the figure
// records, the GetSeen counters) are written once for the whole group, from
// here (QueueGroupWrites), instead of once per event.
struct MonitoringCarry : events::GroupState {
  const MonitoringKeys* keys = nullptr;
  // The last audit outbox ordinal given out, by partition.
  std::map<int, std::uint64_t> outbox_last;
  // The audit entries this group put in each partition's outbox (stored
  // bytes), from ordinal first_ordinal on: one stream entry per partition.
  struct OutboxDrafts {
    std::uint64_t first_ordinal = 0;
    std::vector<std::string> stored;
  };
  std::map<int, OutboxDrafts> outbox_drafts;
  // The timeline references the group adds, by partition and household, in
  // the order of its events: one RPUSH per timeline.
  std::map<std::pair<int, std::string>, std::vector<std::uint64_t>> timeline_lines;
  std::map<std::string, v1::HouseholdFigureRecord> records;  // by household id
  std::set<std::string> records_changed;
  std::map<std::string, std::vector<v1::SeenEvent>> seen;  // by event stream

  void QueueGroupWrites(redis::Transaction& tx) override {
    for (const auto& [partition, drafts] : outbox_drafts) {
      QueueOutboxEntries(tx, partition, drafts.first_ordinal, drafts.stored);
      QueueOutboxLast(tx, partition, outbox_last.at(partition));
    }
    for (const auto& [where, ordinals] : timeline_lines) {
      TimelineStore::QueueAppendIn(tx, where.first, where.second, ordinals);
    }
    std::vector<const v1::HouseholdFigureRecord*> changed;
    for (const std::string& household_id : records_changed) changed.push_back(&records.at(household_id));
    if (!changed.empty()) {
      FigureRecordStore::QueueSave(tx, *keys, changed);
      OutcomeIndex::QueueAdd(tx, *keys, changed);
    }
    for (const auto& [stream, events] : seen) SeenStore::QueueSeen(tx, stream, events);
  }
};

std::string ViolationWords(const FieldViolations& violations) {
  std::string words;
  for (const FieldViolation& violation : violations) {
    if (!words.empty()) words += "; ";
    words += violation.field + " " + violation.description;
  }
  return words;
}

}  // namespace

void MonitoringEventHandler::Apply(events::ApplyContext& ctx) {
  const v1::EventEnvelope& event = ctx.event();
  ReadOutcome read = ReadEvent(event);
  if (!read.ok) throw events::PoisonEvent(read.error);
  const EventReading& reading = read.reading;

  // What this group of events has already changed but not yet committed:
  // the audit outbox's last ordinal and the figure records (both keys are
  // shared by every event of a partition), read once under WATCH and carried
  // along. This event's changes go into the carry at the end, once nothing
  // can throw: the group's writes of those keys come from it.
  MonitoringCarry& carry = ctx.Carried<MonitoringCarry>();
  carry.keys = &keys_;

  // The figure record: read under WATCH, changed by the event's facts.
  std::optional<v1::HouseholdFigureRecord> record;
  bool record_changed = false;
  if (!reading.facts.empty()) {
    const std::string& household_id = reading.fact_household_id;
    ctx.WatchCarried(keys_.RecordsOf(household_id));
    auto carried = carry.records.find(household_id);
    record =
        carried != carry.records.end()
            ? carried->second
            : FigureRecordStore(ctx.redis(), keys_).Load(household_id).value_or(v1::HouseholdFigureRecord{});
    for (const Fact& fact : reading.facts) {
      const ApplyOutcome outcome =
          std::visit([&record](const auto& typed) { return monitoring::Apply(typed, *record); }, fact);
      if (!outcome.ok()) {
        throw events::PoisonEvent("event " + event.event_id() + " (" + event.event_type() +
                                  ") carries an invalid fact: " + ViolationWords(outcome.violations));
      }
      record_changed = record_changed || outcome.changed;
    }
    // Until the registry's event arrives, the group the payload names lets
    // the household count in its residential group's figures.
    if (record->residential_group().empty() && !reading.residential_group_hint.empty()) {
      record_changed =
          monitoring::Apply(HouseholdRegistration{household_id, reading.residential_group_hint}, *record)
              .changed ||
          record_changed;
    }
  }

  // The audit entry goes to the partition's outbox under its next ordinal
  // (WATCHed, so a personal-data read taking the same ordinal makes one of
  // the two retry); the chain appender seals it into the ward's chain
  // (audit_outbox.h). The outbox is in the event's slot, the chain is not.
  const int partition = keys_.PartitionOfEvent(ctx.source(), event);
  ctx.WatchCarried(MonitoringKeys::AuditOutboxLast(partition));
  auto last = carry.outbox_last.find(partition);
  if (last == carry.outbox_last.end()) {
    last = carry.outbox_last.emplace(partition, ReadOutboxLast(ctx.redis(), partition)).first;
  }
  const std::uint64_t ordinal = last->second + 1;

  // The chain keeps the event as published: sealed personal fields stay
  // sealed there, so erasing a household leaves every entry verifiable.
  std::string stored_entry = StoredAuditRecord(EventEntry(ctx.stored_event()));
  redis::Transaction& effects = ctx.effects();
  if (reading.opened_regular_review)
    OpenReviewStore::QueueOpened(effects, keys_, *reading.opened_regular_review);
  if (!reading.approved_round_id.empty())
    OpenReviewStore::QueueApproved(effects, keys_, reading.approved_round_id);
  if (reading.emergency) EmergencyStore::QueueSave(effects, partition, *reading.emergency);

  v1::SeenEvent seen;
  seen.set_event_id(event.event_id());
  seen.set_event_type(event.event_type());
  seen.set_household_id(event.household_id());
  *seen.mutable_occurred_at() = event.occurred_at();

  spdlog::debug("monitoring: {} {} -> audit outbox {} entry {}{}", event.event_type(), event.event_id(),
                partition, ordinal, record_changed ? ", figure record updated" : "");

  // Nothing below throws (but for memory): the event is applied.
  last->second = ordinal;
  MonitoringCarry::OutboxDrafts& drafts = carry.outbox_drafts[partition];
  if (drafts.stored.empty()) drafts.first_ordinal = ordinal;
  drafts.stored.push_back(std::move(stored_entry));
  // Each household's line refers to the entry: the event is kept once, in
  // the chain, and worded when the timeline is read. In the event's
  // partition, like everything else of its transaction: a round's posting
  // names households of every partition.
  for (const std::string& household_id : reading.timeline_households) {
    carry.timeline_lines[{partition, household_id}].push_back(ordinal);
  }
  carry.seen[keys_.EventStreamOf(ctx.source(), event)].push_back(std::move(seen));
  if (record) {
    if (record_changed) carry.records_changed.insert(reading.fact_household_id);
    carry.records[reading.fact_household_id] = std::move(*record);
  }
}

}  // namespace ansinh::monitoring
