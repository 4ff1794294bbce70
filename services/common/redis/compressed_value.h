#pragma once

#include <google/protobuf/message_lite.h>

#include <string>
#include <string_view>

namespace ansinh::redis {

// Large records (audit entries, timelines, explained results) are stored
// compressed, because Redis memory per household is what a province pays for.
// A compressed value is a 0x00 byte and a zstd frame. No serialized protobuf
// message starts with 0x00 (field number 0 does not exist), so a value
// without the marker is a record written plainly, before compression or
// because it was too small to gain, and is read as it is.

// `bytes` compressed when that makes it smaller, else unchanged.
std::string CompressValue(std::string_view bytes);

// The original bytes of a stored value. Throws std::runtime_error on a
// damaged frame.
std::string DecompressValue(std::string_view stored);

// A message as stored: serialized, then CompressValue.
std::string StoredMessage(const google::protobuf::MessageLite& message);

// Parses a stored value into `message`; false when it is neither a
// compressed nor a plain serialization of the message.
bool ParseStoredMessage(std::string_view stored, google::protobuf::MessageLite& message);

}  // namespace ansinh::redis
