#include "audit_verification.h"

#include <google/protobuf/util/time_util.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <thread>
#include <vector>

#include "ansinh/v1/monitoring.grpc.pb.h"
#include "monitoring/core/audit_chain.h"
#include "process_memory.h"
#include "redis/compressed_value.h"

namespace ansinh::bench {
namespace {

std::int64_t ResidentBytes(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmRSS:")) return std::stoll(line.substr(6)) * 1024;
  }
  return 0;
}

}  // namespace

AuditVerificationResult RunConcurrentVerifications(const std::shared_ptr<grpc::Channel>& monitoring,
                                                   const std::string& token, pid_t monitoring_pid,
                                                   int callers) {
  AuditVerificationResult result;
  result.callers = callers;
  // "5" resets the peak resident set (VmHWM) to the current one.
  std::ofstream("/proc/" + std::to_string(monitoring_pid) + "/clear_refs") << "5";
  result.resident_before_bytes = ResidentBytes(monitoring_pid);
  std::atomic<int> completed{0}, refused{0}, failed{0};
  std::atomic<bool> broken{false};
  std::atomic<std::int64_t> entries{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < callers; ++i) {
    threads.emplace_back([&] {
      auto stub = v1::Monitoring::NewStub(monitoring);
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + token);
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::hours(1));
      v1::VerifyAuditResponse response;
      const grpc::Status status = stub->VerifyAudit(&context, v1::VerifyAuditRequest{}, &response);
      if (status.ok()) {
        ++completed;
        entries = static_cast<std::int64_t>(response.verification().entries_checked());
        if (!response.verification().intact()) broken = true;
      } else if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        ++refused;
      } else {
        ++failed;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.completed = completed;
  result.refused = refused;
  result.failed = failed;
  result.intact = !broken;
  result.entries = entries;
  result.peak_during_bytes = PeakResidentBytes(monitoring_pid);
  return result;
}

void WriteSyntheticAuditLog(redis::Connection& redis, std::int64_t entries, int event_bytes) {
  const std::string entries_key = "ansinh:{audit}:monitoring:audit:entries";
  redis.Command({"DEL", entries_key, "ansinh:{audit}:monitoring:audit:head",
                 "ansinh:{audit}:monitoring:audit:tree-heads",
                 "ansinh:{audit}:monitoring:audit:checkpoints"});
  for (int level = 0; level < 64; ++level)
    redis.Command({"DEL", "ansinh:{audit}:monitoring:audit:tree:" + std::to_string(level)});
  monitoring::AuditHead head;
  v1::Actor actor;
  actor.set_role(v1::ROLE_WARD_OFFICER);
  actor.set_name("Trần Văn Bình");
  constexpr std::int64_t kBatch = 2000;
  for (std::int64_t first = 0; first < entries; first += kBatch) {
    redis::Args push{"RPUSH", entries_key};
    std::map<int, redis::Args> levels;
    for (std::int64_t i = first; i < std::min(entries, first + kBatch); ++i) {
      v1::EventEnvelope envelope;
      envelope.set_event_id("bench-event-" + std::to_string(i));
      envelope.set_event_type("registry.household_registered.v1");
      envelope.set_aggregate_type("household");
      envelope.set_aggregate_id("HH-" + std::to_string(i));
      envelope.set_aggregate_version(1);
      envelope.set_household_id("HH-" + std::to_string(i));
      *envelope.mutable_actor() = actor;
      *envelope.mutable_occurred_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(1735689600 + i);
      // Payload bytes that do not compress away, like names and addresses.
      std::string payload(static_cast<std::size_t>(event_bytes), '\0');
      std::uint64_t state = static_cast<std::uint64_t>(i) * 6364136223846793005ULL + 1442695040888963407ULL;
      for (char& c : payload) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        c = static_cast<char>('a' + (state >> 59));
      }
      envelope.mutable_payload()->set_type_url("type.googleapis.com/ansinh.v1.HouseholdRegistered");
      envelope.mutable_payload()->set_value(payload);
      monitoring::AuditAppend append = monitoring::AppendToHead(monitoring::EventEntry(envelope), head);
      push.push_back(redis::StoredMessage(append.sealed));
      for (const monitoring::CompletedNode& node : append.nodes) {
        redis::Args& level = levels[node.level];
        if (level.empty())
          level = {"RPUSH", "ansinh:{audit}:monitoring:audit:tree:" + std::to_string(node.level)};
        level.push_back(node.hash);
      }
      head = append.next;
    }
    redis.Command(push);
    for (auto& [level, command] : levels) redis.Command(command);
  }
  std::string frontier;
  for (const std::string& hash : head.tree.hashes()) frontier += hash;
  redis.Command({"HSET", "ansinh:{audit}:monitoring:audit:head", "count", std::to_string(head.entry_count),
                 "hash", head.hash, "frontier", frontier});
}

}  // namespace ansinh::bench
