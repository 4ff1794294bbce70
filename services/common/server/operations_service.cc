#include "server/operations_service.h"

#include <google/protobuf/util/time_util.h>

#include <fstream>
#include <string>

#include "events/stream_names.h"
#include "server/service_host.h"

namespace ansinh::server {
namespace {

int64_t ResidentMemoryBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6)) * 1024;
  }
  return 0;
}

int64_t LengthOf(redis::Connection& redis, const std::string& stream) {
  return redis.Command({"XLEN", stream}).AsInteger();
}

// XINFO GROUPS answers a flat [name, value, ...] map per group.
void FillGroupInfo(redis::Connection& redis, const std::string& stream, const std::string& group,
                   v1::ConsumerStreamInfo* info) {
  info->set_stream(stream);
  info->set_group(group);
  info->set_length(LengthOf(redis, stream));
  info->set_lag(-1);
  redis::Reply groups = redis.Command({"XINFO", "GROUPS", stream});
  for (const auto& entry : groups.elements) {
    std::string name;
    int64_t lag = -1;
    int64_t pending = 0;
    for (size_t i = 0; i + 1 < entry.elements.size(); i += 2) {
      const std::string& key = entry.elements[i].str;
      const redis::Reply& value = entry.elements[i + 1];
      if (key == "name") name = value.str;
      if (key == "pending") pending = value.integer;
      if (key == "lag" && value.type == redis::Reply::Type::kInteger) lag = value.integer;
    }
    if (name == group) {
      info->set_lag(lag);
      info->set_pending(pending);
    }
  }
}

}  // namespace

grpc::ServerUnaryReactor* OperationsService::GetServiceInfo(grpc::CallbackServerContext* context,
                                                            const v1::GetServiceInfoRequest*,
                                                            v1::ServiceInfo* response) {
  return host_.executor().Handle(context, "Operations.GetServiceInfo", [this, response](
                                                                           const CallScope& call) {
    response->set_service(host_.config().service);
    response->set_version(ANSINH_VERSION);
    *response->mutable_started_at() = google::protobuf::util::TimeUtil::TimeTToTimestamp(
        std::chrono::system_clock::to_time_t(host_.started_at()));
    response->set_resident_memory_bytes(ResidentMemoryBytes());
    response->set_redis_reachable(call.redis.Ping());
    if (!response->redis_reachable()) return grpc::Status::OK;
    for (const auto& stream : host_.published_streams()) {
      auto* published = response->add_published();
      published->set_stream(stream);
      published->set_length(LengthOf(call.redis, stream));
    }
    for (const auto& runner : host_.consumers()) {
      for (const auto& stream : runner->streams()) {
        FillGroupInfo(call.redis, stream, runner->options().group, response->add_consumed());
      }
      const auto& counters = runner->counters();
      auto* out = response->add_consumers();
      out->set_group(runner->options().group);
      out->set_consumer(runner->options().consumer);
      out->set_applied(counters.applied.load());
      out->set_skipped_duplicates(counters.skipped_duplicates.load());
      out->set_failed_deliveries(counters.failed_deliveries.load());
      out->set_dead_lettered(counters.dead_lettered.load());
      out->set_claimed(counters.claimed.load());
      out->set_dead_letter_length(
          LengthOf(call.redis, events::DeadLetterStream(runner->options().group)));
    }
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::server
