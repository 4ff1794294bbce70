#include "classification/adapters/pending_work_finisher.h"

#include <spdlog/spdlog.h>

#include "classification/adapters/approval_applier.h"
#include "classification/adapters/round_backfill.h"
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
  RoundBackfill backfill(redis_, environment_);
  for (const redis::Reply& id :
       redis_.Command({"HKEYS", std::string(ClassificationKeys::kPendingBackfill)}).elements) {
    backfill.Finish(id.str);
  }
  ApprovalApplier applier(redis_, environment_);
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
