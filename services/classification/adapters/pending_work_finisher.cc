#include "classification/adapters/pending_work_finisher.h"

#include <spdlog/spdlog.h>

#include "classification/adapters/approval_applier.h"
#include "classification/adapters/approval_hold.h"
#include "classification/adapters/round_backfill.h"
#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "redis/redis_error.h"

namespace ansinh::classification {

PendingWorkFinisher::PendingWorkFinisher(redis::RedisOptions options,
                                         const ClassificationEnvironment& environment,
                                         std::chrono::seconds interval)
    : redis_(std::move(options)), environment_(environment), interval_(interval) {}

PendingWorkFinisher::~PendingWorkFinisher() { Stop(); }

void PendingWorkFinisher::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void PendingWorkFinisher::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PendingWorkFinisher::FinishPendingWork() {
  // Openings and their pull-ins first: a round without its record is not
  // open for anything else yet.
  RoundBackfill backfill(redis_, environment_);
  for (const redis::Reply& id :
       redis_.Command({"HKEYS", std::string(ClassificationKeys::kPendingBackfill)}).elements) {
    backfill.Finish(id.str);
  }
  // The open rounds: events a relay left in the partitions' outboxes, an
  // approval that stopped with the partitions closed, and an approval
  // committed in the round's slot but not yet in the catalogue.
  ApprovalApplier applier(redis_, environment_);
  ApprovalHold hold(redis_, environment_);
  RoundStore rounds(redis_, environment_.keys);
  for (const std::string& round_id : rounds.OpenRoundIds()) {
    const std::optional<StoredRound> stored = rounds.Load(round_id);
    if (!stored) continue;  // its opening is finished above
    if (stored->round.status() == v1::ROUND_STATUS_APPROVED) {
      applier.Catalogue(round_id);
      continue;
    }
    hold.ReopenAbandoned(round_id);
    RelayRoundEvents(redis_, environment_.keys, round_id);
  }
  for (const redis::Reply& id :
       redis_.Command({"HKEYS", std::string(ClassificationKeys::kPendingApproval)}).elements) {
    applier.Finish(id.str);
  }
}

void PendingWorkFinisher::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      FinishPendingWork();
    } catch (const redis::RedisError& error) {
      spdlog::warn("finishing pending review work failed: {}; trying again in {} s", error.what(),
                   interval_.count());
    } catch (const std::exception& error) {
      spdlog::error("finishing pending review work failed: {}", error.what());
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace ansinh::classification
