#include "server/personal_data_reads.h"

#include "events/envelope_codec.h"
#include "events/event_publisher.h"
#include "redis/transaction.h"

namespace ansinh::server {

std::string PersonalDataReadEventType(std::string_view source) {
  return std::string(source) + ".personal_data_read.v1";
}

RequestExecutor::PersonalDataReadRecorder PublishingReadRecorder(std::string source, int partitions) {
  events::EventPublisher publisher(source, partitions);
  return [event_type = PersonalDataReadEventType(source), publisher = std::move(publisher)](
             const CallScope& call, const v1::PersonalDataRead& read) {
    events::EventIdentity identity;
    identity.event_type = event_type;
    identity.aggregate_type = std::string(kPersonalDataReadAggregate);
    identity.aggregate_id = events::NewEventId();
    identity.aggregate_version = 1;
    if (read.households_size() == 1) identity.household_id = read.households(0).household_id();
    const v1::EventEnvelope envelope =
        events::MakeEnvelope(events::EventContext{call.actor, call.correlation_id, ""}, identity, read);
    // A read handler may have left a WATCH behind; the record must not abort on it.
    call.redis.Command({"UNWATCH"});
    redis::Transaction tx;
    publisher.Append(tx, envelope);
    tx.Exec(call.redis);
    return grpc::Status::OK;
  };
}

}  // namespace ansinh::server
