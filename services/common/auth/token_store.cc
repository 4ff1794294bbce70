#include "auth/token_store.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "auth/roles.h"
#include "auth/sha256.h"
#include "auth/token_secret.h"

namespace ansinh::auth {

std::vector<TokenRecord> ParseTokensFile(const std::string& json_text, const std::string& origin) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& error) {
    throw std::runtime_error(origin + ": not valid JSON: " + error.what());
  }
  if (!document.is_object() || !document.contains("tokens") || !document["tokens"].is_array()) {
    throw std::runtime_error(origin + ": expected an object with a \"tokens\" array");
  }
  std::vector<TokenRecord> records;
  size_t index = 0;
  for (const auto& item : document["tokens"]) {
    const std::string where = origin + ": tokens[" + std::to_string(index++) + "]";
    try {
      TokenRecord record;
      record.token_sha256 = item.at("token_sha256").get<std::string>();
      if (record.token_sha256.size() != 64) throw std::runtime_error("token_sha256 is not 64 hex digits");
      const auto role = ParseRole(item.at("role").get<std::string>());
      if (!role) throw std::runtime_error("unknown role '" + item.at("role").get<std::string>() + "'");
      record.principal.set_role(*role);
      record.principal.set_name(item.at("name").get<std::string>());
      record.principal.set_organization_id(item.value("organization_id", ""));
      if (*role == v1::ROLE_ORGANIZATION_STAFF && record.principal.organization_id().empty()) {
        throw std::runtime_error("organization staff needs an organization_id");
      }
      record.expires_at = item.value("expires_at", int64_t{0});
      record.revoked = item.value("revoked", false);
      record.token_id = item.value("token_id", "");
      if (record.token_id.empty()) record.token_id = DeriveTokenId(record.token_sha256);
      record.issued_at = item.value("issued_at", int64_t{0});
      record.issued_by = item.value("issued_by", "");
      for (const auto& earlier : records) {
        if (earlier.token_id == record.token_id)
          throw std::runtime_error("duplicate token_id " + record.token_id);
        if (earlier.token_sha256 == record.token_sha256) throw std::runtime_error("duplicate token_sha256");
      }
      records.push_back(std::move(record));
    } catch (const nlohmann::json::exception& error) {
      throw std::runtime_error(where + ": " + error.what());
    } catch (const std::runtime_error& error) {
      throw std::runtime_error(where + ": " + error.what());
    }
  }
  return records;
}

std::string SerializeTokensFile(const std::vector<TokenRecord>& records) {
  nlohmann::json tokens = nlohmann::json::array();
  for (const auto& record : records) {
    tokens.push_back(
        {{"token_id", record.token_id.empty() ? DeriveTokenId(record.token_sha256) : record.token_id},
         {"token_sha256", record.token_sha256},
         {"role", std::string(RoleName(record.principal.role()))},
         {"name", record.principal.name()},
         {"organization_id", record.principal.organization_id()},
         {"expires_at", record.expires_at},
         {"revoked", record.revoked}});
  }
  return nlohmann::json{{"tokens", tokens}}.dump(2) + "\n";
}

TokenStore::TokenStore(std::filesystem::path path) : path_(std::move(path)) {}

void TokenStore::Load() {
  std::ifstream in(path_);
  if (!in) throw std::runtime_error("cannot read tokens file " + path_.string());
  std::stringstream text;
  text << in.rdbuf();
  std::vector<TokenRecord> records = ParseTokensFile(text.str(), path_.string());
  std::unordered_map<std::string, TokenRecord> by_hash;
  for (auto& record : records) by_hash.emplace(record.token_sha256, std::move(record));
  std::unique_lock lock(mutex_);
  by_hash_ = std::move(by_hash);
  std::error_code ignored;
  loaded_mtime_ = std::filesystem::last_write_time(path_, ignored);
}

void TokenStore::ReloadIfChanged() {
  std::unique_lock check(check_mutex_, std::try_to_lock);
  if (!check.owns_lock()) return;  // another call is checking right now
  const auto now = std::chrono::steady_clock::now();
  if (now < next_check_) return;
  next_check_ = now + std::chrono::seconds(1);
  std::error_code error;
  const auto mtime = std::filesystem::last_write_time(path_, error);
  if (error || mtime == loaded_mtime_) return;
  try {
    Load();
    spdlog::info("reloaded tokens file {}", path_.string());
  } catch (const std::exception& failure) {
    // Keep serving with the tokens we had rather than locking everyone out.
    spdlog::error("tokens file changed but cannot be used: {}", failure.what());
    loaded_mtime_ = mtime;
  }
}

std::optional<v1::Actor> TokenStore::Authenticate(std::string_view token) {
  if (token.empty()) return std::nullopt;
  const std::optional<TokenRecord> record = FindByHash(Sha256Hex(token));
  if (!record || record->revoked || IsExpired(record->expires_at, NowSeconds())) return std::nullopt;
  return record->principal;
}

std::optional<TokenRecord> TokenStore::FindByHash(const std::string& token_sha256) {
  ReloadIfChanged();
  std::shared_lock lock(mutex_);
  auto found = by_hash_.find(token_sha256);
  if (found == by_hash_.end()) return std::nullopt;
  return found->second;
}

std::optional<TokenRecord> TokenStore::FindById(const std::string& token_id) {
  ReloadIfChanged();
  std::shared_lock lock(mutex_);
  for (const auto& [hash, record] : by_hash_) {
    if (record.token_id == token_id) return record;
  }
  return std::nullopt;
}

std::vector<TokenRecord> TokenStore::Records() {
  ReloadIfChanged();
  std::shared_lock lock(mutex_);
  std::vector<TokenRecord> records;
  records.reserve(by_hash_.size());
  for (const auto& [hash, record] : by_hash_) records.push_back(record);
  return records;
}

}  // namespace ansinh::auth
