#include "monitoring/core/tree_head.h"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "monitoring/core/digest.h"

namespace ansinh::monitoring {
namespace {

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct SigningContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using SigningContext = std::unique_ptr<EVP_MD_CTX, SigningContextDeleter>;

// Signing with a well-formed key fails only when memory is exhausted; a head
// that cannot be signed must not be issued unsigned, so stop.
[[noreturn]] void SigningFailed(const char* step) {
  std::fprintf(stderr, "ansinh monitoring: Ed25519 failed at %s\n", step);
  std::abort();
}

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

void AppendBigEndian(std::string& out, std::uint64_t value, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

Pkey PrivateKey(std::string_view private_key) {
  if (private_key.size() != kEd25519KeyBytes) SigningFailed("a private key that is not 32 bytes");
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, Bytes(private_key), private_key.size()));
  if (!key) SigningFailed("EVP_PKEY_new_raw_private_key");
  return key;
}

}  // namespace

std::string TreeHeadSignedBytes(const v1::SignedTreeHead& head) {
  std::string bytes(kTreeHeadTag);
  AppendBigEndian(bytes, head.tree_size(), 8);
  bytes += head.root_hash();
  AppendBigEndian(bytes, static_cast<std::uint64_t>(head.issued_at().seconds()), 8);
  AppendBigEndian(bytes, static_cast<std::uint32_t>(head.issued_at().nanos()), 4);
  return bytes;
}

std::string Ed25519PublicKeyOf(std::string_view private_key) {
  const Pkey key = PrivateKey(private_key);
  std::string public_key(kEd25519KeyBytes, '\0');
  std::size_t length = public_key.size();
  if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(public_key.data()), &length) !=
          1 ||
      length != kEd25519KeyBytes) {
    SigningFailed("EVP_PKEY_get_raw_public_key");
  }
  return public_key;
}

std::string Ed25519Sign(std::string_view private_key, std::string_view message) {
  const Pkey key = PrivateKey(private_key);
  const SigningContext context(EVP_MD_CTX_new());
  if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key.get()) != 1) {
    SigningFailed("EVP_DigestSignInit");
  }
  std::string signature(kEd25519SignatureBytes, '\0');
  std::size_t length = signature.size();
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     Bytes(message), message.size()) != 1 ||
      length != kEd25519SignatureBytes) {
    SigningFailed("EVP_DigestSign");
  }
  return signature;
}

bool Ed25519Verify(std::string_view public_key, std::string_view message, std::string_view signature) {
  if (public_key.size() != kEd25519KeyBytes || signature.size() != kEd25519SignatureBytes) return false;
  const Pkey key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, Bytes(public_key), public_key.size()));
  if (!key) return false;
  const SigningContext context(EVP_MD_CTX_new());
  if (!context || EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.get()) != 1)
    return false;
  return EVP_DigestVerify(context.get(), Bytes(signature), signature.size(), Bytes(message),
                          message.size()) == 1;
}

std::string TreeHeadKeyId(std::string_view public_key) { return Sha256({public_key}); }

v1::SignedTreeHead SignTreeHead(std::string_view private_key, std::uint64_t tree_size,
                                std::string_view root_hash, const google::protobuf::Timestamp& issued_at) {
  v1::SignedTreeHead head;
  head.set_tree_size(tree_size);
  head.set_root_hash(std::string(root_hash));
  *head.mutable_issued_at() = issued_at;
  head.set_signature(Ed25519Sign(private_key, TreeHeadSignedBytes(head)));
  head.set_key_id(TreeHeadKeyId(Ed25519PublicKeyOf(private_key)));
  return head;
}

bool VerifyTreeHead(const v1::SignedTreeHead& head, std::string_view public_key) {
  return head.root_hash().size() == kSha256Bytes &&
         Ed25519Verify(public_key, TreeHeadSignedBytes(head), head.signature());
}

}  // namespace ansinh::monitoring
