#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ansinh::console {

// `bytes` random bytes from libsodium's CSPRNG (getrandom on Linux), as
// lower-case hex: session ids and CSRF tokens (32 bytes, 256 bits) and
// correlation ids.
std::string RandomHex(std::size_t bytes);

// Equal texts, compared in time that depends only on their lengths (never on
// where they first differ), so a CSRF token or a session id cannot be guessed
// byte by byte from response times.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace ansinh::console
