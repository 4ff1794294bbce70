#pragma once

#include <grpcpp/alarm.h>
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ansinh/v1/consumers.grpc.pb.h"
#include "personal_data/key_ring.h"
#include "registry/adapters/consumer_streams.h"
#include "registry/adapters/registry_keys.h"
#include "server/request_executor.h"

namespace ansinh::registry {

// What a subscription needs besides the executor.
struct SubscriptionSettings {
  int partitions = 1;
  const RegistryKeys* keys = nullptr;
  // Opens the households' sealed records for the details a grant asks for;
  // null when records are stored in clear.
  personal_data::KeyRing* key_ring = nullptr;
  int64_t claim_lifetime_seconds = 60;
  // The host's shutdown flag (ServiceHost::stopping): a subscription ends
  // itself instead of holding the drain.
  const std::atomic<bool>* stopping = nullptr;
};

// ansinh.v1.Events, hosted by the registry (docs/events.md, "Outside
// consumers"): an outside consumer reads the event types of its grant,
// without the marked fields its grant does not name and with the household
// details it asks for, and acknowledges what it handled. The registry hosts
// it because it holds the households' records and data keys: the details
// are added here, and no consumer ever gets a key or a Redis password.
class EventsService final : public v1::Events::CallbackService {
 public:
  EventsService(server::RequestExecutor& executor, SubscriptionSettings settings);
  ~EventsService() override;

  grpc::ServerWriteReactor<v1::SubscribeResponse>* Subscribe(grpc::CallbackServerContext* context,
                                                             const v1::SubscribeRequest* request) override;
  grpc::ServerUnaryReactor* Acknowledge(grpc::CallbackServerContext* context,
                                        const v1::AcknowledgeRequest* request,
                                        v1::AcknowledgeResponse* response) override;

 private:
  server::RequestExecutor& executor_;
  SubscriptionSettings settings_;
};

// One subscription. Every step runs on one of the executor's workers and
// never blocks: it reads what waits on the consumer's streams (its own
// unacknowledged entries first, then new ones, XREADGROUP without BLOCK),
// acknowledges at once what the grant does not cover, and writes the rest;
// the next step runs when the client has taken the message, or after a
// short wait (a gRPC alarm, holding no worker) when nothing was there. At
// most every second it checks the token and the grant again, so a revoked
// grant ends the call within about a second, a revoked token within three
// (the token cache's 2 s, when another registry instance revoked it).
class SubscriptionReactor final : public grpc::ServerWriteReactor<v1::SubscribeResponse> {
 public:
  static constexpr std::chrono::milliseconds kIdleWait{100};
  static constexpr std::chrono::milliseconds kRecheckInterval{1000};
  // Entries read per stream per step, and the most bytes one message carries.
  static constexpr int kReadCount = 256;
  static constexpr size_t kMaxMessageBytes = 1 << 20;

  SubscriptionReactor(server::RequestExecutor& executor, const SubscriptionSettings& settings,
                      std::string token, const v1::SubscribeRequest& request);

  // Called once the caller's token was looked up.
  void Start(std::optional<v1::Actor> actor, grpc::Status refusal);

  void OnWriteDone(bool ok) override;
  void OnCancel() override { cancelled_ = true; }
  void OnDone() override { delete this; }

 private:
  // A stream being read: first the consumer's own pending entries after
  // `pending_after`, then new ones.
  struct Cursor {
    ConsumerStream stream;
    bool reading_pending = true;
    std::string pending_after = "0";
  };

  void Begin(redis::Connection& redis);
  void Step(redis::Connection& redis);
  void StepLater();
  // False (and the call finished) when the token or the grant no longer holds.
  bool StillAllowed(redis::Connection& redis);
  void UseGrant(redis::Connection& redis, v1::ConsumerGrant grant);
  // Reads one batch into outbox_; true when every stream was read to its end.
  bool ReadBatch(redis::Connection& redis);
  // Records the sensitive fields the batch delivers (reads_) as one
  // personal-data read by the consumer; not OK when it cannot be recorded.
  grpc::Status RecordSensitiveReads(redis::Connection& redis);
  void WriteNext();
  void End(grpc::Status status);

  server::RequestExecutor& executor_;
  const SubscriptionSettings& settings_;
  const std::string token_;
  const v1::SubscribeRequest request_;
  v1::Actor actor_;
  v1::ConsumerGrant grant_;
  std::vector<Cursor> cursors_;
  std::deque<v1::SubscribeResponse> outbox_;
  v1::SubscribeResponse message_;
  std::chrono::steady_clock::time_point checked_at_;
  server::RequestExecutor::PersonalDataReadRecorder read_recorder_;
  // The batch's sensitive fields by household (paths from the payload): the
  // read recorded before it is sent.
  std::map<std::string, std::set<std::string>> reads_;
  grpc::Alarm alarm_;
  std::atomic<bool> cancelled_{false};
  bool ended_ = false;
};

}  // namespace ansinh::registry
