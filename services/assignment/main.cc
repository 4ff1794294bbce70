// ansinh-assignment: which organization is responsible for each poor or
// near-poor household, its helper, needs, support and visits.
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>

#include "assignment/adapters/assignment_environment.h"
#include "assignment/adapters/assignment_service.h"
#include "assignment/adapters/follow_up_closer.h"
#include "assignment/adapters/helper_claims.h"
#include "assignment/adapters/status_event_handler.h"
#include "assignment/core/ward_config_loader.h"
#include "events/consumer_runner.h"
#include "events/event_publisher.h"
#include "events/partition_config.h"
#include "events/stream_names.h"
#include "redis/redis_error.h"
#include "server/personal_data_reads.h"
#include "server/service_host.h"
#include "server/shutdown_signal.h"

int main(int argc, char** argv) {
  using namespace ansinh;
  using namespace ansinh::assignment;
  server::BlockShutdownSignals();
  std::string organizations_file;
  int follow_up_check_seconds = 60;
  std::string today_override_text;
  std::string instance_id;
  config::ServiceConfig config = server::ParseServiceFlags("assignment", argc, argv, [&](CLI::App& app) {
    app.add_option("--instance-id", instance_id,
                   "This instance among several of the service in one consumer group; names "
                   "its consumer <consumer-name>-<id> (default: the process id)")
        ->envname("ANSINH_INSTANCE_ID");
    app.add_option("--organizations-file", organizations_file,
                   "Ward configuration (JSON): settings, and the organizations and helpers that seed "
                   "an empty Redis (afterwards Redis is the truth)")
        ->envname("ANSINH_ORGANIZATIONS_FILE")
        ->required();
    app.add_option("--follow-up-check-seconds", follow_up_check_seconds,
                   "How often to close cases whose follow-up period has ended")
        ->envname("ANSINH_FOLLOW_UP_CHECK_SECONDS")
        ->check(CLI::Range(1, 86400))
        ->capture_default_str();
    app.add_option("--today-override", today_override_text,
                   "Testing aid: take this YYYY-MM-DD as the ward's today for follow-up ends, overdue "
                   "visits and date checks (never in production)")
        ->envname("ANSINH_TODAY_OVERRIDE");
  });
  // Every transaction of assignment stays in one hash slot (docs/operations.md,
  // "Redis Cluster"): a single node refuses one that does not, as a cluster would.
  config.redis_check_single_slot = true;

  std::optional<CivilDate> today_override;
  if (!today_override_text.empty()) {
    today_override = ParseIsoDate(today_override_text);
    if (!today_override) {
      spdlog::critical("--today-override must be a calendar date YYYY-MM-DD, not \"{}\"",
                       today_override_text);
      return 2;
    }
    spdlog::warn("testing aid active: the ward's today is fixed at {}", FormatIsoDate(*today_override));
  }
  Result<WardConfig> ward = LoadWardConfigFile(organizations_file);
  if (!ward.ok()) {
    spdlog::critical("cannot load the ward configuration {}:", organizations_file);
    for (const FieldViolation& violation : ward.error().violations) {
      spdlog::critical("  {}: {}", violation.field, violation.description);
    }
    return 2;
  }
  const AssignmentSettings& settings = ward.value().settings;
  spdlog::info("ward {}: follow-up {} months, visits overdue after {} days, fallback organization {}",
               ward.value().ward, settings.follow_up_months, settings.visit_overdue_days,
               settings.fallback_organization_id);

  try {
    const events::EventPublisher publisher(events::kAssignmentSource, config.partitions);
    DirectorySeeder seeder(config.RedisOptionsFor("ansinh-assignment-seed"), config.partitions, publisher,
                           ward.value().directory, organizations_file);
    const AssignmentEnvironment environment{
        AssignmentKeys(config.partitions),
        publisher,
        settings,
        WardClock(today_override),
        seeder,
        personal_data::KeyRingOf(config.personal_data_keys_dir,
                                 personal_data::KeyFileAccessOf(config.allow_shared_secret_files))};
    StatusEventHandler status_handler(environment, config.RedisOptionsFor("ansinh-assignment-claims"));
    try {
      if (!seeder.EnsureSeeded())
        spdlog::info("the directory is in Redis; the file's organizations are not reloaded");
    } catch (const redis::RedisError& error) {
      spdlog::warn("cannot check the directory yet ({}); it is seeded once Redis answers", error.what());
    }

    server::ServiceHost host(config);
    events::CheckPartitionCountAtStart(host.RedisOptionsFor("startup"), config.partitions,
                                       std::chrono::seconds(30));
    host.executor().SetPersonalDataReadRecorder(
        server::PublishingReadRecorder(std::string(events::kAssignmentSource), config.partitions));
    AssignmentService service(host.executor(), environment);
    host.AddService(&service);
    for (const std::string& stream : publisher.Streams()) host.AddPublishedStream(stream);
    // Official statuses open and close cases; the registry's erasures strip
    // the cases' personal fields.
    std::vector<std::string> status_streams;
    for (int partition = 0; partition < config.partitions; ++partition) {
      status_streams.push_back(events::EventStream(events::kClassificationSource, partition));
      status_streams.push_back(events::EventStream(events::kRegistrySource, partition));
    }
    events::RunnerOptions options;
    options.group = "assignment";
    options.consumer = events::ConsumerInstanceName(config.consumer_name, instance_id);
    options.max_deliveries = config.max_deliveries;
    options.claim_min_idle = std::chrono::milliseconds(config.claim_idle_ms);
    host.AddConsumer(std::make_unique<events::ConsumerRunner>(host.RedisOptionsFor("consumer"), options,
                                                              status_streams, status_handler));

    FollowUpCloser closer(host.RedisOptionsFor("follow-up"), environment,
                          std::chrono::seconds(follow_up_check_seconds));
    closer.Start();
    // Claims left by a case change that did not finish (helper_claims.h):
    // released within seconds, fenced after a minute.
    ClaimFinisher claims(host.RedisOptionsFor("claims"), environment.keys, std::chrono::seconds(2),
                         std::chrono::minutes(1));
    claims.Start();
    const int exit_code = host.Run();
    claims.Stop();
    closer.Stop();
    return exit_code;
  } catch (const std::exception& error) {
    spdlog::critical("assignment cannot start: {}", error.what());
    return 2;
  }
}
