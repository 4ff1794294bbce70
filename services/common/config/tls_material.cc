#include "config/tls_material.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

namespace ansinh::config {
namespace {

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyDeleter>;

BioPtr MemoryBio(const std::string& pem) {
  return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// The first certificate of a PEM text, or null.
X509Ptr FirstCertificate(const std::string& pem) {
  BioPtr bio = MemoryBio(pem);
  X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  ERR_clear_error();
  return cert;
}

KeyPtr PrivateKey(const std::string& pem) {
  BioPtr bio = MemoryBio(pem);
  // No passphrase callback: an encrypted key cannot be used unattended, so it
  // fails here like any unreadable key.
  KeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  ERR_clear_error();
  return key;
}

// Reads `path` into `out`; on failure sets `error` mentioning `flag`.
bool ReadFlagFile(const std::string& flag, const std::string& path, std::string& out, std::string& error) {
  std::string reason;
  std::optional<std::string> text = ReadWholeFile(path, &reason);
  if (!text) {
    error = flag + ": " + reason;
    return false;
  }
  out = std::move(*text);
  return true;
}

bool CheckCertificates(const std::string& flag, const std::string& path, const std::string& pem,
                       std::string& error) {
  if (FirstCertificate(pem)) return true;
  error = flag + ": " + path + " holds no PEM certificate";
  return false;
}

// Certificate and key: both or neither; when both, parsable and matching.
bool LoadPair(const std::string& cert_flag, const std::string& cert_file, const std::string& key_flag,
              const std::string& key_file, TlsMaterial& material, std::string& error) {
  if (cert_file.empty() != key_file.empty()) {
    error = cert_file.empty() ? key_flag + " is given without " + cert_flag
                              : cert_flag + " is given without " + key_flag;
    error += ": a certificate and its private key go together";
    return false;
  }
  if (cert_file.empty()) return true;
  if (!ReadFlagFile(cert_flag, cert_file, material.certificate_chain, error)) return false;
  if (!ReadFlagFile(key_flag, key_file, material.private_key, error)) return false;
  X509Ptr cert = FirstCertificate(material.certificate_chain);
  if (!cert) {
    error = cert_flag + ": " + cert_file + " holds no PEM certificate";
    return false;
  }
  KeyPtr key = PrivateKey(material.private_key);
  if (!key) {
    error = key_flag + ": " + key_file + " holds no unencrypted PEM private key";
    return false;
  }
  const bool matches = X509_check_private_key(cert.get(), key.get()) == 1;
  ERR_clear_error();
  if (!matches) {
    error = key_flag + ": the key in " + key_file + " does not belong to the certificate in " + cert_file;
    return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> ReadWholeFile(const std::string& path, std::string* error) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "cannot read " + path + " (" + std::strerror(errno ? errno : ENOENT) + ")";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    if (error) *error = "cannot read " + path + " (read error)";
    return std::nullopt;
  }
  return text.str();
}

TlsLoad LoadServerTls(const std::string& cert_file, const std::string& key_file,
                      const std::string& client_ca_file) {
  TlsLoad result;
  TlsMaterial material;
  if (!LoadPair("--tls-cert-file", cert_file, "--tls-key-file", key_file, material, result.error)) {
    return result;
  }
  if (cert_file.empty()) {
    if (!client_ca_file.empty()) {
      result.error =
          "--tls-client-ca-file needs --tls-cert-file and --tls-key-file: client certificates "
          "are only checked over TLS";
    }
    return result;
  }
  if (!client_ca_file.empty()) {
    if (!ReadFlagFile("--tls-client-ca-file", client_ca_file, material.trusted_ca, result.error) ||
        !CheckCertificates("--tls-client-ca-file", client_ca_file, material.trusted_ca, result.error)) {
      return result;
    }
  }
  result.tls = std::move(material);
  return result;
}

TlsLoad LoadClientTls(const std::string& ca_file, const std::string& cert_file, const std::string& key_file) {
  TlsLoad result;
  TlsMaterial material;
  if (!LoadPair("--tls-cert-file", cert_file, "--tls-key-file", key_file, material, result.error)) {
    return result;
  }
  if (!ca_file.empty()) {
    if (!ReadFlagFile("--tls-ca-file", ca_file, material.trusted_ca, result.error) ||
        !CheckCertificates("--tls-ca-file", ca_file, material.trusted_ca, result.error)) {
      return result;
    }
  }
  if (ca_file.empty() && cert_file.empty()) return result;
  result.tls = std::move(material);
  return result;
}

}  // namespace ansinh::config
