#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ansinh/v1/common.pb.h"
#include "auth/token_cache.h"
#include "auth/token_store.h"
#include "redis/redis_connection.h"

namespace ansinh::auth {

// "Who is this bearer secret?", from the bootstrap file (TokenStore) and the
// tokens issued at run time (Redis, auth/issued_tokens.h), with revocations
// (Redis, for both kinds) honoured. Accepted tokens are cached for at most
// TokenCache::kDefaultTtl, so a revocation reaches every service within that
// time. Runs on a request worker with that worker's connection: it may do
// Redis round trips and must not run on a gRPC callback thread.
class Authenticator {
 public:
  explicit Authenticator(TokenStore& file_tokens, TokenCache::Clock clock = &std::chrono::steady_clock::now);

  // The principal, or nullopt for an empty, unknown, expired or revoked
  // secret. Throws redis::ConnectionError when Redis cannot be asked (the
  // caller answers UNAVAILABLE: the token may well be good).
  std::optional<v1::Actor> Authenticate(redis::Connection& redis, std::string_view secret);

  // Forgets cached answers for a token this process has just revoked.
  void Forget(const std::string& token_id) { cache_.ForgetTokenId(token_id); }
  TokenStore& file_tokens() { return file_tokens_; }

 private:
  TokenStore& file_tokens_;
  TokenCache cache_;
};

}  // namespace ansinh::auth
