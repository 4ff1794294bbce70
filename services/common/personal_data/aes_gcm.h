// Authenticated encryption of personal data with AES-256-GCM (OpenSSL EVP),
// the one cipher of docs/data-protection.md. A sealed value is
//   version (1 byte, 0x01) | nonce (12 random bytes) | ciphertext | tag (16)
// so it carries what opening it needs except the key and the associated
// data. The associated data binds a value to where it belongs (a household
// id, a key's id): a value moved to another household does not open.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ansinh::personal_data {

inline constexpr size_t kAesKeyBytes = 32;
using AesKey = std::array<unsigned char, kAesKeyBytes>;

// A new key from OpenSSL's CSPRNG.
AesKey NewAesKey();

// `plaintext` sealed under `key`, bound to `associated_data`.
std::string Seal(const AesKey& key, std::string_view plaintext, std::string_view associated_data);

// The plaintext, or nullopt when `sealed` was not sealed under `key` with
// `associated_data`, was altered, or is not a sealed value at all.
std::optional<std::string> Open(const AesKey& key, std::string_view sealed, std::string_view associated_data);

// Whether `bytes` has the shape of a sealed value (version byte and length);
// it may still fail to open.
bool LooksSealed(std::string_view bytes);

}  // namespace ansinh::personal_data
