#include "auth/authenticator.h"

#include "auth/issued_tokens.h"
#include "auth/sha256.h"

namespace ansinh::auth {

Authenticator::Authenticator(TokenStore& file_tokens, TokenCache::Clock clock)
    : file_tokens_(file_tokens),
      cache_(TokenCache::kDefaultTtl, TokenCache::kDefaultCapacity, std::move(clock)) {}

std::optional<v1::Actor> Authenticator::Authenticate(redis::Connection& redis, std::string_view secret) {
  if (secret.empty()) return std::nullopt;
  const std::string hash = Sha256Hex(secret);
  const int64_t now = NowSeconds();
  if (std::optional<CachedPrincipal> cached = cache_.Find(hash)) {
    if (IsExpired(cached->expires_at, now)) return std::nullopt;
    return std::move(cached->actor);
  }
  std::optional<TokenRecord> record = file_tokens_.FindByHash(hash);
  if (record && record->revoked) return std::nullopt;
  if (!record) record = FindIssuedToken(redis, hash);
  if (!record || IsExpired(record->expires_at, now)) return std::nullopt;
  if (IsRevoked(redis, record->token_id)) return std::nullopt;
  cache_.Put(hash, CachedPrincipal{record->principal, record->token_id, record->expires_at});
  return std::move(record->principal);
}

}  // namespace ansinh::auth
