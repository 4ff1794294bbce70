#include "auth/token_record.h"

#include <nlohmann/json.hpp>

#include <chrono>

#include "auth/roles.h"

namespace ansinh::auth {

bool IsExpired(int64_t expires_at, int64_t now_seconds) {
  return expires_at != 0 && now_seconds >= expires_at;
}

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string RecordToJson(const TokenRecord& record) {
  return nlohmann::json{
      {"token_id", record.token_id},     {"role", std::string(RoleName(record.principal.role()))},
      {"name", record.principal.name()}, {"organization_id", record.principal.organization_id()},
      {"issued_at", record.issued_at},   {"issued_by", record.issued_by},
      {"expires_at", record.expires_at}}
      .dump();
}

std::optional<TokenRecord> RecordFromJson(std::string_view json, std::string token_sha256,
                                          std::string* error) {
  const nlohmann::json document = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) {
    *error = "not a JSON object";
    return std::nullopt;
  }
  try {
    TokenRecord record;
    record.token_sha256 = std::move(token_sha256);
    record.token_id = document.at("token_id").get<std::string>();
    const std::string role_name = document.at("role").get<std::string>();
    const std::optional<v1::Role> role = ParseRole(role_name);
    if (!role) {
      *error = "unknown role '" + role_name + "'";
      return std::nullopt;
    }
    record.principal.set_role(*role);
    record.principal.set_name(document.at("name").get<std::string>());
    record.principal.set_organization_id(document.value("organization_id", ""));
    record.issued_at = document.value("issued_at", int64_t{0});
    record.issued_by = document.value("issued_by", "");
    record.expires_at = document.value("expires_at", int64_t{0});
    if (record.token_id.empty()) {
      *error = "token_id is empty";
      return std::nullopt;
    }
    return record;
  } catch (const nlohmann::json::exception& failure) {
    *error = failure.what();
    return std::nullopt;
  }
}

}  // namespace ansinh::auth
