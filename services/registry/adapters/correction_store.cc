#include "registry/adapters/correction_store.h"

#include <algorithm>
#include <charconv>

#include "personal_data/household_data_keys.h"
#include "personal_data/sealed_record.h"
#include "redis/redis_error.h"
#include "registry/core/correction_requests.h"

namespace ansinh::registry {
namespace {

// A request as stored, opened; a sealed one without a key keeps its other
// fields (an erased household's requests still show what was asked of which
// field, when and by whom among the officers).
v1::CorrectionRequest ReadRequest(const std::string& stored,
                                  const std::optional<personal_data::AesKey>& data_key,
                                  const std::string& request_id) {
  v1::CorrectionRequest request;
  switch (personal_data::ReadStoredRecord(stored, request, data_key ? &*data_key : nullptr)) {
    case personal_data::RecordRead::kPlain:
    case personal_data::RecordRead::kOpened:
      return request;
    case personal_data::RecordRead::kPersonalFieldsSealed:
      if (!data_key) return request;
      throw personal_data::DataKeyUnavailable("correction request " + request_id +
                                              " has its personal fields sealed and its data key does not "
                                              "open them");
    case personal_data::RecordRead::kCorrupt:
      break;
  }
  throw redis::ReplyError("correction request " + request_id + " is corrupt");
}

long long NumberOf(const std::string& request_id) {
  const size_t separator = request_id.rfind("-C");
  long long number = 0;
  if (separator != std::string::npos) {
    std::from_chars(request_id.data() + separator + 2, request_id.data() + request_id.size(), number);
  }
  return number;
}

}  // namespace

bool CorrectionRequestBefore(const std::string& a, const std::string& b) {
  const std::string household_a = HouseholdOfCorrectionRequest(a).value_or(a);
  const std::string household_b = HouseholdOfCorrectionRequest(b).value_or(b);
  if (household_a != household_b) return household_a < household_b;
  return NumberOf(a) < NumberOf(b);
}

std::vector<v1::CorrectionRequest> CorrectionStore::LoadAll(
    const std::string& household_id, const std::optional<personal_data::AesKey>& data_key) {
  const redis::Reply all = redis_.Command({"HGETALL", keys_.Corrections(household_id)});
  std::vector<v1::CorrectionRequest> requests;
  for (size_t i = 0; i + 1 < all.elements.size(); i += 2) {
    requests.push_back(ReadRequest(all.elements[i + 1].str, data_key, all.elements[i].str));
  }
  std::sort(requests.begin(), requests.end(),
            [](const v1::CorrectionRequest& a, const v1::CorrectionRequest& b) {
              return CorrectionRequestBefore(a.request_id(), b.request_id());
            });
  return requests;
}

std::optional<v1::CorrectionRequest> CorrectionStore::Load(
    const std::string& request_id, const std::string& household_id,
    const std::optional<personal_data::AesKey>& data_key) {
  const redis::Reply stored = redis_.Command({"HGET", keys_.Corrections(household_id), request_id});
  if (stored.IsNil()) return std::nullopt;
  return ReadRequest(stored.str, data_key, request_id);
}

long long CorrectionStore::Count(const std::string& household_id) {
  return redis_.Command({"HLEN", keys_.Corrections(household_id)}).AsInteger();
}

std::vector<std::string> CorrectionStore::OpenIds() {
  std::vector<std::string> ids;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    const redis::Reply members = redis_.Command({"SMEMBERS", RegistryKeys::OpenCorrections(partition)});
    for (const redis::Reply& member : members.elements) ids.push_back(member.str);
  }
  std::sort(ids.begin(), ids.end(), CorrectionRequestBefore);
  return ids;
}

void CorrectionStore::QueueSave(redis::Transaction& tx, const v1::CorrectionRequest& request,
                                const std::optional<personal_data::AesKey>& data_key) const {
  const std::string& household_id = request.household_id();
  tx.Add({"HSET", keys_.Corrections(household_id), request.request_id(),
          data_key ? personal_data::StoredRecordBytes(request, household_id, *data_key)
                   : request.SerializeAsString()});
  const std::string open = RegistryKeys::OpenCorrections(keys_.PartitionOf(household_id));
  if (request.status() == v1::CORRECTION_STATUS_OPEN) {
    tx.Add({"SADD", open, request.request_id()});
  } else {
    tx.Add({"SREM", open, request.request_id()});
  }
}

}  // namespace ansinh::registry
