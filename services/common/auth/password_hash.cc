#include "auth/password_hash.h"

#include <sodium.h>

#include <stdexcept>

namespace ansinh::auth {
namespace {

constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

void EnsureSodium() {
  // sodium_init is thread-safe and idempotent; it fails only when the
  // system offers no randomness, and then no salt can be drawn either.
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium cannot start: no source of randomness");
}

}  // namespace

std::string HashPassword(std::string_view password) {
  EnsureSodium();
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(encoded, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("cannot hash a password: out of memory");
  }
  return encoded;
}

bool VerifyPassword(std::string_view encoded, std::string_view password) {
  EnsureSodium();
  // crypto_pwhash_str_verify reads a NUL-terminated string.
  const std::string stored(encoded);
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHashNeedsRehash(std::string_view encoded) {
  EnsureSodium();
  const std::string stored(encoded);
  return crypto_pwhash_str_needs_rehash(stored.c_str(), kOpsLimit, kMemLimit) != 0;
}

}  // namespace ansinh::auth
