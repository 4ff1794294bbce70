#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "ansinh/v1/common.pb.h"

namespace ansinh::auth {

// A positive answer of the authenticator, kept briefly.
struct CachedPrincipal {
  v1::Actor actor;
  std::string token_id;
  int64_t expires_at = 0;  // seconds since the epoch; 0 = never
};

// Remembers accepted tokens (by the secret's SHA-256) for at most `ttl`, so
// most calls need no Redis round trip while a revocation made anywhere still
// takes effect on every service within `ttl`. Refusals are never cached: an
// unknown token is looked up again on every call. Thread-safe.
class TokenCache {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  static constexpr std::chrono::milliseconds kDefaultTtl{2000};
  static constexpr size_t kDefaultCapacity = 4096;

  explicit TokenCache(std::chrono::milliseconds ttl = kDefaultTtl, size_t capacity = kDefaultCapacity,
                      Clock clock = &std::chrono::steady_clock::now);

  // The entry if it was stored less than `ttl` ago.
  std::optional<CachedPrincipal> Find(const std::string& token_sha256);
  void Put(const std::string& token_sha256, CachedPrincipal principal);
  // Drops the entries of a token this process has just revoked, so it is
  // refused here at once rather than within `ttl`.
  void ForgetTokenId(const std::string& token_id);
  size_t size();

 private:
  struct Entry {
    CachedPrincipal principal;
    std::chrono::steady_clock::time_point stored_at;
  };

  const std::chrono::milliseconds ttl_;
  const size_t capacity_;
  const Clock clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace ansinh::auth
