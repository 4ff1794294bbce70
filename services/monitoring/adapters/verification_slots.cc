#include "monitoring/adapters/verification_slots.h"

namespace ansinh::monitoring {

std::unique_ptr<VerificationSlots::Slot> VerificationSlots::TryAcquire() {
  std::lock_guard lock(mutex_);
  if (running_ >= limit_) return nullptr;
  ++running_;
  return std::make_unique<Slot>(*this);
}

void VerificationSlots::Release() {
  std::lock_guard lock(mutex_);
  --running_;
}

}  // namespace ansinh::monitoring
