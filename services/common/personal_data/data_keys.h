// A household's data key, wrapped by a key-encryption key for storage and
// unwrapped to seal or open its personal fields (docs/data-protection.md,
// "Keys"). Rotating the KEK re-wraps the data keys; the sealed data does not
// change.
#pragma once

#include <optional>
#include <string>

#include "ansinh/v1/personal_data.pb.h"
#include "personal_data/aes_gcm.h"
#include "personal_data/key_ring.h"

namespace ansinh::personal_data {

// `data_key` of `owner` sealed with the ring's current KEK, bound to the
// owner and the KEK's id.
v1::WrappedDataKey WrapDataKey(const AesKey& data_key, const std::string& owner, KeyRing& ring);

// The data key, or nullopt when the ring does not hold its KEK or the bytes
// are not `owner`'s data key wrapped by it.
std::optional<AesKey> UnwrapDataKey(const v1::WrappedDataKey& wrapped, const std::string& owner,
                                    KeyRing& ring);

// `wrapped` wrapped again by the ring's current KEK; nullopt as UnwrapDataKey.
// Unchanged bytes when the current KEK already wraps it.
std::optional<v1::WrappedDataKey> RewrapDataKey(const v1::WrappedDataKey& wrapped, const std::string& owner,
                                                KeyRing& ring);

}  // namespace ansinh::personal_data
