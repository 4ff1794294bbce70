#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "ansinh/v1/accounts.pb.h"

namespace ansinh::console {

using SessionClock = std::chrono::system_clock;
using SessionTime = SessionClock::time_point;

// One signed-in person, kept in the console's memory only. The browser holds
// the id (cookie ansinh_session); the session token, the user's bearer
// credential for the services, never leaves the console.
struct Session {
  std::string id;
  std::string session_token;
  v1::Account account;
  // Sent by the browser in X-CSRF-Token with every state-changing request.
  std::string csrf_token;
  // "vi" or "en": the language the person signed in with.
  std::string language;
  SessionTime created;
  SessionTime last_used;
  // The earlier of sign-in + the absolute limit and the token's own expiry.
  SessionTime expires_at;
};

struct SessionLimits {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 60 * 60};
  // All sessions at once; a sign-in past it is refused.
  std::size_t max_sessions = 10000;
  // Sessions of one username; a sign-in past it ends that user's least
  // recently used session (a forgotten browser tab, another phone).
  std::size_t max_per_account = 20;
};

// Why Create refused.
enum class CreateRefusal { kFull };

// Sessions by id: created at sign-in, found (and kept alive) on each request,
// ended on sign-out, after `idle` without a request or `absolute` after
// sign-in. Pure logic: the time is passed in, ids come from `random_hex`
// (RandomHex in the program, something predictable in tests). Thread-safe.
class SessionStore {
 public:
  // `random_hex(n)`: n random bytes as hex.
  using RandomHexSource = std::function<std::string(std::size_t)>;

  SessionStore(SessionLimits limits, RandomHexSource random_hex);

  // A new session with a fresh 256-bit id and CSRF token, or nullopt when
  // max_sessions are live (after dropping the expired ones).
  std::optional<Session> Create(std::string session_token, v1::Account account, SessionTime token_expires_at,
                                std::string language, SessionTime now);
  // The live session `id` names, its last use moved to `now`; nullopt (and
  // the session dropped) when it is unknown, idle too long or expired.
  std::optional<Session> Use(std::string_view id, SessionTime now);
  // Like Use, without counting as a use.
  std::optional<Session> Peek(std::string_view id, SessionTime now) const;
  // Ends the session (sign-out, or the services no longer accept its token);
  // returns it when it existed.
  std::optional<Session> End(std::string_view id);
  // Drops every expired session; returns how many.
  std::size_t Prune(SessionTime now);
  std::size_t size() const;
  const SessionLimits& limits() const { return limits_; }

 private:
  bool Live(const Session& session, SessionTime now) const;

  SessionLimits limits_;
  RandomHexSource random_hex_;
  mutable std::mutex mutex_;
  std::map<std::string, Session, std::less<>> sessions_;
};

// Whether `given` (the X-CSRF-Token header) is the session's CSRF token,
// compared in constant time; an empty header never matches.
bool CsrfTokenMatches(const Session& session, std::string_view given);

}  // namespace ansinh::console
