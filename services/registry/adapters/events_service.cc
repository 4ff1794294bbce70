#include "registry/adapters/events_service.h"

#include <spdlog/spdlog.h>

#include <map>
#include <set>

#include "events/envelope_codec.h"
#include "events/stream_names.h"
#include "personal_data/envelope_key_opener.h"
#include "redis/redis_error.h"
#include "registry/adapters/consumer_grants_service.h"
#include "registry/adapters/household_store.h"
#include "registry/core/consumer_grant_rules.h"
#include "registry/core/event_for_consumer.h"
#include "server/authorization.h"
#include "server/personal_data_reads.h"
#include "server/redaction.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
namespace {

constexpr const char* kSubscribe = "Events.Subscribe";

}  // namespace

EventsService::EventsService(server::RequestExecutor& executor, SubscriptionSettings settings)
    : executor_(executor), settings_(settings) {}

EventsService::~EventsService() = default;

grpc::ServerWriteReactor<v1::SubscribeResponse>* EventsService::Subscribe(
    grpc::CallbackServerContext* context, const v1::SubscribeRequest* request) {
  grpc::Status refusal;
  // The call is authenticated with this header; the subscription checks the
  // same token again while it lasts.
  std::optional<std::string> token = server::BearerTokenOf(*context, &refusal);
  auto* reactor = new SubscriptionReactor(executor_, settings_, token.value_or(""), *request);
  executor_.AuthenticateAsync(context, [reactor](std::optional<v1::Actor> actor, grpc::Status status) {
    reactor->Start(std::move(actor), std::move(status));
  });
  return reactor;
}

grpc::ServerUnaryReactor* EventsService::Acknowledge(grpc::CallbackServerContext* context,
                                                     const v1::AcknowledgeRequest* request,
                                                     v1::AcknowledgeResponse* response) {
  return executor_.Handle(context, "Events.Acknowledge", response, [=, this](const server::CallScope& call) {
    grpc::Status refusal;
    const std::optional<v1::ConsumerGrant> grant =
        ActiveGrantOf(call.redis, call.actor, "acknowledge events", &refusal);
    if (!grant) return refusal;
    const std::set<std::string> sources = SourcesOf(*grant);
    FieldViolations violations;
    std::vector<EventPosition> positions;
    for (int i = 0; i < request->positions_size(); ++i) {
      const std::string field = "positions[" + std::to_string(i) + "]";
      std::optional<EventPosition> position = ParsePosition(request->positions(i), settings_.partitions);
      if (!position) {
        violations.push_back({field,
                              "is not a position of a delivered event (<source>/<partition>/<entry id>, e.g. "
                              "classification/0/1718000000000-0)",
                              "violation.events.position_form",
                              {{"position", request->positions(i)}}});
      } else if (!sources.contains(position->source)) {
        violations.push_back({field,
                              "names a stream of " + position->source + ", which the grant does not cover",
                              "violation.events.position_not_granted",
                              {{"source", position->source}}});
      } else {
        positions.push_back(std::move(*position));
      }
    }
    if (request->positions().empty()) {
      violations.push_back({"positions", "must name at least one position", "violation.events.no_positions"});
    }
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    response->set_acknowledged(
        static_cast<int32_t>(AcknowledgePositions(call.redis, call.actor.name(), positions)));
    return grpc::Status::OK;
  });
}

SubscriptionReactor::SubscriptionReactor(server::RequestExecutor& executor,
                                         const SubscriptionSettings& settings, std::string token,
                                         const v1::SubscribeRequest& request)
    : executor_(executor),
      settings_(settings),
      token_(std::move(token)),
      request_(request),
      read_recorder_(
          server::PublishingReadRecorder(std::string(events::kRegistrySource), settings.partitions)) {}

void SubscriptionReactor::Start(std::optional<v1::Actor> actor, grpc::Status refusal) {
  if (!actor) {
    End(refusal);
    return;
  }
  actor_ = std::move(*actor);
  executor_.Submit([this](redis::Connection& redis) { Begin(redis); });
}

