#pragma once

#include <vector>

#include "ansinh/v1/tokens.grpc.pb.h"
#include "server/request_executor.h"
#include "server/status_mapping.h"

namespace ansinh::registry {

// ansinh.v1.TokenAdmin: ward officers issue, list and revoke bearer tokens
// at run time (docs/security.md). Issued tokens are stored hashed in Redis
// (auth/issued_tokens.h); revocations cover bootstrap-file tokens too. The
// caller's role is checked before the request is validated. Issuance and
// revocation are logged with the token id, role, name and who did it, and
// each is an entry of the audit chain (events/admin_actions.h), recorded
// before the change; the secret and its hash are never logged or recorded.
class TokenAdminService final : public v1::TokenAdmin::CallbackService {
 public:
  static constexpr int kDefaultTtlDays = 90;
  static constexpr int kMaxTtlDays = 366;

  // Out of line (compiled once in the adapters library): constructing and
  // destroying the service instantiates the generated CallbackService chain,
  // one template per RPC, which cost main.cc several seconds of compile time.
  // `partitions`: the configured count, for the audit entries' stream.
  TokenAdminService(server::RequestExecutor& executor, int partitions);
  ~TokenAdminService() override;

  grpc::ServerUnaryReactor* IssueToken(grpc::CallbackServerContext* context,
                                       const v1::IssueTokenRequest* request,
                                       v1::IssueTokenResponse* response) override;
  grpc::ServerUnaryReactor* RevokeToken(grpc::CallbackServerContext* context,
                                        const v1::RevokeTokenRequest* request,
                                        v1::RevokeTokenResponse* response) override;
  grpc::ServerUnaryReactor* ListTokens(grpc::CallbackServerContext* context,
                                       const v1::ListTokensRequest* request,
                                       v1::ListTokensResponse* response) override;

 private:
  server::RequestExecutor& executor_;
  int partitions_;
};

// Every problem of an IssueToken request, one per field: role known,
// name present, organization_id present exactly for organization staff,
// ttl_days 0 (default) or 1..366.
FieldViolations IssueTokenViolations(const v1::IssueTokenRequest& request);

}  // namespace ansinh::registry
