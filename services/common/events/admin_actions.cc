#include "events/admin_actions.h"

#include <algorithm>

#include "events/envelope_codec.h"
#include "events/stream_names.h"

namespace ansinh::events {

AdminAction::AdminAction(std::string action, std::string subject_type, std::string subject_id) {
  payload_.set_action(std::move(action));
  payload_.set_subject_type(std::move(subject_type));
  payload_.set_subject_id(std::move(subject_id));
}

AdminAction& AdminAction::With(std::string name, std::string value) {
  v1::AdminActionRecorded::Detail* detail = payload_.add_details();
  detail->set_name(std::move(name));
  detail->set_value(std::move(value));
  return *this;
}

AdminAction& AdminAction::Because(std::string reason) {
  payload_.set_reason(std::move(reason));
  return *this;
}

AdminAction& AdminAction::ForHousehold(std::string household_id) {
  household_id_ = std::move(household_id);
  return *this;
}

v1::AdminActionRecorded AdminAction::Payload() const {
  v1::AdminActionRecorded payload = payload_;
  // Sorted, so the same action is the same bytes whatever order the caller
  // named its details in (stable: a name given twice keeps its order).
  std::stable_sort(payload.mutable_details()->begin(), payload.mutable_details()->end(),
                   [](const auto& a, const auto& b) { return a.name() < b.name(); });
  return payload;
}

v1::EventEnvelope AdminActionEnvelope(const v1::Actor& actor, const std::string& correlation_id,
                                      const AdminAction& action) {
  EventIdentity identity;
  identity.event_type = std::string(kAdminActionRecordedType);
  identity.aggregate_type = std::string(kAdminActionAggregate);
  identity.aggregate_id = NewEventId();
  identity.aggregate_version = 1;
  identity.household_id = action.household_id();
  return MakeEnvelope(EventContext{actor, correlation_id, ""}, identity, action.Payload());
}

std::string AdminActionStream(const v1::EventEnvelope& envelope, int partitions) {
  const int partition =
      envelope.household_id().empty() ? 0 : PartitionOf(envelope.household_id(), std::max(partitions, 1));
  return EventStream(kRegistrySource, partition);
}

void QueueAdminAction(redis::Transaction& tx, const v1::EventEnvelope& envelope, int partitions) {
  tx.Add(XAddCommand(AdminActionStream(envelope, partitions), envelope));
}

void RecordAdminAction(redis::Connection& redis, const v1::EventEnvelope& envelope, int partitions) {
  redis::Transaction tx;
  QueueAdminAction(tx, envelope, partitions);
  tx.Exec(redis);
}

}  // namespace ansinh::events