void SubscriptionReactor::End(grpc::Status status) {
  if (ended_) return;
  ended_ = true;
  if (!status.ok() && status.error_code() != grpc::StatusCode::CANCELLED) {
    spdlog::info("subscription of consumer '{}' ended: {}", actor_.name(), status.error_message());
  }
  Finish(std::move(status));
}

void SubscriptionReactor::Begin(redis::Connection& redis) {
  try {
    grpc::Status refusal;
    std::optional<v1::ConsumerGrant> grant = ActiveGrantOf(redis, actor_, "subscribe to events", &refusal);
    if (!grant) {
      End(refusal);
      return;
    }
    UseGrant(redis, std::move(*grant));
    checked_at_ = std::chrono::steady_clock::now();
    spdlog::info("consumer '{}' subscribed to {} event types", actor_.name(), grant_.event_types_size());
    Step(redis);
  } catch (...) {
    End(server::StatusFromCurrentException(kSubscribe));
  }
}

void SubscriptionReactor::UseGrant(redis::Connection& redis, v1::ConsumerGrant grant) {
  std::vector<ConsumerStream> streams = ConsumerStreams(grant, settings_.partitions);
  // A stream already read keeps its cursor; a source the grant gained is
  // read from its pending entries on; one it lost is no longer read.
  std::vector<Cursor> cursors;
  std::vector<ConsumerStream> added;
  for (ConsumerStream& stream : streams) {
    auto kept = std::find_if(cursors_.begin(), cursors_.end(),
                             [&](const Cursor& cursor) { return cursor.stream.key == stream.key; });
    if (kept != cursors_.end()) {
      cursors.push_back(*kept);
    } else {
      added.push_back(stream);
      cursors.push_back(Cursor{std::move(stream)});
    }
  }
  // SetGrant made them; made again here in case an operator deleted one.
  CreateConsumerGroups(redis, actor_.name(), added);
  cursors_ = std::move(cursors);
  grant_ = std::move(grant);
}

bool SubscriptionReactor::StillAllowed(redis::Connection& redis) {
  const auto now = std::chrono::steady_clock::now();
  if (now - checked_at_ < kRecheckInterval) return true;
  checked_at_ = now;
  // The token first: revoked or expired, it is refused within the token
  // cache's 2 s, as on every call.
  if (!executor_.authenticator().Authenticate(redis, token_)) {
    End(server::KeyedStatus(grpc::StatusCode::UNAUTHENTICATED, "unknown, expired or revoked token",
                            "error.token.refused"));
    return false;
  }
  grpc::Status refusal;
  std::optional<v1::ConsumerGrant> grant = ActiveGrantOf(redis, actor_, "subscribe to events", &refusal);
  if (!grant) {
    End(refusal);
    return false;
  }
  if (grant->SerializeAsString() != grant_.SerializeAsString()) UseGrant(redis, std::move(*grant));
  return true;
}

