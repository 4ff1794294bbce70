#pragma once

#include <memory>
#include <mutex>

namespace ansinh::monitoring {

// At most `limit` audit verifications (VerifyAudit, and the verification
// that precedes signing a tree head) run at once. Each reads the whole log,
// page by page: memory stays one page each, but Redis and the CPU would be
// shared by every caller at once. A caller past the limit is refused at once
// (RESOURCE_EXHAUSTED) rather than queued: the executor's workers serve every
// RPC, and a queue of verifications would hold them all.
class VerificationSlots {
 public:
  explicit VerificationSlots(int limit) : limit_(limit) {}

  // Released when destroyed.
  class Slot {
   public:
    explicit Slot(VerificationSlots& slots) : slots_(slots) {}
    ~Slot() { slots_.Release(); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    VerificationSlots& slots_;
  };

  // A slot, or nullptr when `limit` verifications are running.
  std::unique_ptr<Slot> TryAcquire();
  int limit() const { return limit_; }

 private:
  void Release();

  const int limit_;
  std::mutex mutex_;
  int running_ = 0;
};

}  // namespace ansinh::monitoring
