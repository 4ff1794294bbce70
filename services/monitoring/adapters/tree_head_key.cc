#include "monitoring/adapters/tree_head_key.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>

#include "config/secret_files.h"
#include "monitoring/core/tree_head.h"

namespace ansinh::monitoring {
namespace {

struct KeyFileDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
  void operator()(EVP_PKEY_CTX* context) const { EVP_PKEY_CTX_free(context); }
  void operator()(std::FILE* file) const { std::fclose(file); }
};

std::runtime_error KeyFileError(const std::string& path, const std::string& what) {
  return std::runtime_error("tree head key " + path + ": " + what);
}

// A new Ed25519 key written to `path`, which must not exist.
void CreateKeyFile(const std::string& path) {
  std::unique_ptr<EVP_PKEY_CTX, KeyFileDeleter> context(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  EVP_PKEY* generated = nullptr;
  if (!context || EVP_PKEY_keygen_init(context.get()) != 1 ||
      EVP_PKEY_keygen(context.get(), &generated) != 1) {
    throw KeyFileError(path, "cannot generate an Ed25519 key");
  }
  std::unique_ptr<EVP_PKEY, KeyFileDeleter> key(generated);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw KeyFileError(path, std::string("cannot create: ") + std::strerror(errno));
  std::unique_ptr<std::FILE, KeyFileDeleter> file(::fdopen(fd, "w"));
  if (!file) {
    ::close(fd);
    throw KeyFileError(path, "cannot open for writing");
  }
  if (PEM_write_PrivateKey(file.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
      std::fflush(file.get()) != 0 || ::fsync(fd) != 0) {
    throw KeyFileError(path, "cannot write the new key");
  }
}

}  // namespace

TreeHeadKey TreeHeadKey::LoadOrCreate(const std::string& path) {
  TreeHeadKey loaded;
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno != ENOENT) throw KeyFileError(path, std::strerror(errno));
    CreateKeyFile(path);
    loaded.created_ = true;
    if (::stat(path.c_str(), &info) != 0) throw KeyFileError(path, std::strerror(errno));
  }
  if (!S_ISREG(info.st_mode)) throw KeyFileError(path, "is not a regular file");
  // The same rule as every service's secret files (docs/security.md,
  // "Files"): no access for others, read access only for the service's own
  // group (a Kubernetes Secret mounted 0440 for the pod's fsGroup).
  const config::FileMode mode{static_cast<mode_t>(info.st_mode & 0777), info.st_gid};
  if (std::optional<std::string> problem =
          config::SecretFileModeProblem("--tree-head-key-file", path, mode, ::getegid())) {
    throw std::runtime_error(*problem);
  }
  std::unique_ptr<std::FILE, KeyFileDeleter> file(std::fopen(path.c_str(), "r"));
  if (!file) throw KeyFileError(path, std::string("cannot read: ") + std::strerror(errno));
  std::unique_ptr<EVP_PKEY, KeyFileDeleter> key(PEM_read_PrivateKey(file.get(), nullptr, nullptr, nullptr));
  if (!key || EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519) {
    throw KeyFileError(path, "is not an Ed25519 private key in PEM");
  }
  std::string raw(kEd25519KeyBytes, '\0');
  std::size_t length = raw.size();
  if (EVP_PKEY_get_raw_private_key(key.get(), reinterpret_cast<unsigned char*>(raw.data()), &length) != 1 ||
      length != kEd25519KeyBytes) {
    throw KeyFileError(path, "cannot read the Ed25519 private key");
  }
  loaded.private_key_ = std::move(raw);
  loaded.public_key_ = Ed25519PublicKeyOf(loaded.private_key_);
  return loaded;
}

}  // namespace ansinh::monitoring
