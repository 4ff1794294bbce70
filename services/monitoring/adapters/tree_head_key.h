#pragma once

// The Ed25519 key that signs the audit log's tree heads. It lives in a file,
// outside Redis: someone who can write to Redis can rewrite the log, but not
// sign a head over the rewrite (docs/security.md).
//
// The file is a PKCS#8 PEM private key (what `openssl genpkey -algorithm
// ed25519` writes). It must be readable by the monitoring service only: a
// file others can read, or a group other than the service's own, is
// refused, and the service does not start. A missing file is created with a
// new key (mode 0600, never overwriting), so a first start signs from then
// on; the public key it logs is what auditors pin. The file's mode follows
// the rule of every secret file (config/secret_files.h).

#include <optional>
#include <string>

namespace ansinh::monitoring {

class TreeHeadKey {
 public:
  // Loads the key at `path`, creating it when absent. Throws
  // std::runtime_error naming the file when it is readable by others, is not
  // an Ed25519 private key, or cannot be read or created.
  static TreeHeadKey LoadOrCreate(const std::string& path);

  const std::string& private_key() const { return private_key_; }
  const std::string& public_key() const { return public_key_; }
  // True when LoadOrCreate made a new key.
  bool created() const { return created_; }

 private:
  std::string private_key_;
  std::string public_key_;
  bool created_ = false;
};

}  // namespace ansinh::monitoring
