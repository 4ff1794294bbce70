#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ansinh/v1/common.pb.h"

namespace ansinh::auth {

// What the services know about one bearer token. Only the SHA-256 of the
// secret is ever stored; `token_id` is a public name for the token, so an
// officer can list and revoke it without knowing the secret.
struct TokenRecord {
  std::string token_id;
  std::string token_sha256;
  v1::Actor principal;
  // Seconds since the epoch; 0 = not recorded (bootstrap file tokens).
  int64_t issued_at = 0;
  std::string issued_by;
  // Seconds since the epoch; 0 = never expires.
  int64_t expires_at = 0;
  // Set in the bootstrap file by hand; tokens revoked through the TokenAdmin
  // service are recorded in Redis instead (auth/issued_tokens.h).
  bool revoked = false;
};

// True once `now_seconds` has reached the token's expiry (never for 0).
bool IsExpired(int64_t expires_at, int64_t now_seconds);
int64_t NowSeconds();

// The Redis value of an issued token (the hash is the field name, so it is
// not repeated): {"token_id", "role", "name", "organization_id",
// "issued_at", "issued_by", "expires_at"}.
std::string RecordToJson(const TokenRecord& record);
// The reverse; nullopt with `*error` set when the text is not such a record.
std::optional<TokenRecord> RecordFromJson(std::string_view json, std::string token_sha256,
                                          std::string* error);

}  // namespace ansinh::auth
