#include "registry/adapters/account_store.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "redis/redis_error.h"
#include "redis/transaction.h"

namespace ansinh::registry {
namespace {

constexpr int kMaxAccountWriteAttempts = 10;
const std::string kFailedField = "failed";
const std::string kLockedUntilField = "locked_until";

int64_t IntegerOf(const redis::Reply& reply) {
  if (reply.IsNil()) return 0;
  if (reply.type == redis::Reply::Type::kInteger) return reply.integer;
  try {
    return std::stoll(reply.AsString());
  } catch (const std::exception&) {
    return 0;
  }
}

SignInCounters CountersOf(const redis::Reply& failed, const redis::Reply& locked_until) {
  return {static_cast<int32_t>(IntegerOf(failed)), IntegerOf(locked_until)};
}

std::optional<v1::Account> ParseAccount(const redis::Reply& reply) {
  if (reply.IsNil()) return std::nullopt;
  v1::Account account;
  if (!account.ParseFromString(reply.AsString())) return std::nullopt;
  return account;
}

// Only what an officer set is stored; counters and times live beside it.
std::string StoredBytes(v1::Account account) {
  account.clear_failed_sign_ins();
  account.clear_locked_until();
  account.clear_last_sign_in_at();
  return account.SerializeAsString();
}

}  // namespace

std::string AccountKeys::SignInFailures(const std::string& username) {
  return "ansinh:{ward}:registry:sign-in-failures:" + username;
}

std::string AccountKeys::Sessions(const std::string& username) {
  return "ansinh:{ward}:registry:account-sessions:" + username;
}

void AccountStore::FillTransient(v1::Account& account, const SignInCounters& counters, int64_t last_sign_in) {
  account.set_failed_sign_ins(counters.failed_in_a_row);
  if (counters.locked_until != 0) {
    *account.mutable_locked_until() =
        google::protobuf::util::TimeUtil::SecondsToTimestamp(counters.locked_until);
  }
  if (last_sign_in != 0) {
    *account.mutable_last_sign_in_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(last_sign_in);
  }
}

std::optional<StoredAccount> AccountStore::Find(const std::string& username) {
  const std::string failures = AccountKeys::SignInFailures(username);
  const std::vector<redis::Reply> replies = redis_.Pipeline({
      {"HGET", std::string(AccountKeys::kAccounts), username},
      {"HGET", std::string(AccountKeys::kPasswords), username},
      {"HMGET", failures, kFailedField, kLockedUntilField},
      {"HGET", std::string(AccountKeys::kLastSignIns), username},
  });
  std::optional<v1::Account> account = ParseAccount(replies[0]);
  if (!account) return std::nullopt;
  StoredAccount stored;
  stored.account = std::move(*account);
  stored.password_hash = replies[1].IsNil() ? "" : replies[1].AsString();
  FillTransient(stored.account, CountersOf(replies[2].elements.at(0), replies[2].elements.at(1)),
                IntegerOf(replies[3]));
  return stored;
}

std::vector<v1::Account> AccountStore::All() {
  const redis::Reply all = redis_.Command({"HGETALL", std::string(AccountKeys::kAccounts)});
  std::vector<v1::Account> accounts;
  for (size_t i = 0; i + 1 < all.elements.size(); i += 2) {
    if (std::optional<v1::Account> account = ParseAccount(all.elements[i + 1])) {
      accounts.push_back(std::move(*account));
    }
  }
  std::sort(accounts.begin(), accounts.end(),
            [](const v1::Account& a, const v1::Account& b) { return a.username() < b.username(); });
  if (accounts.empty()) return accounts;
  std::vector<redis::Args> reads;
  for (const v1::Account& account : accounts) {
    reads.push_back(
        {"HMGET", AccountKeys::SignInFailures(account.username()), kFailedField, kLockedUntilField});
    reads.push_back({"HGET", std::string(AccountKeys::kLastSignIns), account.username()});
  }
  const std::vector<redis::Reply> replies = redis_.Pipeline(reads);
  for (size_t i = 0; i < accounts.size(); ++i) {
    const redis::Reply& counters = replies[2 * i];
    FillTransient(accounts[i], CountersOf(counters.elements.at(0), counters.elements.at(1)),
                  IntegerOf(replies[2 * i + 1]));
  }
  return accounts;
}

bool AccountStore::Create(const v1::Account& account, const std::string& password_hash) {
  for (int attempt = 0; attempt < kMaxAccountWriteAttempts; ++attempt) {
    redis_.Command({"WATCH", std::string(AccountKeys::kAccounts)});
    if (redis_.Command({"HEXISTS", std::string(AccountKeys::kAccounts), account.username()}).AsInteger() ==
        1) {
      redis_.Command({"UNWATCH"});
      return false;
    }
    redis::Transaction transaction;
    transaction.Add({"HSET", std::string(AccountKeys::kAccounts), account.username(), StoredBytes(account)});
    transaction.Add({"HSET", std::string(AccountKeys::kPasswords), account.username(), password_hash});
    // A username used before (a deleted key, an unknown name tried) starts clean.
    transaction.Add({"DEL", AccountKeys::SignInFailures(account.username())});
    try {
      transaction.Exec(redis_);
      return true;
    } catch (const redis::TransactionAborted&) {
    }
  }
  throw redis::TransactionAborted();
}

std::optional<AccountStore::Replaced> AccountStore::Update(const std::string& username,
                                                           const std::function<void(v1::Account&)>& change) {
  for (int attempt = 0; attempt < kMaxAccountWriteAttempts; ++attempt) {
    redis_.Command({"WATCH", std::string(AccountKeys::kAccounts)});
    std::optional<v1::Account> before =
        ParseAccount(redis_.Command({"HGET", std::string(AccountKeys::kAccounts), username}));
    if (!before) {
      redis_.Command({"UNWATCH"});
      return std::nullopt;
    }
    v1::Account after = *before;
    change(after);
    redis::Transaction transaction;
    transaction.Add({"HSET", std::string(AccountKeys::kAccounts), username, StoredBytes(after)});
    try {
      transaction.Exec(redis_);
      return Replaced{std::move(*before), std::move(after)};
    } catch (const redis::TransactionAborted&) {
    }
  }
  throw redis::TransactionAborted();
}

bool AccountStore::SetPassword(const std::string& username, const std::string& password_hash) {
  for (int attempt = 0; attempt < kMaxAccountWriteAttempts; ++attempt) {
    redis_.Command({"WATCH", std::string(AccountKeys::kAccounts)});
    if (redis_.Command({"HEXISTS", std::string(AccountKeys::kAccounts), username}).AsInteger() != 1) {
      redis_.Command({"UNWATCH"});
      return false;
    }
    redis::Transaction transaction;
    transaction.Add({"HSET", std::string(AccountKeys::kPasswords), username, password_hash});
    transaction.Add({"DEL", AccountKeys::SignInFailures(username)});
    try {
      transaction.Exec(redis_);
      return true;
    } catch (const redis::TransactionAborted&) {
    }
  }
  throw redis::TransactionAborted();
}

SignInCounters AccountStore::Counters(const std::string& username) {
  const redis::Reply reply =
      redis_.Command({"HMGET", AccountKeys::SignInFailures(username), kFailedField, kLockedUntilField});
  return CountersOf(reply.elements.at(0), reply.elements.at(1));
}

SignInCounters AccountStore::RecordWrongPassword(const std::string& username, int64_t now_seconds) {
  const std::string key = AccountKeys::SignInFailures(username);
  redis::Transaction transaction;
  transaction.Add({"HINCRBY", key, kFailedField, "1"});
  transaction.Add({"HGET", key, kLockedUntilField});
  transaction.Add({"EXPIRE", key, std::to_string(SignInPolicy::kCountersKeptFor.count())});
  const std::vector<redis::Reply> replies = transaction.Exec(redis_);
  // The count before this attempt, as the policy reasons about it.
  const SignInCounters before{static_cast<int32_t>(IntegerOf(replies[0]) - 1), IntegerOf(replies[1])};
  const SignInCounters after = AfterWrongPassword(before, now_seconds);
  if (after.locked_until != before.locked_until) {
    redis_.Command({"HSET", key, kLockedUntilField, std::to_string(after.locked_until)});
  }
  return after;
}

void AccountStore::RecordSignIn(const std::string& username, int64_t now_seconds) {
  redis::Transaction transaction;
  transaction.Add({"DEL", AccountKeys::SignInFailures(username)});
  transaction.Add({"HSET", std::string(AccountKeys::kLastSignIns), username, std::to_string(now_seconds)});
  transaction.Exec(redis_);
}

void AccountStore::AddSession(const std::string& username, const std::string& token_id, int64_t expires_at,
                              int64_t now_seconds) {
  const std::string key = AccountKeys::Sessions(username);
  redis::Transaction transaction;
  transaction.Add({"ZREMRANGEBYSCORE", key, "-inf", std::to_string(now_seconds)});
  transaction.Add({"ZADD", key, std::to_string(expires_at), token_id});
  transaction.Exec(redis_);
}

bool AccountStore::HasSession(const std::string& username, const std::string& token_id) {
  return !redis_.Command({"ZSCORE", AccountKeys::Sessions(username), token_id}).IsNil();
}

void AccountStore::RemoveSession(const std::string& username, const std::string& token_id) {
  redis_.Command({"ZREM", AccountKeys::Sessions(username), token_id});
}

std::vector<std::string> AccountStore::TakeSessions(const std::string& username, int64_t now_seconds) {
  const std::string key = AccountKeys::Sessions(username);
  redis::Transaction transaction;
  transaction.Add({"ZRANGEBYSCORE", key, "(" + std::to_string(now_seconds), "+inf"});
  transaction.Add({"DEL", key});
  const std::vector<redis::Reply> replies = transaction.Exec(redis_);
  std::vector<std::string> ids;
  for (const redis::Reply& id : replies[0].elements) ids.push_back(id.AsString());
  return ids;
}

}  // namespace ansinh::registry
