#include "personal_data/sealed_record.h"

#include <memory>

#include "ansinh/v1/personal_data.pb.h"
#include "personal_data/personal_fields.h"

namespace ansinh::personal_data {
namespace {

// No protobuf message starts with 0x01 (field number 0 does not exist).
constexpr char kSealedMarker = 0x01;

}  // namespace

bool IsSealedRecord(std::string_view stored) { return !stored.empty() && stored.front() == kSealedMarker; }

std::string StoredRecordBytes(const google::protobuf::Message& record, const std::string& key_owner,
                              const AesKey& data_key) {
  std::unique_ptr<google::protobuf::Message> clear(record.New());
  clear->CopyFrom(record);
  std::optional<v1::SealedPersonalFields> personal = SealPersonalFields(*clear, key_owner, data_key);
  if (!personal) return record.SerializeAsString();
  v1::SealedRecord sealed;
  sealed.set_clear(clear->SerializeAsString());
  *sealed.mutable_personal() = std::move(*personal);
  return std::string(1, kSealedMarker) + sealed.SerializeAsString();
}

RecordRead ReadStoredRecord(std::string_view stored, google::protobuf::Message& record,
                            const AesKey* data_key) {
  record.Clear();
  if (!IsSealedRecord(stored)) {
    return record.ParseFromArray(stored.data(), static_cast<int>(stored.size())) ? RecordRead::kPlain
                                                                                 : RecordRead::kCorrupt;
  }
  v1::SealedRecord sealed;
  stored.remove_prefix(1);
  if (!sealed.ParseFromArray(stored.data(), static_cast<int>(stored.size())) ||
      !record.ParseFromString(sealed.clear())) {
    record.Clear();
    return RecordRead::kCorrupt;
  }
  if (data_key != nullptr && OpenPersonalFields(record, sealed.personal(), *data_key))
    return RecordRead::kOpened;
  return RecordRead::kPersonalFieldsSealed;
}

}  // namespace ansinh::personal_data
