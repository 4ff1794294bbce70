#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/corrections.pb.h"
#include "personal_data/aes_gcm.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"
#include "registry/adapters/registry_keys.h"

namespace ansinh::registry {

// Correction requests in Redis (docs/registry.md, "Correction requests"):
// each household's in one hash beside its record, in its partition's slot,
// stored like the record (the personal fields sealed with the household's
// data key when the registry seals), and each partition's open ones in a set,
// so a request, its household and its events change in one transaction.
class CorrectionStore {
 public:
  CorrectionStore(redis::Connection& redis, const RegistryKeys& keys) : redis_(redis), keys_(keys) {}

  // Every request of the household, oldest first, opened with `data_key`
  // (the household's; none for a household stored in clear, or erased: then
  // the personal fields of a sealed request are left out).
  std::vector<v1::CorrectionRequest> LoadAll(const std::string& household_id,
                                             const std::optional<personal_data::AesKey>& data_key);
  std::optional<v1::CorrectionRequest> Load(const std::string& request_id, const std::string& household_id,
                                            const std::optional<personal_data::AesKey>& data_key);
  // How many requests the household has had (the next is one more).
  long long Count(const std::string& household_id);
  // The open requests' ids of every partition.
  std::vector<std::string> OpenIds();

  // The request as it now stands, and its place in the open set.
  void QueueSave(redis::Transaction& tx, const v1::CorrectionRequest& request,
                 const std::optional<personal_data::AesKey>& data_key) const;

 private:
  redis::Connection& redis_;
  const RegistryKeys& keys_;
};

// The order requests are listed in: by household, then by number (C2 before C10).
bool CorrectionRequestBefore(const std::string& a, const std::string& b);

}  // namespace ansinh::registry
