#include "personal_data/key_ring.h"

#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <vector>

#include "config/secret_files.h"

namespace ansinh::personal_data {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kExtension = ".kek";

// 64 hex digits, through OpenSSL's own hex helpers.
std::string Hex(const AesKey& key) {
  std::string hex(key.size() * 2 + 1, '\0');
  size_t length = 0;
  if (OPENSSL_buf2hexstr_ex(hex.data(), hex.size(), &length, key.data(), key.size(), '\0') != 1) {
    throw std::runtime_error("OPENSSL_buf2hexstr_ex failed");
  }
  // The length OpenSSL reports counts the terminating NUL.
  hex.resize(length > 0 ? length - 1 : 0);
  return hex;
}

AesKey ReadKekFile(const fs::path& file, KeyFileAccess access) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) throw KeyFileError("cannot read key file " + file.string());
  const config::FileMode mode{static_cast<mode_t>(info.st_mode & 07777), info.st_gid};
  if ((info.st_mode & 0022) != 0) {
    throw KeyFileError("key file " + file.string() +
                       " may be changed by others than its owner: chmod 600 it (a key-encryption key must be "
                       "writable by its owner only)");
  }
  if (access == KeyFileAccess::kOwnerOnly) {
    if (std::optional<std::string> problem =
            config::SecretFileModeProblem("key file", file.string(), mode, ::getegid())) {
      throw KeyFileError(*problem);
    }
  }
  std::ifstream in(file);
  std::string text;
  std::getline(in, text);
  AesKey key{};
  size_t length = 0;
  if (text.size() != kAesKeyBytes * 2 ||
      OPENSSL_hexstr2buf_ex(key.data(), key.size(), &length, text.c_str(), '\0') != 1 ||
      length != key.size()) {
    throw KeyFileError("key file " + file.string() + " must hold 64 hex digits");
  }
  return key;
}

}  // namespace

std::string KekIdAt(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char id[32];
  std::strftime(id, sizeof(id), "%Y%m%dT%H%M%SZ", &utc);
  return id;
}

std::string CreateKek(const fs::path& directory, const std::string& id) {
  if (!fs::exists(directory)) {
    fs::create_directories(directory);
    fs::permissions(directory, fs::perms::owner_all, fs::perm_options::replace);
  }
  const fs::path file = directory / (id + std::string(kExtension));
  if (fs::exists(file)) throw KeyFileError("key file " + file.string() + " exists already");
  // Created with no permission for anyone else from the first byte on.
  const mode_t previous = ::umask(0077);
  std::ofstream out(file);
  ::umask(previous);
  out << Hex(NewAesKey()) << "\n";
  out.close();
  if (!out) throw KeyFileError("cannot write key file " + file.string());
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  return id;
}

KeyRing::KeyRing(fs::path directory, std::chrono::steady_clock::duration refresh_interval,
                 KeyFileAccess access)
    : directory_(std::move(directory)), refresh_interval_(refresh_interval), access_(access) {
  Load();
  if (keys_.empty()) {
    throw KeyFileError("no key-encryption key (*.kek) in " + directory_.string() +
                       " (docs/data-protection.md, \"Keys\")");
  }
}

void KeyRing::Load() {
  std::map<std::string, AesKey> loaded;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory_, error)) {
    if (entry.path().extension() != kExtension) continue;
    loaded.emplace(entry.path().stem().string(), ReadKekFile(entry.path(), access_));
  }
  if (error) throw KeyFileError("cannot read key directory " + directory_.string() + ": " + error.message());
  // Merged, not replaced: a KEK removed after a rotation stays usable by a
  // service that loaded it, for data keys it read before.
  std::lock_guard lock(mutex_);
  for (auto& [id, key] : loaded) keys_.insert_or_assign(id, key);
  loaded_at_ = std::chrono::steady_clock::now();
}

Kek KeyRing::Current() {
  bool stale = false;
  {
    std::lock_guard lock(mutex_);
    stale = std::chrono::steady_clock::now() - loaded_at_ >= refresh_interval_;
  }
  if (stale) Load();
  std::lock_guard lock(mutex_);
  return {keys_.rbegin()->first, keys_.rbegin()->second};
}

std::optional<AesKey> KeyRing::Find(const std::string& id) {
  {
    std::lock_guard lock(mutex_);
    if (auto found = keys_.find(id); found != keys_.end()) return found->second;
  }
  Load();
  std::lock_guard lock(mutex_);
  if (auto found = keys_.find(id); found != keys_.end()) return found->second;
  return std::nullopt;
}

std::vector<std::string> KeyRing::Ids() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> ids;
  for (const auto& [id, key] : keys_) ids.push_back(id);
  return ids;
}

std::shared_ptr<KeyRing> KeyRingOf(const std::string& directory, KeyFileAccess access) {
  return directory.empty() ? nullptr
                           : std::make_shared<KeyRing>(directory, KeyRing::kRefreshInterval, access);
}

}  // namespace ansinh::personal_data
