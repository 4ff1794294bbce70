#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "redis/redis_connection.h"

namespace ansinh::bench {

// The bounded audit work of docs/monitoring.md, measured: `callers`
// VerifyAudit calls at once over the audit log as it stands, and the peak
// resident memory of monitoring during them (VmHWM, reset just before
// through /proc/<pid>/clear_refs so the cycle before does not count).
struct AuditVerificationResult {
  std::int64_t entries = 0;
  int callers = 0;
  int completed = 0;
  int refused = 0;
  int failed = 0;
  bool intact = true;
  double seconds = 0;
  std::int64_t resident_before_bytes = 0;
  std::int64_t peak_during_bytes = 0;
};

AuditVerificationResult RunConcurrentVerifications(const std::shared_ptr<grpc::Channel>& monitoring,
                                                   const std::string& token, pid_t monitoring_pid,
                                                   int callers);

// Replaces the audit log with `entries` entries written as monitoring writes
// them (chain, Merkle tree, head), each recording an event of about
// `event_bytes` bytes: a stand-in for a large ward's history when the cycle
// is skipped (--audit-entries).
void WriteSyntheticAuditLog(redis::Connection& redis, std::int64_t entries, int event_bytes);

}  // namespace ansinh::bench
