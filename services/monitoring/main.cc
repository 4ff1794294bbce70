// ansinh-monitoring: the ward's figures against its targets, household
// timelines, the tamper-evident audit chain and alerts, all fed by the events
// of the registry, classification and assignment services.
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "events/consumer_runner.h"
#include "events/partition_config.h"
#include "events/stream_names.h"
#include "monitoring/adapters/audit_dictionaries.h"
#include "monitoring/adapters/audit_log.h"
#include "monitoring/adapters/audit_outbox.h"
#include "monitoring/adapters/checkpoint_scheduler.h"
#include "monitoring/adapters/key_migration.h"
#include "monitoring/adapters/monitoring_event_handler.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "monitoring/adapters/monitoring_service.h"
#include "monitoring/adapters/outcome_index.h"
#include "monitoring/adapters/tree_head_key.h"
#include "monitoring/core/digest.h"
#include "monitoring/core/monitoring_config.h"
#include "server/service_host.h"
#include "server/shutdown_signal.h"

int main(int argc, char** argv) {
  using namespace ansinh;
  server::BlockShutdownSignals();
  std::string targets_file = "services/monitoring/config/targets.textproto";
  int checkpoint_interval_seconds = 3600;
  std::string tree_head_key_file;
  int max_concurrent_verifications = 2;
  std::string instance_id;
  int audit_append_interval_ms = 100;
  config::ServiceConfig config = server::ParseServiceFlags("monitoring", argc, argv, [&](CLI::App& app) {
    app.add_option("--instance-id", instance_id,
                   "This instance among several of the service in one consumer group; names "
                   "its consumer <consumer-name>-<id> (default: the process id)")
        ->envname("ANSINH_INSTANCE_ID");
    app.add_option("--targets-file", targets_file,
                   "The ward's targets, official history and alert thresholds "
                   "(MonitoringConfig in protobuf text format)")
        ->envname("ANSINH_TARGETS_FILE")
        ->capture_default_str();
    app.add_option("--checkpoint-interval-seconds", checkpoint_interval_seconds,
                   "Issue an audit checkpoint this often when the log grew (0: never)")
        ->envname("ANSINH_CHECKPOINT_INTERVAL_SECONDS")
        ->check(CLI::Range(0, 31 * 86400))
        ->capture_default_str();
    app.add_option("--tree-head-key-file", tree_head_key_file,
                   "The Ed25519 private key (PEM) that signs the audit log's tree heads; created "
                   "(mode 0600) when missing; refused when others (or another group) can read it. "
                   "Empty: no tree heads are signed")
        ->envname("ANSINH_MONITORING_TREE_HEAD_KEY_FILE");
    app.add_option("--audit-append-interval-ms", audit_append_interval_ms,
                   "How often the background appender moves audit entries from the partitions' "
                   "outboxes into the chain (0: only at start-up and when a read needs the chain)")
        ->envname("ANSINH_MONITORING_AUDIT_APPEND_INTERVAL_MS")
        ->check(CLI::Range(0, 3600 * 1000))
        ->capture_default_str();
    app.add_option("--max-concurrent-verifications", max_concurrent_verifications,
                   "Audit verifications (and tree head signings) run at once; callers past it get "
                   "RESOURCE_EXHAUSTED")
        ->envname("ANSINH_MONITORING_MAX_CONCURRENT_VERIFICATIONS")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
  });
  // Every transaction of monitoring stays in one hash slot (docs/operations.md,
  // "Redis Cluster"): a single node refuses one that does not, as a cluster would.
  config.redis_check_single_slot = true;

  Result<v1::MonitoringConfig> loaded = monitoring::LoadMonitoringConfig(targets_file);
  if (!loaded.ok()) {
    spdlog::critical("cannot load the targets file {}:", targets_file);
    for (const FieldViolation& violation : loaded.error().violations) {
      spdlog::critical("  {}: {}", violation.field, violation.description);
    }
    return 2;
  }
  spdlog::info("{}: {} targets, {} years of official history", loaded.value().ward_name(),
               loaded.value().targets_size(), loaded.value().historical_counts_size());

  try {
    // The signing key first: a key others can read stops the service before
    // it binds its port or touches Redis.
    std::optional<monitoring::TreeHeadKey> tree_head_key;
    if (!tree_head_key_file.empty()) {
      tree_head_key = monitoring::TreeHeadKey::LoadOrCreate(tree_head_key_file);
      spdlog::info("audit tree heads signed with the Ed25519 key {} ({}); public key {}", tree_head_key_file,
                   tree_head_key->created() ? "created now" : "loaded",
                   monitoring::HexEncode(tree_head_key->public_key()));
    } else {
      spdlog::warn(
          "no --tree-head-key-file: the audit log's tree heads are not signed, and auditors cannot "
          "check that the log was only appended to");
    }
    const monitoring::MonitoringKeys keys(config.partitions);
    // Declared before the host, so it outlives the consumer threads.
    monitoring::MonitoringEventHandler handler(keys);
    server::ServiceHost host(config);
    events::CheckPartitionCountAtStart(host.RedisOptionsFor("startup"), config.partitions,
                                       std::chrono::seconds(30));
    // Monitoring has no --today-override: its today is always the real one.
    const WardClock clock;
    {
      redis::Connection startup(host.RedisOptionsFor("startup"));
      const monitoring::KeyMigration moved = monitoring::MigrateMonitoringKeys(startup, keys);
      if (moved.audit_keys_renamed > 0 || moved.open_reviews_moved > 0) {
        spdlog::info("moved {} audit keys and {} open reviews to their hash-tagged keys",
                     moved.audit_keys_renamed, moved.open_reviews_moved);
      }
      // Before anything reads the chain: the dictionaries its entries were
      // compressed with, this version's kept beside them.
      monitoring::KeepAuditDictionaries(startup);
      if (const int indexed = monitoring::OutcomeIndex(startup, keys).EnsureBuilt(); indexed > 0) {
        spdlog::info("outcome analytics: indexed {} households supported before the index existed", indexed);
      }
      if (const std::uint64_t built = monitoring::AuditLog(startup).EnsureMerkleTree(); built > 0) {
        spdlog::info("audit log: built the Merkle tree over its {} existing entries", built);
      }
      // The pending-work finisher of the audit chain: entries an earlier run
      // put in an outbox and did not append (a crash between the event's
      // transaction and the append) go into the chain before anything else.
      if (const std::uint64_t appended = monitoring::AuditAppender(startup, keys).DrainAll(); appended > 0) {
        spdlog::info("audit log: appended {} entries left in the outboxes", appended);
      }
    }
    monitoring::VerificationSlots verification_slots(max_concurrent_verifications);
    monitoring::MonitoringService service(
        host.executor(), keys, std::move(loaded).value(), clock,
        monitoring::AuditSettings{tree_head_key ? &*tree_head_key : nullptr, &verification_slots,
                                  host.key_ring().get()});
    host.AddService(&service);
    host.executor().SetPersonalDataReadRecorder(
        [&service](const server::CallScope& call, const v1::PersonalDataRead& read) {
          return service.RecordMarkedFieldsRead(call, read);
        });

    std::vector<std::string> streams;
    for (std::string_view source :
         {events::kRegistrySource, events::kClassificationSource, events::kAssignmentSource}) {
      for (int partition = 0; partition < config.partitions; ++partition) {
        streams.push_back(events::EventStream(source, partition));
      }
    }
    events::RunnerOptions options;
    options.group = "monitoring";
    options.consumer = events::ConsumerInstanceName(config.consumer_name, instance_id);
    options.max_deliveries = config.max_deliveries;
    options.claim_min_idle = std::chrono::milliseconds(config.claim_idle_ms);
    host.AddConsumer(std::make_unique<events::ConsumerRunner>(host.RedisOptionsFor("consumer"), options,
                                                              streams, handler));

    monitoring::AuditAppenderJob appender(host.RedisOptionsFor("audit-appender"), keys, options.consumer,
                                          std::chrono::milliseconds(audit_append_interval_ms));
    if (audit_append_interval_ms > 0) appender.Start();
    monitoring::CheckpointScheduler checkpoints(host.RedisOptionsFor("checkpoints"), keys,
                                                std::chrono::seconds(checkpoint_interval_seconds), clock,
                                                tree_head_key ? &*tree_head_key : nullptr);
    checkpoints.Start();
    const int exit_code = host.Run();
    checkpoints.Stop();
    appender.Stop();
    return exit_code;
  } catch (const std::exception& error) {
    spdlog::critical("monitoring cannot start: {}", error.what());
    return 2;
  }
}
