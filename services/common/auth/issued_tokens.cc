#include "auth/issued_tokens.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace ansinh::auth {
namespace {

std::optional<TokenRecord> ParseStored(const redis::Reply& value, const std::string& token_sha256) {
  if (value.IsNil()) return std::nullopt;
  std::string error;
  std::optional<TokenRecord> record = RecordFromJson(value.AsString(), token_sha256, &error);
  // The hash names no secret, but it is still kept out of the log.
  if (!record) spdlog::error("unreadable token record in {}: {}", kIssuedTokensKey, error);
  return record;
}

}  // namespace

void SaveIssuedToken(redis::Connection& redis, const TokenRecord& record) {
  // Two keys of two hash slots, so two writes, in this order: the id first,
  // so that every token that works can be found (and revoked) by its id. A
  // crash between them leaves an id naming no token, which finds nothing;
  // the token was never handed out.
  redis.Command({"HSET", kTokenIdsKey, record.token_id, record.token_sha256});
  redis.Command({"HSET", kIssuedTokensKey, record.token_sha256, RecordToJson(record)});
}

std::optional<TokenRecord> FindIssuedToken(redis::Connection& redis, const std::string& token_sha256) {
  return ParseStored(redis.Command({"HGET", kIssuedTokensKey, token_sha256}), token_sha256);
}

std::optional<TokenRecord> FindIssuedTokenById(redis::Connection& redis, const std::string& token_id) {
  const redis::Reply hash = redis.Command({"HGET", kTokenIdsKey, token_id});
  if (hash.IsNil()) return std::nullopt;
  return FindIssuedToken(redis, hash.AsString());
}

std::vector<TokenRecord> AllIssuedTokens(redis::Connection& redis) {
  const redis::Reply all = redis.Command({"HGETALL", kIssuedTokensKey});
  std::vector<TokenRecord> records;
  for (size_t i = 0; i + 1 < all.elements.size(); i += 2) {
    std::optional<TokenRecord> record = ParseStored(all.elements[i + 1], all.elements[i].AsString());
    if (record) records.push_back(std::move(*record));
  }
  return records;
}

bool IsRevoked(redis::Connection& redis, const std::string& token_id) {
  return redis.Command({"HEXISTS", kRevokedTokensKey, token_id}).AsInteger() == 1;
}

bool RecordRevocation(redis::Connection& redis, const std::string& token_id, const Revocation& revocation) {
  const std::string value =
      nlohmann::json{{"revoked_at", revocation.revoked_at}, {"revoked_by", revocation.revoked_by}}.dump();
  return redis.Command({"HSETNX", kRevokedTokensKey, token_id, value}).AsInteger() == 1;
}

std::map<std::string, Revocation> AllRevocations(redis::Connection& redis) {
  const redis::Reply all = redis.Command({"HGETALL", kRevokedTokensKey});
  std::map<std::string, Revocation> revocations;
  for (size_t i = 0; i + 1 < all.elements.size(); i += 2) {
    Revocation revocation;
    const nlohmann::json value =
        nlohmann::json::parse(all.elements[i + 1].AsString(), nullptr, /*allow_exceptions=*/false);
    if (value.is_object()) {
      revocation.revoked_at = value.value("revoked_at", int64_t{0});
      revocation.revoked_by = value.value("revoked_by", "");
    }
    revocations.emplace(all.elements[i].AsString(), std::move(revocation));
  }
  return revocations;
}

}  // namespace ansinh::auth
