#include "console/session_store.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "console/random_secret.h"

namespace ansinh::console {
namespace {

// 256 bits: guessing a live id is hopeless however many sessions there are.
constexpr std::size_t kSecretBytes = 32;

}  // namespace

SessionStore::SessionStore(SessionLimits limits, RandomHexSource random_hex)
    : limits_(limits), random_hex_(std::move(random_hex)) {}

bool SessionStore::Live(const Session& session, SessionTime now) const {
  return now < session.expires_at && now - session.last_used < limits_.idle;
}

std::optional<Session> SessionStore::Create(std::string session_token, v1::Account account,
                                            SessionTime token_expires_at, std::string language,
                                            SessionTime now) {
  std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [&](const auto& entry) { return !Live(entry.second, now); });
  // The same user's least recently used session makes room for the new one.
  std::vector<std::map<std::string, Session, std::less<>>::iterator> own;
  for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
    if (it->second.account.username() == account.username()) own.push_back(it);
  }
  if (own.size() >= limits_.max_per_account && !own.empty()) {
    auto oldest = std::min_element(own.begin(), own.end(), [](const auto& a, const auto& b) {
      return a->second.last_used < b->second.last_used;
    });
    sessions_.erase(*oldest);
  }
  if (sessions_.size() >= limits_.max_sessions) return std::nullopt;

  Session session;
  do {
    session.id = random_hex_(kSecretBytes);
  } while (sessions_.contains(session.id));
  session.csrf_token = random_hex_(kSecretBytes);
  session.session_token = std::move(session_token);
  session.account = std::move(account);
  session.language = std::move(language);
  session.created = now;
  session.last_used = now;
  session.expires_at = std::min(now + limits_.absolute, token_expires_at);
  sessions_.emplace(session.id, session);
  return session;
}

std::optional<Session> SessionStore::Use(std::string_view id, SessionTime now) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (!Live(it->second, now)) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_used = std::max(it->second.last_used, now);
  return it->second;
}

std::optional<Session> SessionStore::Peek(std::string_view id, SessionTime now) const {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end() || !Live(it->second, now)) return std::nullopt;
  return it->second;
}

std::optional<Session> SessionStore::End(std::string_view id) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  Session ended = std::move(it->second);
  sessions_.erase(it);
  return ended;
}

std::size_t SessionStore::Prune(SessionTime now) {
  std::lock_guard lock(mutex_);
  return std::erase_if(sessions_, [&](const auto& entry) { return !Live(entry.second, now); });
}

std::size_t SessionStore::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

bool CsrfTokenMatches(const Session& session, std::string_view given) {
  return ConstantTimeEquals(session.csrf_token, given);
}

}  // namespace ansinh::console
