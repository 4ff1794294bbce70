#include "auth/token_secret.h"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include "auth/sha256.h"

namespace ansinh::auth {
namespace {

template <size_t N>
std::array<unsigned char, N> RandomBytes() {
  std::array<unsigned char, N> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return bytes;
}

}  // namespace

std::string Base64Url(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string text;
  text.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t group = (static_cast<unsigned char>(bytes[i]) << 16) |
                           (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                           static_cast<unsigned char>(bytes[i + 2]);
    text += kAlphabet[(group >> 18) & 0x3f];
    text += kAlphabet[(group >> 12) & 0x3f];
    text += kAlphabet[(group >> 6) & 0x3f];
    text += kAlphabet[group & 0x3f];
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t group = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    text += kAlphabet[(group >> 18) & 0x3f];
    text += kAlphabet[(group >> 12) & 0x3f];
    if (rest == 2) text += kAlphabet[(group >> 6) & 0x3f];
  }
  return text;
}

std::string NewTokenSecret() {
  const auto bytes = RandomBytes<32>();
  return std::string(kSecretPrefix) +
         Base64Url(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string NewTokenId() {
  static constexpr char kDigits[] = "0123456789abcdef";
  const auto bytes = RandomBytes<8>();
  std::string id = "tok_";
  for (unsigned char byte : bytes) {
    id += kDigits[byte >> 4];
    id += kDigits[byte & 0x0f];
  }
  return id;
}

std::string DeriveTokenId(std::string_view token_sha256) {
  return "file_" + Sha256Hex("ansinh-token-id:" + std::string(token_sha256)).substr(0, 16);
}

}  // namespace ansinh::auth
