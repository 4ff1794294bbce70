#pragma once

#include <string>
#include <string_view>

namespace ansinh::auth {

// SHA-256 of `data` as 64 lowercase hex digits (OpenSSL EVP).
std::string Sha256Hex(std::string_view data);

// 32 random bytes from OpenSSL's CSPRNG, as 64 hex digits: a new bearer token.
std::string NewRandomToken();

}  // namespace ansinh::auth