bool SubscriptionReactor::ReadBatch(redis::Connection& redis) {
  const std::string group = ConsumerGroup(actor_.name());
  std::vector<redis::Args> reads;
  for (const Cursor& cursor : cursors_) {
    reads.push_back({"XREADGROUP", "GROUP", group, std::string(kSubscriberName), "COUNT",
                     std::to_string(kReadCount), "STREAMS", cursor.stream.key,
                     cursor.reading_pending ? cursor.pending_after : ">"});
  }
  const std::vector<redis::Reply> replies = redis.Pipeline(reads);
  // Caught up: every stream was past its pending entries and had fewer new
  // ones than a full read.
  bool caught_up = true;
  std::vector<v1::DeliveredEvent> delivered;
  std::map<std::string, std::vector<std::string>> unseen_by_stream;
  for (size_t i = 0; i < cursors_.size(); ++i) {
    Cursor& cursor = cursors_[i];
    const redis::Reply& reply = replies[i];
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    std::vector<events::StreamEntry> entries;
    if (reply.IsArray() && !reply.elements.empty() && reply.elements[0].elements.size() == 2) {
      for (const redis::Reply& item : reply.elements[0].elements[1].elements) {
        entries.push_back(events::ParseEntryReply(item));
      }
    }
    if (cursor.reading_pending) {
      caught_up = false;
      // Its own pending entries read to their end, it goes on with new ones.
      if (entries.empty()) {
        cursor.reading_pending = false;
      } else {
        cursor.pending_after = entries.back().id;
      }
    } else if (static_cast<int>(entries.size()) == kReadCount) {
      caught_up = false;
    }
    // The events as published, their sealed personal fields opened with the
    // households' data keys (docs/data-protection.md, "Events"), so that a
    // field the grant names reaches the consumer; what it does not name is
    // taken out below. A household whose key is gone (erased) or cannot be
    // read stays sealed: the consumer gets the event without those fields.
    std::vector<std::optional<v1::EventEnvelope>> decoded;
    std::vector<std::string> errors(entries.size());
    for (size_t e = 0; e < entries.size(); ++e)
      decoded.push_back(events::DecodeEntry(entries[e], &errors[e]));
    // Pointers taken once `decoded` is complete: taken while it grew, all
    // but the last would point into storage a later push_back had moved,
    // and a batch of several sealed events opened none but its last.
    std::vector<v1::EventEnvelope*> sealed;
    for (std::optional<v1::EventEnvelope>& envelope : decoded) {
      if (envelope && envelope->has_personal()) sealed.push_back(&*envelope);
    }
    if (settings_.key_ring != nullptr && !sealed.empty()) {
      personal_data::EnvelopeKeyOpener(*settings_.key_ring).Open(redis, cursor.stream.partition, sealed);
    }
    for (size_t e = 0; e < entries.size(); ++e) {
      const events::StreamEntry& entry = entries[e];
      std::optional<v1::EventEnvelope>& envelope = decoded[e];
      if (!envelope) {
        // Trimmed away or unreadable: nothing to deliver, ever.
        spdlog::warn("consumer '{}': {} entry {} skipped: {}", actor_.name(), cursor.stream.key, entry.id,
                     errors[e]);
        unseen_by_stream[cursor.stream.key].push_back(entry.id);
        continue;
      }
      ConsumerEvent event = EventForConsumer(*envelope, grant_);
      if (!event.envelope) {
        if (event.withheld == Withheld::kUnreadablePayload) {
          spdlog::warn("consumer '{}': event {} ({}) skipped: its payload is not its type's", actor_.name(),
                       envelope->event_id(), envelope->event_type());
        }
        // Not the consumer's: acknowledged unseen, so it never waits again.
        unseen_by_stream[cursor.stream.key].push_back(entry.id);
        continue;
      }
      // The sensitive fields it carries are a read by the consumer, recorded
      // before the batch is sent (docs/data-protection.md, "Sensitive data").
      const v1::PersonalDataRead carried =
          server::MarkedFieldsCarried(*event.payload, server::RecordedMarksFor(actor_));
      for (const v1::PersonalDataRead::HouseholdFields& household : carried.households()) {
        const std::string& id =
            household.household_id().empty() ? envelope->household_id() : household.household_id();
        reads_[id].insert(household.fields().begin(), household.fields().end());
      }
      v1::DeliveredEvent& out = delivered.emplace_back();
      out.set_position(FormatPosition({cursor.stream.source, cursor.stream.partition, entry.id}));
      *out.mutable_envelope() = std::move(*event.envelope);
    }
  }
  for (const auto& [stream, ids] : unseen_by_stream) AcknowledgeEntries(redis, actor_.name(), stream, ids);

  // What the consumer needs to act, from the registry's own records.
  if (!grant_.household_details().empty() && !delivered.empty()) {
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (const v1::DeliveredEvent& event : delivered) {
      const std::string& household = event.envelope().household_id();
      if (!household.empty() && seen.insert(household).second) ids.push_back(household);
    }
    HouseholdStore store(redis, *settings_.keys, settings_.claim_lifetime_seconds, settings_.key_ring);
    const std::vector<std::optional<StoredHousehold>> loaded = store.LoadMany(ids);
    std::map<std::string, v1::HouseholdDetails> details;
    for (const std::optional<StoredHousehold>& stored : loaded) {
      if (!stored) continue;
      if (std::optional<v1::HouseholdDetails> found = HouseholdDetailsFor(stored->household, grant_)) {
        details.emplace(stored->household.household_id(), std::move(*found));
      }
    }
    for (v1::DeliveredEvent& event : delivered) {
      auto found = details.find(event.envelope().household_id());
      if (found != details.end()) *event.mutable_household() = found->second;
    }
  }

  size_t bytes = 0;
  for (v1::DeliveredEvent& event : delivered) {
    const size_t size = event.ByteSizeLong();
    if (outbox_.empty() || bytes + size > kMaxMessageBytes) {
      outbox_.emplace_back();
      bytes = 0;
    }
    *outbox_.back().add_events() = std::move(event);
    bytes += size;
  }
  return caught_up;
}

