#pragma once

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ansinh/v1/common.pb.h"
#include "auth/token_record.h"

namespace ansinh::auth {

// Parses the bootstrap tokens file (JSON: {"tokens": [{"token_sha256",
// "role", "name", "organization_id", "expires_at", "revoked", "token_id"}...]}).
// "token_id" is optional: a record without one gets DeriveTokenId(hash)
// (auth/token_secret.h), so revocation by id works for files written before
// ids existed. Throws std::runtime_error naming the file and the bad record
// (also for two records with the same id or hash).
std::vector<TokenRecord> ParseTokensFile(const std::string& json_text, const std::string& origin);
std::string SerializeTokensFile(const std::vector<TokenRecord>& records);

// Answers "who is this bearer token?" from the bootstrap tokens file. The
// file is re-read when it changes (checked at most once a second), so edits
// take effect without a restart. Tokens issued at run time live in Redis
// (auth/issued_tokens.h); auth/authenticator.h consults both.
class TokenStore {
 public:
  explicit TokenStore(std::filesystem::path path);

  // Loads the file now; throws when it is missing or malformed.
  void Load();
  // The principal for a token, or nullopt for an unknown, revoked or expired one.
  std::optional<v1::Actor> Authenticate(std::string_view token);
  // The file's record for a secret's SHA-256, revoked or expired ones too.
  std::optional<TokenRecord> FindByHash(const std::string& token_sha256);
  std::optional<TokenRecord> FindById(const std::string& token_id);
  // Every record of the file, in no particular order.
  std::vector<TokenRecord> Records();

 private:
  void ReloadIfChanged();

  std::filesystem::path path_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, TokenRecord> by_hash_;
  std::filesystem::file_time_type loaded_mtime_{};
  std::chrono::steady_clock::time_point next_check_{};
  std::mutex check_mutex_;
};

}  // namespace ansinh::auth
