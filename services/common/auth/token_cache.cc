#include "auth/token_cache.h"

namespace ansinh::auth {

TokenCache::TokenCache(std::chrono::milliseconds ttl, size_t capacity, Clock clock)
    : ttl_(ttl), capacity_(capacity == 0 ? 1 : capacity), clock_(std::move(clock)) {}

std::optional<CachedPrincipal> TokenCache::Find(const std::string& token_sha256) {
  const auto now = clock_();
  std::lock_guard lock(mutex_);
  auto found = entries_.find(token_sha256);
  if (found == entries_.end()) return std::nullopt;
  if (now - found->second.stored_at >= ttl_) {
    entries_.erase(found);
    return std::nullopt;
  }
  return found->second.principal;
}

void TokenCache::Put(const std::string& token_sha256, CachedPrincipal principal) {
  const auto now = clock_();
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ && !entries_.contains(token_sha256)) {
    std::erase_if(entries_, [&](const auto& item) { return now - item.second.stored_at >= ttl_; });
    // Still full of fresh entries (many distinct tokens within ttl): start
    // over rather than grow; the cost is one lookup per token.
    if (entries_.size() >= capacity_) entries_.clear();
  }
  entries_[token_sha256] = Entry{std::move(principal), now};
}

void TokenCache::ForgetTokenId(const std::string& token_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [&](const auto& item) { return item.second.principal.token_id == token_id; });
}

size_t TokenCache::size() {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace ansinh::auth