grpc::Status SubscriptionReactor::RecordSensitiveReads(redis::Connection& redis) {
  if (reads_.empty()) return grpc::Status::OK;
  v1::PersonalDataRead read;
  read.set_rpc("Events.Subscribe");
  for (const auto& [household_id, fields] : reads_) {
    v1::PersonalDataRead::HouseholdFields* household = read.add_households();
    household->set_household_id(household_id);
    for (const std::string& field : fields) household->add_fields(field);
  }
  reads_.clear();
  const std::string correlation_id = events::NewEventId();
  return read_recorder_(server::CallScope{actor_, correlation_id, redis}, read);
}

void SubscriptionReactor::Step(redis::Connection& redis) {
  try {
    if (cancelled_) {
      End(grpc::Status(grpc::StatusCode::CANCELLED, "the consumer went away"));
      return;
    }
    if (settings_.stopping != nullptr && settings_.stopping->load()) {
      End(server::KeyedStatus(grpc::StatusCode::UNAVAILABLE, "the registry is stopping: subscribe again",
                              "error.events.stopping"));
      return;
    }
    if (!StillAllowed(redis)) return;
    const bool caught_up = ReadBatch(redis);
    // A batch whose read cannot be recorded is not sent (nor acknowledged:
    // it comes again).
    if (grpc::Status recorded = RecordSensitiveReads(redis); !recorded.ok()) {
      End(recorded);
      return;
    }
    if (!outbox_.empty()) {
      WriteNext();
    } else if (!caught_up) {
      // A whole batch of events the grant does not cover: read on at once
      // (queued behind the other calls waiting for a worker), not after the
      // idle wait, or a consumer of one type among many would crawl.
      executor_.Submit([this](redis::Connection& next) { Step(next); });
    } else if (!request_.follow()) {
      End(grpc::Status::OK);
    } else {
      StepLater();
    }
  } catch (...) {
    End(server::StatusFromCurrentException(kSubscribe));
  }
}

void SubscriptionReactor::StepLater() {
  alarm_.Set(std::chrono::system_clock::now() + kIdleWait,
             [this](bool) { executor_.Submit([this](redis::Connection& redis) { Step(redis); }); });
}

void SubscriptionReactor::WriteNext() {
  message_ = std::move(outbox_.front());
  outbox_.pop_front();
  StartWrite(&message_);
}

void SubscriptionReactor::OnWriteDone(bool ok) {
  if (!ok || cancelled_) {
    End(grpc::Status(grpc::StatusCode::CANCELLED, "the consumer stopped reading"));
    return;
  }
  if (!outbox_.empty()) {
    WriteNext();
    return;
  }
  executor_.Submit([this](redis::Connection& redis) { Step(redis); });
}

}  // namespace ansinh::registry
