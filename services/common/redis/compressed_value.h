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

// A frame compressed with a dictionary (compression_dictionary.h) names the
// dictionary's id in its header; reading it needs that dictionary
// registered (RegisterDictionary).

class CompressionDictionary;

// `bytes` compressed (with `dictionary` when given) when that makes it
// smaller, else unchanged.
std::string CompressValue(std::string_view bytes, const CompressionDictionary* dictionary = nullptr);

// The original bytes of a stored value. Throws std::runtime_error on a
// damaged frame, or one made with a dictionary this process does not have.
std::string DecompressValue(std::string_view stored);

// A message as stored: serialized, then CompressValue.
std::string StoredMessage(const google::protobuf::MessageLite& message,
                          const CompressionDictionary* dictionary = nullptr);

// Parses a stored value into `message`; false when it is neither a
// compressed nor a plain serialization of the message.
bool ParseStoredMessage(std::string_view stored, google::protobuf::MessageLite& message);

}  // namespace ansinh::redis
