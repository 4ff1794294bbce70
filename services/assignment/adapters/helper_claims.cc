#include "assignment/adapters/helper_claims.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <random>

#include "assignment/adapters/case_store.h"
#include "redis/redis_error.h"

namespace ansinh::assignment {
namespace {

// A live operation claims and commits within a second or two; the finisher
// leaves younger claims alone so as not to fence one still under way.
constexpr int kMaxFenceAttempts = 8;
// A fence outlives any attempt still under way by far.
constexpr int kFenceSeconds = 86400;

template <typename Number>
std::optional<Number> ParseClaimNumber(std::string_view text) {
  Number value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::int64_t ClaimNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string NewClaimId(std::string_view case_id, std::uint64_t version) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  char nonce[17];
  std::snprintf(nonce, sizeof nonce, "%016llx", static_cast<unsigned long long>(random()));
  return std::string(case_id) + "@" + std::to_string(version) + "#" + nonce;
}

std::optional<HelperClaim> ParseHelperClaim(std::string_view id, std::string_view claimed_at_ms) {
  const std::size_t at = id.rfind('@');
  const std::size_t hash = id.rfind('#');
  if (at == std::string_view::npos || hash == std::string_view::npos || hash < at || at == 0)
    return std::nullopt;
  const std::optional<std::uint64_t> version =
      ParseClaimNumber<std::uint64_t>(id.substr(at + 1, hash - at - 1));
  const std::optional<std::int64_t> when = ParseClaimNumber<std::int64_t>(claimed_at_ms);
  if (!version || !when) return std::nullopt;
  return HelperClaim{std::string(id), std::string(id.substr(0, at)), *version, *when};
}

namespace {

std::vector<HelperClaim> ReadClaims(redis::Connection& redis, std::string_view helper_id) {
  std::vector<HelperClaim> claims;
  const redis::Reply reply = redis.Command({"HGETALL", AssignmentKeys::HelperClaims(helper_id)});
  for (std::size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
    if (std::optional<HelperClaim> claim =
            ParseHelperClaim(reply.elements[i].str, reply.elements[i + 1].str)) {
      claims.push_back(std::move(*claim));
    } else {
      spdlog::warn("helper {}: claim {} does not parse; ignored", helper_id, reply.elements[i].str);
    }
  }
  return claims;
}

// The stored version of each claim's case (0 when the case does not exist),
// one round trip.
std::vector<std::uint64_t> ClaimedCaseVersions(redis::Connection& redis, const AssignmentKeys& keys,
                                               const std::vector<HelperClaim>& claims) {
  std::vector<std::uint64_t> versions(claims.size(), 0);
  std::vector<redis::Args> reads;
  std::vector<std::size_t> asked;
  for (std::size_t i = 0; i < claims.size(); ++i) {
    const std::optional<std::string> household = HouseholdOfCaseId(claims[i].case_id);
    if (!household) continue;
    reads.push_back({"GET", keys.Case(*household, claims[i].case_id)});
    asked.push_back(i);
  }
  if (reads.empty()) return versions;
  const std::vector<redis::Reply> replies = redis.Pipeline(reads);
  for (std::size_t j = 0; j < asked.size(); ++j) {
    if (std::optional<v1::Case> stored = ParseStoredCase(replies.at(j)))
      versions[asked[j]] = stored->version();
  }
  return versions;
}

// Fences the claim's case against it unless the case already holds the
// claimed version; true when the claim may be released.
bool FenceUnlessCommitted(redis::Connection& redis, const AssignmentKeys& keys, const HelperClaim& claim) {
  const std::optional<std::string> household = HouseholdOfCaseId(claim.case_id);
  if (!household) return true;
  const std::string case_key = keys.Case(*household, claim.case_id);
  const std::string fence = keys.CaseFence(*household, claim.case_id);
  for (int attempt = 0; attempt < kMaxFenceAttempts; ++attempt) {
    const std::vector<redis::Reply> replies = redis.Pipeline({{"WATCH", case_key, fence}, {"GET", case_key}});
    if (replies.at(0).IsError()) throw redis::ReplyError(replies[0].str);
    const std::optional<v1::Case> stored = ParseStoredCase(replies.at(1));
    if (stored && stored->version() >= claim.version) {
      redis.Command({"UNWATCH"});
      return true;
    }
    redis::Transaction tx;
    tx.Add({"SADD", fence, claim.id});
    tx.Add({"EXPIRE", fence, std::to_string(kFenceSeconds)});
    try {
      tx.Exec(redis);
      return true;
    } catch (const redis::TransactionAborted&) {
      continue;  // the case changed meanwhile: look again
    }
  }
  return false;
}

}  // namespace

int UncommittedClaims(redis::Connection& redis, const AssignmentKeys& keys, std::string_view helper_id) {
  const std::vector<HelperClaim> claims = ReadClaims(redis, helper_id);
  if (claims.empty()) return 0;
  const std::vector<std::uint64_t> versions = ClaimedCaseVersions(redis, keys, claims);
  int uncommitted = 0;
  for (std::size_t i = 0; i < claims.size(); ++i) {
    if (versions[i] < claims[i].version) ++uncommitted;
  }
  return uncommitted;
}

void QueueClaim(redis::Transaction& tx, std::string_view helper_id, const std::string& claim_id) {
  tx.Add({"HSET", AssignmentKeys::HelperClaims(helper_id), claim_id, std::to_string(ClaimNowMs())});
  tx.Add({"SADD", AssignmentKeys::ClaimedHelpers(), std::string(helper_id)});
}

void ReleaseClaim(redis::Connection& redis, std::string_view helper_id, const std::string& claim_id) {
  redis.Command({"HDEL", AssignmentKeys::HelperClaims(helper_id), claim_id});
}

bool ClaimFenced(redis::Connection& redis, const AssignmentKeys& keys, std::string_view case_id,
                 const std::string& claim_id) {
  const std::optional<std::string> household = HouseholdOfCaseId(case_id);
  if (!household) return false;
  return redis.Command({"SISMEMBER", keys.CaseFence(*household, case_id), claim_id}).AsInteger() == 1;
}

int FinishStaleClaims(redis::Connection& redis, const AssignmentKeys& keys,
                      const std::vector<std::string>& helper_ids, std::int64_t now_ms,
                      std::chrono::milliseconds min_age) {
  int released = 0;
  for (const std::string& helper_id : helper_ids) {
    const std::vector<HelperClaim> claims = ReadClaims(redis, helper_id);
    const std::vector<std::uint64_t> versions = ClaimedCaseVersions(redis, keys, claims);
    for (std::size_t i = 0; i < claims.size(); ++i) {
      const HelperClaim& claim = claims[i];
      // A claim whose case committed counts no more: released at once. One
      // that did not is fenced first, once old enough not to be under way.
      const bool committed = versions[i] >= claim.version;
      if (!committed && now_ms - claim.claimed_at_ms < min_age.count()) continue;
      if (!committed && !FenceUnlessCommitted(redis, keys, claim)) continue;
      ReleaseClaim(redis, helper_id, claim.id);
      ++released;
      if (!committed) {
        spdlog::info("released the claim {} on helper {}: its case change never committed", claim.id,
                     helper_id);
      }
    }
  }
  return released;
}

ClaimFinisher::ClaimFinisher(redis::RedisOptions options, const AssignmentKeys& keys,
                             std::chrono::milliseconds interval, std::chrono::milliseconds min_age)
    : redis_(std::move(options)), keys_(keys), interval_(interval), min_age_(min_age) {}

ClaimFinisher::~ClaimFinisher() { Stop(); }

void ClaimFinisher::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void ClaimFinisher::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int ClaimFinisher::FinishOnce() {
  std::vector<std::string> helper_ids;
  for (const redis::Reply& id : redis_.Command({"SMEMBERS", AssignmentKeys::ClaimedHelpers()}).elements) {
    helper_ids.push_back(id.str);
  }
  const int released = FinishStaleClaims(redis_, keys_, helper_ids, ClaimNowMs(), min_age_);
  // A helper without claims leaves the set, unless a claim came meanwhile
  // (the claim's transaction adds it again, which aborts this one).
  for (const std::string& helper_id : helper_ids) {
    const std::string claims = AssignmentKeys::HelperClaims(helper_id);
    const std::vector<redis::Reply> replies = redis_.Pipeline({{"WATCH", claims}, {"HLEN", claims}});
    if (replies.at(0).IsError()) throw redis::ReplyError(replies[0].str);
    if (replies.at(1).AsInteger() > 0) {
      redis_.Command({"UNWATCH"});
      continue;
    }
    redis::Transaction tx;
    tx.Add({"SREM", AssignmentKeys::ClaimedHelpers(), helper_id});
    try {
      tx.Exec(redis_);
    } catch (const redis::TransactionAborted&) {
    }
  }
  return released;
}

void ClaimFinisher::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      FinishOnce();
    } catch (const redis::RedisError& error) {
      spdlog::warn("helper claim finisher: {}; trying again", error.what());
    } catch (const std::exception& error) {
      spdlog::error("helper claim finisher: {}", error.what());
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace ansinh::assignment
