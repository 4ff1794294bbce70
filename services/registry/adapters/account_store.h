#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/accounts.pb.h"
#include "redis/redis_connection.h"
#include "registry/core/sign_in_policy.h"

namespace ansinh::registry {

// The staff accounts in Redis (docs/registry.md, "Redis keys"). The session
// tokens themselves are issued tokens (auth/issued_tokens.h), which every
// service reads; the accounts, their password hashes and their counters
// are the registry's alone (the "{ward}:registry" keys its ACL user owns and
// no other service may read: deploy/local/redis-acl/*.rules):
//
//   ansinh:{ward}:registry:accounts                  hash username -> Account bytes (the
//                                                    stored fields: no counters)
//   ansinh:{ward}:registry:account-passwords         hash username -> Argon2id string
//   ansinh:{ward}:registry:account-sign-ins          hash username -> last sign-in (s)
//   ansinh:{ward}:registry:sign-in-failures:<user>   hash failed, locked_until; kept 24 h
//                                                    after the last wrong password, for
//                                                    unknown usernames too
//   ansinh:{ward}:registry:account-sessions:<user>   zset session token id -> expiry (s)
//
// Every function throws redis::ConnectionError when Redis cannot be reached.
struct AccountKeys {
  static constexpr std::string_view kAccounts = "ansinh:{ward}:registry:accounts";
  static constexpr std::string_view kPasswords = "ansinh:{ward}:registry:account-passwords";
  static constexpr std::string_view kLastSignIns = "ansinh:{ward}:registry:account-sign-ins";
  static std::string SignInFailures(const std::string& username);
  static std::string Sessions(const std::string& username);
};

struct StoredAccount {
  v1::Account account;  // with its counters and last sign-in filled in
  std::string password_hash;
};

class AccountStore {
 public:
  explicit AccountStore(redis::Connection& redis) : redis_(redis) {}

  std::optional<StoredAccount> Find(const std::string& username);
  // Ordered by username.
  std::vector<v1::Account> All();

  // Stores a new account and its password hash; false (nothing written)
  // when the username is taken.
  bool Create(const v1::Account& account, const std::string& password_hash);
  // Replaces the stored fields of an existing account (`change` is applied
  // to what is stored, under WATCH); nullopt when there is none. Returns the
  // account before and after.
  struct Replaced {
    v1::Account before;
    v1::Account after;
  };
  std::optional<Replaced> Update(const std::string& username,
                                 const std::function<void(v1::Account&)>& change);
  // Sets the password hash of an existing account and clears its counters
  // (unlocks it); false when there is no such account.
  bool SetPassword(const std::string& username, const std::string& password_hash);

  SignInCounters Counters(const std::string& username);
  // One more wrong password at `now_seconds`, counted atomically (several
  // console instances, several registry workers); the counters after it.
  SignInCounters RecordWrongPassword(const std::string& username, int64_t now_seconds);
  // A correct password: counters cleared, the sign-in time kept.
  void RecordSignIn(const std::string& username, int64_t now_seconds);

  // A session token issued to `username`, valid until `expires_at`; expired
  // entries are dropped on the way.
  void AddSession(const std::string& username, const std::string& token_id, int64_t expires_at,
                  int64_t now_seconds);
  bool HasSession(const std::string& username, const std::string& token_id);
  void RemoveSession(const std::string& username, const std::string& token_id);
  // Takes every session token id of `username` still unexpired at
  // `now_seconds` out of the set (to be revoked).
  std::vector<std::string> TakeSessions(const std::string& username, int64_t now_seconds);

 private:
  void FillTransient(v1::Account& account, const SignInCounters& counters, int64_t last_sign_in);
  redis::Connection& redis_;
};

}  // namespace ansinh::registry
