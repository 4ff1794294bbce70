// A record as stored at rest with its personal fields sealed
// (docs/data-protection.md, "Keys"): the record without them, readable by
// anyone holding it, and the sealed fields, readable with the household's
// data key only. A record with nothing personal in it, or written before
// sealing existed, is plain protobuf and reads as before.
#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <string_view>

#include "personal_data/aes_gcm.h"

namespace ansinh::personal_data {

// `record` as stored: its personal fields sealed with `data_key` for
// `key_owner`, or plain bytes when it has none.
std::string StoredRecordBytes(const google::protobuf::Message& record, const std::string& key_owner,
                              const AesKey& data_key);

enum class RecordRead {
  // Plain bytes: the whole record.
  kPlain,
  // Sealed and opened: the whole record.
  kOpened,
  // Sealed, and no key was given or it does not open them: the record
  // without its personal fields.
  kPersonalFieldsSealed,
  // Neither form parses.
  kCorrupt,
};

// Reads a stored record into `record`, opening its personal fields with
// `data_key` when given.
RecordRead ReadStoredRecord(std::string_view stored, google::protobuf::Message& record,
                            const AesKey* data_key);

// Whether `stored` is in the sealed form.
bool IsSealedRecord(std::string_view stored);

}  // namespace ansinh::personal_data
