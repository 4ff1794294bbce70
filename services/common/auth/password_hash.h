#pragma once

#include <string>
#include <string_view>

namespace ansinh::auth {

// Staff passwords, kept only as Argon2id hashes in libsodium's encoded form
// ("$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>": the parameters and a
// random salt travel with the hash). The cost is libsodium's "interactive"
// one (2 passes over 64 MiB): a few tens of milliseconds on one core, run on
// a request worker, never on a gRPC callback thread. The work is CPU and
// memory bound: callers bound how many run at once.

// The encoded hash of `password`. Throws std::runtime_error when the memory
// cannot be had.
std::string HashPassword(std::string_view password);

// True when `password` matches `encoded` (a string HashPassword made; a
// string that is not one never matches). Takes as long as a hash.
bool VerifyPassword(std::string_view encoded, std::string_view password);

// True when `encoded` was made with parameters weaker than today's, so that
// the next correct sign-in should store a new hash.
bool PasswordHashNeedsRehash(std::string_view encoded);

}  // namespace ansinh::auth
