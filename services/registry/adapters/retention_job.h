// The retention job (docs/data-protection.md, "Retention"): every household
// that moved out or was dissolved and whose departed_household period has
// passed gets its personal data erased (EraseHousehold with RETENTION_ENDED,
// actor "retention job"). It runs once a day on a thread of its own
// (RetentionScheduler), and on request (Registry.RunRetention), dry or not.
// Each run's report is logged and kept in Redis
// (ansinh:{ward}:registry:retention:last) for `ansinh admin retention --last`.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "ansinh/v1/registry.pb.h"
#include "redis/redis_connection.h"
#include "registry/adapters/registry_keys.h"
#include "registry/adapters/ward_settings.h"

namespace ansinh::registry {

inline constexpr std::string_view kLastRetentionReport = "ansinh:{ward}:registry:retention:last";

// One run: the households of every partition that left the ward, judged by
// the ward's policy on the ward's today; those due erased unless `dry_run`.
// `actor` is who asked (the job itself for the daily run).
v1::RetentionReport RunRetention(redis::Connection& redis, const RegistryKeys& keys, const WardSettings& ward,
                                 const v1::Actor& actor, bool dry_run);

// Runs RunRetention every `interval` (the first one interval after start)
// until stopped.
class RetentionScheduler {
 public:
  RetentionScheduler(redis::RedisOptions options, const WardSettings& ward, std::chrono::seconds interval);
  ~RetentionScheduler() { Stop(); }
  void Start();
  void Stop();

 private:
  void Loop();

  redis::RedisOptions options_;
  const WardSettings& ward_;
  RegistryKeys keys_;
  std::chrono::seconds interval_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace ansinh::registry
