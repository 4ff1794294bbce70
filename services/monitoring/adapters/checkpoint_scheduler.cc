#include "monitoring/adapters/checkpoint_scheduler.h"

#include <spdlog/spdlog.h>

#include "monitoring/adapters/audit_log.h"
#include "monitoring/core/audit_verifier.h"
#include "monitoring/core/digest.h"
#include "redis/redis_error.h"
#include "time/timestamps.h"

namespace ansinh::monitoring {

CheckpointScheduler::CheckpointScheduler(redis::RedisOptions redis_options, std::chrono::seconds interval,
                                         WardClock clock)
    : redis_(std::move(redis_options)), interval_(interval), clock_(clock) {}

CheckpointScheduler::~CheckpointScheduler() { Stop(); }

void CheckpointScheduler::Start() {
  if (interval_.count() <= 0 || thread_.joinable()) return;
  thread_ = std::thread([this] { Loop(); });
}

void CheckpointScheduler::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool CheckpointScheduler::IssueIfGrown() {
  AuditLog audit(redis_);
  const std::vector<v1::AuditChainEntry> entries = audit.LoadEntries();
  const std::optional<v1::AuditChainCheckpoint> latest = audit.LatestCheckpoint();
  if (entries.empty() || (latest && latest->entry_count() == entries.size() &&
                          latest->head_hash() == entries.back().entry_hash())) {
    return false;
  }
  v1::Actor service;
  service.set_role(v1::ROLE_SERVICE);
  service.set_name("monitoring");
  CheckpointIssue issue =
      IssueCheckpoint(entries, TimestampOf(clock_.Now()), service, latest ? &*latest : nullptr);
  if (!issue.checkpoint) {
    spdlog::error("audit log does not verify; no checkpoint issued: {}",
                  issue.verification.finding().description());
    return false;
  }
  audit.StoreCheckpoint(*issue.checkpoint);
  spdlog::info("audit checkpoint issued: {} entries, head {}", issue.checkpoint->entry_count(),
               HexEncode(issue.checkpoint->head_hash()));
  return true;
}

void CheckpointScheduler::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) break;
    lock.unlock();
    try {
      IssueIfGrown();
    } catch (const std::exception& error) {
      spdlog::warn("audit checkpoint not issued this time: {}", error.what());
    }
    lock.lock();
  }
}

}  // namespace ansinh::monitoring
