#include "assignment/adapters/follow_up_closer.h"

#include <spdlog/spdlog.h>

#include "assignment/adapters/case_mutation.h"
#include "assignment/adapters/case_store.h"
#include "assignment/core/lifecycle.h"
#include "redis/redis_error.h"

namespace ansinh::assignment {

FollowUpCloser::FollowUpCloser(redis::RedisOptions options, const AssignmentEnvironment& environment,
                               std::chrono::seconds interval)
    : redis_(std::move(options)), environment_(environment), interval_(interval) {}

FollowUpCloser::~FollowUpCloser() { Stop(); }

void FollowUpCloser::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void FollowUpCloser::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int FollowUpCloser::CloseEndedFollowUps() {
  CaseStore store(redis_, environment_.keys);
  const CivilDate today = environment_.clock.Today();
  const std::vector<v1::Case> followed =
      store.LoadMany(store.IdsInAny({AssignmentKeys::StateIndex(v1::CASE_STATE_FOLLOW_UP)}));
  int closed = 0;
  for (const v1::Case& candidate : followed) {
    // Most followed cases are far from their end: only those that are due
    // take the transactional path.
    if (!FollowUpEnded(candidate, today)) continue;
    CaseChange change;
    const grpc::Status status = MutateCase(
        redis_, environment_, candidate.case_id(), events::EventContext{ServiceActor(), "", ""},
        [](const v1::Case& current, const OperationContext& context) -> Result<CaseChange> {
          return CloseIfFollowUpEnded(current, context.actor, context.when);
        },
        &change);
    if (!status.ok()) {
      spdlog::warn("closing {} after follow-up failed: {}", candidate.case_id(), status.error_message());
      continue;
    }
    if (change.changed()) {
      ++closed;
      spdlog::info("case {} closed: follow-up ended on {}", candidate.case_id(),
                   change.updated_case.follow_up_until());
    }
  }
  return closed;
}

void FollowUpCloser::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      CloseEndedFollowUps();
    } catch (const redis::RedisError& error) {
      spdlog::warn("follow-up check failed: {}; trying again in {} s", error.what(), interval_.count());
    } catch (const std::exception& error) {
      spdlog::error("follow-up check failed: {}", error.what());
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace ansinh::assignment
