#pragma once

#include <optional>
#include <string>

#include "ansinh/v1/consumers.grpc.pb.h"
#include "redis/redis_connection.h"
#include "server/request_executor.h"

namespace ansinh::registry {

// ansinh.v1.ConsumerGrants: ward officers grant an outside consumer the event
// types and personal fields it receives through ansinh.v1.Events, replace a
// grant and revoke it (docs/events.md, "Outside consumers"); auditors may
// list them. Each grant set or revoked is an entry of the audit chain, in
// the grant's own transaction (events/admin_actions.h).
class ConsumerGrantsService final : public v1::ConsumerGrants::CallbackService {
 public:
  ConsumerGrantsService(server::RequestExecutor& executor, int partitions);
  ~ConsumerGrantsService() override;

  grpc::ServerUnaryReactor* SetGrant(grpc::CallbackServerContext* context, const v1::SetGrantRequest* request,
                                     v1::SetGrantResponse* response) override;
  grpc::ServerUnaryReactor* RevokeGrant(grpc::CallbackServerContext* context,
                                        const v1::RevokeGrantRequest* request,
                                        v1::RevokeGrantResponse* response) override;
  grpc::ServerUnaryReactor* ListGrants(grpc::CallbackServerContext* context,
                                       const v1::ListGrantsRequest* request,
                                       v1::ListGrantsResponse* response) override;

 private:
  server::RequestExecutor& executor_;
  int partitions_;
};

// The grant an outside consumer acts under: its token's role must be
// ROLE_OUTSIDE_CONSUMER and its token's name a consumer with a grant that is
// not revoked. Otherwise nullopt with *refusal PERMISSION_DENIED saying which.
std::optional<v1::ConsumerGrant> ActiveGrantOf(redis::Connection& redis, const v1::Actor& actor,
                                               std::string_view action, grpc::Status* refusal);

// FAILED_PRECONDITION naming `field` when no grant (revoked or not) exists
// for `consumer_id`: a consumer's token is issued only for a granted consumer.
std::optional<grpc::Status> UnknownConsumer(redis::Connection& redis, const std::string& consumer_id,
                                            const std::string& field);

}  // namespace ansinh::registry
