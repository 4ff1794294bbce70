#include "console/random_secret.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace ansinh::console {
namespace {

// sodium_init is safe to call more than once and from several threads.
void EnsureSodium() {
  static const int initialized = sodium_init();
  if (initialized < 0) throw std::runtime_error("libsodium cannot be initialized");
}

}  // namespace

std::string RandomHex(std::size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.resize(bytes * 2);
  sodium_memzero(raw.data(), raw.size());
  return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  EnsureSodium();
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ansinh::console
