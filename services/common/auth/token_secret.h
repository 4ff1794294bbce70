#pragma once

#include <string>
#include <string_view>

namespace ansinh::auth {

// Bearer secrets issued at run time: "ansinh_" followed by 32 bytes from
// OpenSSL's CSPRNG in unpadded base64url (43 characters). The prefix makes a
// leaked secret recognisable to secret scanners and to people.
inline constexpr std::string_view kSecretPrefix = "ansinh_";
std::string NewTokenSecret();

// The public id of an issued token: "tok_" and 16 random hex digits.
std::string NewTokenId();

// The id of a bootstrap-file token that names none: "file_" and the first 16
// hex digits of SHA-256("ansinh-token-id:" + token_sha256). Deterministic, so
// every service and every restart agree on it, and it reveals no part of the
// stored hash.
std::string DeriveTokenId(std::string_view token_sha256);

// Unpadded base64url (RFC 4648 section 5).
std::string Base64Url(std::string_view bytes);

}  // namespace ansinh::auth
