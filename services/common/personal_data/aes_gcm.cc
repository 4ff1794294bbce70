#include "personal_data/aes_gcm.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <stdexcept>

namespace ansinh::personal_data {
namespace {

constexpr unsigned char kVersion = 0x01;
constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;
constexpr size_t kOverhead = 1 + kNonceBytes + kTagBytes;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext NewContext() {
  CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!context) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
  return context;
}

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

int Length(std::string_view text) {
  if (text.size() > static_cast<size_t>(INT32_MAX) - kOverhead) {
    throw std::length_error("a value to seal or open must be under 2 GiB");
  }
  return static_cast<int>(text.size());
}

}  // namespace

AesKey NewAesKey() {
  AesKey key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
    throw std::runtime_error("RAND_bytes failed");
  return key;
}

std::string Seal(const AesKey& key, std::string_view plaintext, std::string_view associated_data) {
  std::string sealed(kOverhead + plaintext.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  out[0] = kVersion;
  unsigned char* nonce = out + 1;
  unsigned char* ciphertext = nonce + kNonceBytes;
  unsigned char* tag = ciphertext + plaintext.size();
  if (RAND_bytes(nonce, kNonceBytes) != 1) throw std::runtime_error("RAND_bytes failed");

  CipherContext context = NewContext();
  int written = 0;
  if (EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, key.data(), nonce) != 1 ||
      EVP_EncryptUpdate(context.get(), nullptr, &written, Bytes(associated_data), Length(associated_data)) !=
          1 ||
      EVP_EncryptUpdate(context.get(), ciphertext, &written, Bytes(plaintext), Length(plaintext)) != 1 ||
      EVP_EncryptFinal_ex(context.get(), ciphertext + written, &written) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, tag) != 1) {
    throw std::runtime_error("AES-256-GCM encryption failed");
  }
  return sealed;
}

bool LooksSealed(std::string_view bytes) {
  return bytes.size() >= kOverhead && static_cast<unsigned char>(bytes[0]) == kVersion;
}

std::optional<std::string> Open(const AesKey& key, std::string_view sealed,
                                std::string_view associated_data) {
  if (!LooksSealed(sealed)) return std::nullopt;
  const auto* in = Bytes(sealed);
  const unsigned char* nonce = in + 1;
  const unsigned char* ciphertext = nonce + kNonceBytes;
  const size_t ciphertext_bytes = sealed.size() - kOverhead;
  // EVP_CIPHER_CTX_ctrl takes the expected tag as a non-const pointer.
  std::array<unsigned char, kTagBytes> tag{};
  std::copy_n(ciphertext + ciphertext_bytes, kTagBytes, tag.begin());

  std::string plaintext(ciphertext_bytes, '\0');
  CipherContext context = NewContext();
  int written = 0;
  if (EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, key.data(), nonce) != 1 ||
      EVP_DecryptUpdate(context.get(), nullptr, &written, Bytes(associated_data), Length(associated_data)) !=
          1 ||
      EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char*>(plaintext.data()), &written,
                        ciphertext, static_cast<int>(ciphertext_bytes)) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) != 1) {
    return std::nullopt;
  }
  // The tag is checked here: a failure means another key, other associated
  // data, or altered bytes.
  int final_bytes = 0;
  if (EVP_DecryptFinal_ex(context.get(), reinterpret_cast<unsigned char*>(plaintext.data()) + written,
                          &final_bytes) != 1) {
    return std::nullopt;
  }
  return plaintext;
}

}  // namespace ansinh::personal_data
