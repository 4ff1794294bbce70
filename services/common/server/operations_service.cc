#include "server/operations_service.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "events/envelope_codec.h"
#include "events/stream_names.h"
#include "metrics/process_collector.h"
#include "server/authorization.h"
#include "server/paging.h"
#include "server/service_host.h"
#include "server/status_mapping.h"

namespace ansinh::server {
namespace {

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

// Fields the consumer runner writes in front of the original entry's fields
// when it dead-letters an event (ConsumerRunner::DeadLetter).
const std::set<std::string, std::less<>>& DeadLetterMetadataFields() {
  static const std::set<std::string, std::less<>> fields = {
      "stream", "id", "group", "consumer", "deliveries", "reason", std::string(events::kReplayForGroupField)};
  return fields;
}

// The original event stream entry's fields, as the publisher wrote them.
redis::Args OriginalFields(const events::StreamEntry& entry) {
  redis::Args fields;
  for (const auto& [key, value] : entry.fields) {
    if (DeadLetterMetadataFields().contains(key)) continue;
    fields.push_back(key);
    fields.push_back(value);
  }
  return fields;
}

// Where a dead letter of `group` read from `stream` is replayed: the group's
// replay stream of that event stream, when the group consumes it (or when the
// dead letter was itself read from that replay stream); none otherwise.
std::optional<std::string> ReplayTarget(const std::string& stream, const std::string& group,
                                        const std::vector<std::string>& consumed) {
  std::string source;
  int partition = -1;
  std::string replay_group;
  if (!events::ParseEventStream(stream, &source, &partition) &&
      !(events::ParseReplayStream(stream, &replay_group, &source, &partition) && replay_group == group)) {
    return std::nullopt;
  }
  const std::string event_stream = events::EventStream(source, partition);
  if (std::find(consumed.begin(), consumed.end(), event_stream) == consumed.end()) return std::nullopt;
  return events::ReplayStream(group, source, partition);
}

bool IsStreamId(std::string_view id) {
  const size_t dash = id.find('-');
  const auto is_number = [](std::string_view text) {
    uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && error == std::errc() && end == text.data() + text.size();
  };
  if (dash == std::string_view::npos) return is_number(id);
  return is_number(id.substr(0, dash)) && is_number(id.substr(dash + 1));
}

v1::DeadLetter DescribeDeadLetter(const std::string& group, const events::StreamEntry& entry) {
  v1::DeadLetter out;
  out.set_dead_letter_id(entry.id);
  out.set_group(group);
  const auto text = [&entry](std::string_view name) {
    const std::string* value = entry.Field(name);
    return value == nullptr ? std::string() : *value;
  };
  out.set_stream(text("stream"));
  out.set_stream_entry_id(text("id"));
  out.set_reason(text("reason"));
  out.set_consumer(text("consumer"));
  int64_t deliveries = 0;
  const std::string delivered = text("deliveries");
  std::from_chars(delivered.data(), delivered.data() + delivered.size(), deliveries);
  out.set_deliveries(deliveries);
  int64_t millis = 0;
  std::from_chars(entry.id.data(), entry.id.data() + entry.id.size(), millis);
  *out.mutable_dead_lettered_at() = google::protobuf::util::TimeUtil::MillisecondsToTimestamp(millis);
  // The envelope is the source of truth; an envelope that does not decode
  // (often the very reason it was dead-lettered) still shows the clear-text
  // "type" and "aggregate" fields the publisher wrote next to it.
  v1::EventEnvelope envelope;
  const std::string* bytes = entry.Field("envelope");
  if (bytes != nullptr && envelope.ParseFromString(*bytes) && !envelope.event_type().empty()) {
    out.set_event_type(envelope.event_type());
    out.set_aggregate_type(envelope.aggregate_type());
    out.set_aggregate_id(envelope.aggregate_id());
    out.set_aggregate_version(envelope.aggregate_version());
    out.set_event_id(envelope.event_id());
    return out;
  }
  out.set_event_type(text("type"));
  const std::string aggregate = text("aggregate");
  const size_t slash = aggregate.find('/');
  if (slash == std::string::npos) {
    out.set_aggregate_id(aggregate);
  } else {
    out.set_aggregate_type(aggregate.substr(0, slash));
    out.set_aggregate_id(aggregate.substr(slash + 1));
  }
  return out;
}

std::vector<events::StreamEntry> ReadRange(redis::Connection& redis, const std::string& stream,
                                           const std::string& start, const std::string& end, int count) {
  redis::Reply reply = redis.Command({"XRANGE", stream, start, end, "COUNT", std::to_string(count)});
  std::vector<events::StreamEntry> entries;
  for (const auto& item : reply.elements) entries.push_back(events::ParseEntryReply(item));
  return entries;
}

// Page tokens name the group and the last dead-letter id served: "<group>|<id>".
constexpr char kTokenSeparator = '|';

}  // namespace

const events::ConsumerRunner* OperationsService::RunnerOf(const std::string& group) const {
  for (const auto& runner : host_.consumers()) {
    if (runner->options().group == group) return runner.get();
  }
  return nullptr;
}

grpc::ServerUnaryReactor* OperationsService::Ping(grpc::CallbackServerContext* context,
                                                  const v1::PingRequest*, v1::PingResponse*) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* OperationsService::ListDeadLetters(grpc::CallbackServerContext* context,
                                                             const v1::ListDeadLettersRequest* request,
                                                             v1::ListDeadLettersResponse* response) {
  return host_.executor().Handle(
      context, "Operations.ListDeadLetters", response, [this, request, response](const CallScope& call) {
        grpc::Status allowed =
            RequireRole(call.actor, {v1::ROLE_WARD_OFFICER, v1::ROLE_AUDITOR}, "list dead letters");
        if (!allowed.ok()) return allowed;
        FieldViolations violations;
        const int page_size = ResolvePageSize(request->page(), "page", violations);
        std::vector<std::string> groups;
        if (request->group().empty()) {
          for (const auto& runner : host_.consumers()) groups.push_back(runner->options().group);
        } else if (RunnerOf(request->group()) != nullptr) {
          groups.push_back(request->group());
        } else {
          violations.push_back({"group", "'" + request->group() + "' is not a consumer group of the " +
                                             host_.config().service + " service"});
        }
        size_t first_group = 0;
        std::string start = "-";
        const std::string& token = request->page().page_token();
        if (!token.empty()) {
          const size_t separator = token.find(kTokenSeparator);
          const auto found = separator == std::string::npos
                                 ? groups.end()
                                 : std::find(groups.begin(), groups.end(), token.substr(0, separator));
          if (found == groups.end() || !IsStreamId(token.substr(separator + 1))) {
            violations.push_back({"page.page_token", "is not a token this list returned"});
          } else {
            first_group = static_cast<size_t>(found - groups.begin());
            start = "(" + token.substr(separator + 1);
          }
        }
        if (!violations.empty()) return ToStatus(Error::InvalidArgument(violations));

        int64_t total = 0;
        for (const auto& group : groups) {
          total += LengthOf(call.redis, events::DeadLetterStream(group));
        }
        response->mutable_page()->set_total_size(total);
        int remaining = page_size;
        for (size_t index = first_group; index < groups.size(); ++index) {
          const std::string& group = groups[index];
          const std::string stream = events::DeadLetterStream(group);
          std::vector<events::StreamEntry> entries =
              ReadRange(call.redis, stream, index == first_group ? start : "-", "+", remaining + 1);
          const bool more_here = static_cast<int>(entries.size()) > remaining;
          if (more_here) entries.resize(static_cast<size_t>(remaining));
          for (const auto& entry : entries) *response->add_dead_letters() = DescribeDeadLetter(group, entry);
          remaining -= static_cast<int>(entries.size());
          if (remaining > 0) continue;
          bool more_later = more_here;
          for (size_t later = index + 1; !more_later && later < groups.size(); ++later) {
            more_later = LengthOf(call.redis, events::DeadLetterStream(groups[later])) > 0;
          }
          if (more_later) {
            const std::string last =
                entries.empty() ? start.substr(start.starts_with("(") ? 1 : 0) : entries.back().id;
            response->mutable_page()->set_next_page_token(group + kTokenSeparator + last);
          }
          break;
        }
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* OperationsService::ReplayDeadLetters(grpc::CallbackServerContext* context,
                                                               const v1::ReplayDeadLettersRequest* request,
                                                               v1::ReplayDeadLettersResponse* response) {
  return host_.executor().Handle(
      context, "Operations.ReplayDeadLetters", response, [this, request, response](const CallScope& call) {
        grpc::Status allowed = RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "replay dead letters");
        if (!allowed.ok()) return allowed;
        FieldViolations violations;
        const events::ConsumerRunner* runner = RunnerOf(request->group());
        if (request->group().empty()) {
          violations.push_back({"group", "name the consumer group whose dead letters to replay"});
        } else if (runner == nullptr) {
          violations.push_back({"group", "'" + request->group() + "' is not a consumer group of the " +
                                             host_.config().service + " service"});
        }
        if (request->all() == (request->dead_letter_ids_size() > 0)) {
          violations.push_back({"dead_letter_ids", "give dead-letter ids or all, not both or neither"});
        }
        for (int i = 0; i < request->dead_letter_ids_size(); ++i) {
          if (!IsStreamId(request->dead_letter_ids(i))) {
            violations.push_back({"dead_letter_ids[" + std::to_string(i) + "]",
                                  "'" + request->dead_letter_ids(i) + "' is not a stream entry id"});
          }
        }
        if (!violations.empty()) return ToStatus(Error::InvalidArgument(violations));

        const std::string dead_letters = events::DeadLetterStream(request->group());
        std::vector<events::StreamEntry> entries;
        if (request->all()) {
          std::string start = "-";
          while (true) {
            std::vector<events::StreamEntry> page =
                ReadRange(call.redis, dead_letters, start, "+", kMaxPageSize);
            if (page.empty()) break;
            start = "(" + page.back().id;
            entries.insert(entries.end(), page.begin(), page.end());
          }
        } else {
          for (const auto& id : request->dead_letter_ids()) {
            std::vector<events::StreamEntry> found = ReadRange(call.redis, dead_letters, id, id, 1);
            if (found.empty()) {
              response->add_not_found(id);
            } else {
              entries.push_back(std::move(found.front()));
            }
          }
        }
        const std::vector<std::string>& consumed = runner->streams();
        for (const auto& entry : entries) {
          const std::string* stream = entry.Field("stream");
          redis::Args fields = OriginalFields(entry);
          const std::optional<std::string> target =
              stream == nullptr ? std::nullopt : ReplayTarget(*stream, request->group(), consumed);
          if (!target || fields.empty()) {
            return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                                "dead letter " + entry.id + " does not name a stream group '" +
                                    request->group() + "' consumes; nothing was replayed from it on");
          }
          // Published again, unchanged, into the group's own replay stream for
          // the event's source and partition, which the group reads next to
          // the event stream: it applies the event like any new entry, and its
          // applied marks skip it if this version was applied after all. No
          // service writes into a stream another publishes (its Redis user may
          // not: deploy/local/redis-acl/). Only once the event is back does
          // the dead letter go, so a failure in between leaves it listed and a
          // second replay is harmless.
          redis::Args add{"XADD", *target, "*"};
          add.insert(add.end(), fields.begin(), fields.end());
          add.push_back(std::string(events::kReplayForGroupField));
          add.push_back(request->group());
          const std::string new_id = call.redis.Command(add).AsString();
          call.redis.Command({"XDEL", dead_letters, entry.id});
          auto* replayed = response->add_replayed();
          replayed->set_dead_letter_id(entry.id);
          replayed->set_stream(*target);
          replayed->set_new_stream_entry_id(new_id);
        }
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* OperationsService::GetServiceInfo(grpc::CallbackServerContext* context,
                                                            const v1::GetServiceInfoRequest*,
                                                            v1::ServiceInfo* response) {
  return host_.executor().Handle(
      context, "Operations.GetServiceInfo", response, [this, response](const CallScope& call) {
        // Every role of the ward's own people and programs; not an outside
        // consumer, which receives its events and nothing else.
        if (grpc::Status denied = RequireRole(call.actor, kAnyRole, "read service information");
            !denied.ok()) {
          return denied;
        }
        response->set_service(host_.config().service);
        response->set_version(ANSINH_VERSION);
        *response->mutable_started_at() = google::protobuf::util::TimeUtil::TimeTToTimestamp(
            std::chrono::system_clock::to_time_t(host_.started_at()));
        response->set_resident_memory_bytes(metrics::ResidentMemoryBytes());
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
