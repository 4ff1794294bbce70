// The key-encryption keys (KEKs) that wrap the per-household data keys
// (docs/data-protection.md, "Keys"). Each KEK is a file of its own in one
// directory (var/keys/personal-data/ for `make run`): `<id>.kek`, 64 hex
// digits, readable by its owner only (mode 0600; a wider mode is refused).
// Ids sort in the order the keys were made (KekIdAt: a UTC timestamp), so the
// newest is the one that wraps new data keys; older ones stay until every
// data key they wrapped is wrapped again by the newest (RewrapDataKey). A
// running service reads the directory again every few seconds for the newest,
// and at once when it meets a data key wrapped by a KEK it has not loaded, so
// a rotation needs no restart.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "personal_data/aes_gcm.h"

namespace ansinh::personal_data {

// Why a key directory or file cannot be used, naming the file.
class KeyFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Who besides its owner may read a KEK file: by default the services' rule
// for every secret file (docs/security.md, "Files"): the service's own group
// may read (a Kubernetes Secret mounted for the pod's fsGroup, mode 0440),
// no other group and nobody else. Docker Compose bind-mounts files as they
// are on the host, readable by the containers' users: with
// --allow-shared-secret-files a KEK others may read is accepted. One another
// group or others may write is never accepted.
enum class KeyFileAccess { kOwnerOnly, kSharedReadAllowed };
inline KeyFileAccess KeyFileAccessOf(bool allow_shared_secret_files) {
  return allow_shared_secret_files ? KeyFileAccess::kSharedReadAllowed : KeyFileAccess::kOwnerOnly;
}

// The id a KEK made at `when` gets: "20261207T031500Z".
std::string KekIdAt(std::chrono::system_clock::time_point when);

// Writes a new random KEK into `directory` (created 0700 when missing) as
// `<id>.kek` with mode 0600, and returns its id. Refuses an id already there.
std::string CreateKek(const std::filesystem::path& directory, const std::string& id);

// One KEK: its id and its key.
struct Kek {
  std::string id;
  AesKey key;
};

class KeyRing {
 public:
  // How long the newest KEK is taken from memory before the directory is
  // read again for a newer one.
  static constexpr std::chrono::seconds kRefreshInterval{2};

  // Reads every `*.kek` of `directory`; throws KeyFileError when the
  // directory holds none, or a file is malformed or readable by others.
  explicit KeyRing(std::filesystem::path directory,
                   std::chrono::steady_clock::duration refresh_interval = kRefreshInterval,
                   KeyFileAccess access = KeyFileAccess::kOwnerOnly);

  // The newest KEK: new data keys are wrapped with it. Reads the directory
  // again when it was last read more than kRefreshInterval ago.
  Kek Current();
  // The KEK `id`, reading the directory again when it is not loaded yet;
  // nullopt when the directory does not hold it.
  std::optional<AesKey> Find(const std::string& id);
  // Every loaded id, oldest first.
  std::vector<std::string> Ids() const;
  const std::filesystem::path& directory() const { return directory_; }

 private:
  void Load();

  std::filesystem::path directory_;
  mutable std::mutex mutex_;
  std::map<std::string, AesKey> keys_;
  std::chrono::steady_clock::duration refresh_interval_;
  KeyFileAccess access_;
  std::chrono::steady_clock::time_point loaded_at_;
};

// The ring of a service's --personal-data-keys-dir; null when none is given.
std::shared_ptr<KeyRing> KeyRingOf(const std::string& directory,
                                   KeyFileAccess access = KeyFileAccess::kOwnerOnly);

}  // namespace ansinh::personal_data
