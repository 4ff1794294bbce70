// A message's personal and sensitive fields (field_marks.h), taken out of it
// and sealed with its household's data key, and put back when the key is at
// hand (docs/data-protection.md). What stays in the message is what anyone
// holding the record may read; what is sealed becomes unreadable everywhere
// at once when the household's data key is destroyed.
#pragma once

#include <google/protobuf/message.h>

#include <memory>
#include <optional>
#include <string>

#include "ansinh/v1/personal_data.pb.h"
#include "personal_data/aes_gcm.h"

namespace ansinh::personal_data {

// Moves every marked field of `message`, at any depth, into a new message of
// the same type, which it returns; null when `message` holds none. Elements of
// repeated messages keep their positions: element i of the result holds
// element i's marked fields.
std::unique_ptr<google::protobuf::Message> TakePersonalFields(google::protobuf::Message& message);

// Removes every marked field of `message`, at any depth, for good: a copy
// kept after its household's personal data was erased.
inline void DropPersonalFields(google::protobuf::Message& message) { TakePersonalFields(message); }

// Puts back into `message` what TakePersonalFields took from it (consuming
// `personal`). False, and `message` unchanged, when the two do not have the
// same shape (a repeated field of another length).
bool RestorePersonalFields(google::protobuf::Message& message, google::protobuf::Message& personal);

// TakePersonalFields, sealed with `data_key` and bound to `key_owner` (the
// household) and to the message's type; nullopt when `message` holds nothing
// marked.
std::optional<v1::SealedPersonalFields> SealPersonalFields(google::protobuf::Message& message,
                                                           const std::string& key_owner,
                                                           const AesKey& data_key);

// Opens `sealed` with `data_key` and puts its fields back into `message`.
// False, and `message` unchanged, when the key is not the one that sealed it
// (an erased household's, say), the bytes were altered, or they belong to
// another owner or message type.
bool OpenPersonalFields(google::protobuf::Message& message, const v1::SealedPersonalFields& sealed,
                        const AesKey& data_key);

}  // namespace ansinh::personal_data
