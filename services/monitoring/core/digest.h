#pragma once

// SHA-256 (OpenSSL EVP) and the text encodings auditors read hashes and
// bytes in.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace ansinh::monitoring {

inline constexpr std::size_t kSha256Bytes = 32;

// SHA-256 of the concatenation of `parts`, as 32 raw bytes.
std::string Sha256(std::initializer_list<std::string_view> parts);

// Lowercase hexadecimal, two digits per byte.
std::string HexEncode(std::string_view bytes);

// Standard base64 (RFC 4648) with padding, no line breaks.
std::string Base64Encode(std::string_view bytes);

}  // namespace ansinh::monitoring
