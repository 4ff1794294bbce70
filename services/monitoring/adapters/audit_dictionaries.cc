#include "monitoring/adapters/audit_dictionaries.h"

#include <memory>
#include <string>

#include "monitoring/adapters/embedded_audit_dictionary.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "redis/compressed_value.h"

namespace ansinh::monitoring {
namespace {

// Registered for reading as soon as it is first used, so any reader of the
// chain in this process knows it.
std::shared_ptr<const redis::CompressionDictionary> BuiltIn() {
  static const std::shared_ptr<const redis::CompressionDictionary> dictionary = [] {
    auto built_in =
        std::make_shared<const redis::CompressionDictionary>(std::string(EmbeddedAuditDictionary()));
    redis::RegisterDictionary(built_in);
    return built_in;
  }();
  return dictionary;
}

}  // namespace

const redis::CompressionDictionary& AuditEntryDictionary() { return *BuiltIn(); }

std::string StoredAuditRecord(const google::protobuf::MessageLite& record) {
  return redis::StoredMessage(record, BuiltIn().get());
}

bool ParseAuditRecord(std::string_view stored, google::protobuf::MessageLite& record) {
  BuiltIn();
  return redis::ParseStoredMessage(stored, record);
}

int KeepAuditDictionaries(redis::Connection& redis) {
  const std::string key(MonitoringKeys::kAuditDictionaries);
  redis.Command({"HSETNX", key, std::to_string(BuiltIn()->id()), BuiltIn()->bytes()});
  int registered = 0;
  const redis::Reply stored = redis.Command({"HGETALL", key});
  for (size_t i = 0; i + 1 < stored.elements.size(); i += 2) {
    const std::string& bytes = stored.elements[i + 1].str;
    auto dictionary =
        bytes == BuiltIn()->bytes() ? BuiltIn() : std::make_shared<const redis::CompressionDictionary>(bytes);
    if (std::to_string(dictionary->id()) != stored.elements[i].str) {
      throw std::runtime_error("audit dictionary stored under id " + stored.elements[i].str + " has id " +
                               std::to_string(dictionary->id()));
    }
    redis::RegisterDictionary(std::move(dictionary));
    ++registered;
  }
  return registered;
}

}  // namespace ansinh::monitoring
