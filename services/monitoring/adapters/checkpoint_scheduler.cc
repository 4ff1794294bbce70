#include "monitoring/adapters/checkpoint_scheduler.h"

#include <spdlog/spdlog.h>

#include "monitoring/adapters/audit_log.h"
#include "monitoring/adapters/audit_outbox.h"
#include "monitoring/adapters/log_verification.h"
#include "monitoring/core/audit_verifier.h"
#include "monitoring/core/digest.h"
#include "redis/redis_error.h"
#include "time/timestamps.h"

namespace ansinh::monitoring {

CheckpointScheduler::CheckpointScheduler(redis::RedisOptions redis_options, const MonitoringKeys& keys,
                                         std::chrono::seconds interval, WardClock clock,
                                         const TreeHeadKey* tree_head_key)
    : redis_(std::move(redis_options)),
      keys_(keys),
      interval_(interval),
      clock_(clock),
      tree_head_key_(tree_head_key) {}

namespace {

v1::Actor MonitoringItself() {
  v1::Actor service;
  service.set_role(v1::ROLE_SERVICE);
  service.set_name("monitoring");
  return service;
}

}  // namespace

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
  // What waits in the outboxes first: a checkpoint covers every event
  // consumed before it.
  AuditAppender(redis_, keys_).DrainAll();
  AuditLog audit(redis_);
  const std::uint64_t length = audit.StoredLength();
  const std::optional<v1::AuditChainCheckpoint> latest = audit.LatestCheckpoint();
  if (length == 0 || (latest && latest->entry_count() == length)) return false;
  CheckpointIssue issue = IssueCheckpointOver(audit, TimestampOf(clock_.Now()), MonitoringItself(), latest);
  if (!issue.checkpoint) {
    spdlog::error("audit log does not verify; no checkpoint issued: {}",
                  issue.verification.finding().description());
    return false;
  }
  if (latest && latest->entry_count() == issue.checkpoint->entry_count() &&
      latest->head_hash() == issue.checkpoint->head_hash()) {
    return false;
  }
  audit.StoreCheckpoint(*issue.checkpoint);
  spdlog::info("audit checkpoint issued: {} entries, head {}", issue.checkpoint->entry_count(),
               HexEncode(issue.checkpoint->head_hash()));
  return true;
}

bool CheckpointScheduler::SignHeadIfGrown() {
  if (tree_head_key_ == nullptr) return false;
  AuditAppender(redis_, keys_).DrainAll();
  AuditLog audit(redis_);
  HeadIssue issue =
      IssueVerifiedTreeHead(audit, *tree_head_key_, MonitoringItself(), TimestampOf(clock_.Now()), false);
  if (!issue.checked.verification.intact()) {
    spdlog::error("audit log does not verify; no tree head signed: {}",
                  issue.checked.verification.finding().description());
    return false;
  }
  if (!issue.issued) return false;
  spdlog::info("audit tree head signed: {} entries, root {}", issue.issued->tree_size(),
               HexEncode(issue.issued->root_hash()));
  return true;
}

void CheckpointScheduler::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) break;
    lock.unlock();
    try {
      // The head first: its own record is then covered by the checkpoint.
      SignHeadIfGrown();
      IssueIfGrown();
    } catch (const std::exception& error) {
      spdlog::warn("audit checkpoint not issued this time: {}", error.what());
    }
    lock.lock();
  }
}

}  // namespace ansinh::monitoring
