#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/token_record.h"
#include "redis/redis_connection.h"

namespace ansinh::auth {

// Tokens issued at run time, in Redis. Only hashes are stored:
//   ansinh:auth:tokens     hash  SHA-256 hex of the secret -> RecordToJson
//   ansinh:auth:token_ids  hash  token_id -> SHA-256 hex (revoke/list by id)
//   ansinh:auth:revoked    hash  token_id -> {"revoked_at", "revoked_by"}
// The revocation hash covers bootstrap-file tokens too (by their token_id).
// Every function throws redis::ConnectionError when Redis cannot be reached.
inline constexpr char kIssuedTokensKey[] = "ansinh:auth:tokens";
inline constexpr char kTokenIdsKey[] = "ansinh:auth:token_ids";
inline constexpr char kRevokedTokensKey[] = "ansinh:auth:revoked";

struct Revocation {
  int64_t revoked_at = 0;  // seconds since the epoch
  std::string revoked_by;
};

// Stores a new token and its id: the id first, then the token (two hash
// slots, so two writes; issued_tokens.cc says why in that order).
void SaveIssuedToken(redis::Connection& redis, const TokenRecord& record);
std::optional<TokenRecord> FindIssuedToken(redis::Connection& redis, const std::string& token_sha256);
std::optional<TokenRecord> FindIssuedTokenById(redis::Connection& redis, const std::string& token_id);
// Every issued token; a record that cannot be read is logged and skipped.
std::vector<TokenRecord> AllIssuedTokens(redis::Connection& redis);

bool IsRevoked(redis::Connection& redis, const std::string& token_id);
// Records the revocation unless one exists; true when this call revoked it.
bool RecordRevocation(redis::Connection& redis, const std::string& token_id, const Revocation& revocation);
std::map<std::string, Revocation> AllRevocations(redis::Connection& redis);

}  // namespace ansinh::auth
