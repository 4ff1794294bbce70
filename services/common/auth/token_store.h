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

namespace ansinh::auth {

// One line of the tokens file: only the token's SHA-256 is stored, never the
// token itself.
struct TokenRecord {
  std::string token_sha256;
  v1::Actor principal;
  // Seconds since the epoch; 0 = never expires.
  int64_t expires_at = 0;
  bool revoked = false;
};

// Parses the tokens file (JSON: {"tokens": [{"token_sha256", "role", "name",
// "organization_id", "expires_at", "revoked"}...]}). Throws
// std::runtime_error naming the file and the bad record.
std::vector<TokenRecord> ParseTokensFile(const std::string& json_text, const std::string& origin);
std::string SerializeTokensFile(const std::vector<TokenRecord>& records);

// Answers "who is this bearer token?" from the tokens file. The file is
// re-read when it changes (checked at most once a second), so tokens issued
// or revoked while the services run take effect without a restart.
class TokenStore {
 public:
  explicit TokenStore(std::filesystem::path path);

  // Loads the file now; throws when it is missing or malformed.
  void Load();
  // The principal for a token, or nullopt for an unknown, revoked or expired one.
  std::optional<v1::Actor> Authenticate(std::string_view token);

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
