#include "registry/adapters/consumer_streams.h"

#include <map>

#include "events/stream_names.h"
#include "redis/redis_error.h"
#include "registry/core/consumer_grant_rules.h"

namespace ansinh::registry {

std::string ConsumerGroup(std::string_view consumer_id) { return "consumer:" + std::string(consumer_id); }

std::vector<ConsumerStream> ConsumerStreams(const v1::ConsumerGrant& grant, int partitions) {
  std::vector<ConsumerStream> streams;
  for (const std::string& source : SourcesOf(grant)) {
    for (int partition = 0; partition < partitions; ++partition) {
      streams.push_back({source, partition, events::EventStream(source, partition)});
    }
  }
  return streams;
}

void CreateConsumerGroups(redis::Connection& redis, std::string_view consumer_id,
                          const std::vector<ConsumerStream>& streams) {
  const std::string group = ConsumerGroup(consumer_id);
  for (const ConsumerStream& stream : streams) {
    try {
      redis.Command({"XGROUP", "CREATE", stream.key, group, "0", "MKSTREAM"});
    } catch (const redis::ReplyError& error) {
      // The group exists: the consumer resumes where it acknowledged.
      if (std::string_view(error.what()).find("BUSYGROUP") == std::string_view::npos) throw;
    }
  }
}

long long AcknowledgeEntries(redis::Connection& redis, std::string_view consumer_id,
                             const std::string& stream, const std::vector<std::string>& ids) {
  if (ids.empty()) return 0;
  redis::Args command{"XACK", stream, ConsumerGroup(consumer_id)};
  command.insert(command.end(), ids.begin(), ids.end());
  return redis.Command(command).AsInteger();
}

long long AcknowledgePositions(redis::Connection& redis, std::string_view consumer_id,
                               const std::vector<EventPosition>& positions) {
  std::map<std::string, std::vector<std::string>> by_stream;
  for (const EventPosition& position : positions) {
    by_stream[events::EventStream(position.source, position.partition)].push_back(position.entry_id);
  }
  long long acknowledged = 0;
  for (const auto& [stream, ids] : by_stream)
    acknowledged += AcknowledgeEntries(redis, consumer_id, stream, ids);
  return acknowledged;
}

}  // namespace ansinh::registry
