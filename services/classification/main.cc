// ansinh-classification: classifies review surveys against the poverty
// standards (data files loaded at start-up), runs the review procedure and
// keeps each household's official status.
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "classification/adapters/classification_environment.h"
#include "classification/adapters/classification_service.h"
#include "classification/adapters/key_migration.h"
#include "classification/adapters/pending_work_finisher.h"
#include "classification/adapters/registry_event_handler.h"
#include "events/consumer_runner.h"
#include "events/partition_config.h"
#include "events/stream_names.h"
#include "server/personal_data_reads.h"
#include "server/service_host.h"
#include "server/shutdown_signal.h"
#include "standards/standard_loader.h"

int main(int argc, char** argv) {
  using namespace ansinh;
  using namespace ansinh::classification;
  server::BlockShutdownSignals();
  std::string standards_dir;
  int complaint_window_days = kDefaultComplaintWindowWorkingDays;
  std::vector<std::string> holiday_texts;
  std::string today_override_text;
  int pending_check_seconds = 30;
  std::string window_text = FormatReviewWindow(ReviewWindow{});
  int max_unreviewed_list_percent = kDefaultMaxUnreviewedListPercent;
  std::string instance_id;
  config::ServiceConfig config = server::ParseServiceFlags("classification", argc, argv, [&](CLI::App& app) {
    app.add_option("--instance-id", instance_id,
                   "This instance among several of the service in one consumer group; names "
                   "its consumer <consumer-name>-<id> (default: the process id)")
        ->envname("ANSINH_INSTANCE_ID");
    app.add_option("--standards-dir", standards_dir,
                   "Directory of the poverty standards (*.textproto), validated at start-up")
        ->envname("ANSINH_STANDARDS_DIR")
        ->required();
    app.add_option("--complaint-window-working-days", complaint_window_days,
                   "Working days posted results accept complaints (docs/domain.md: about 3)")
        ->envname("ANSINH_COMPLAINT_WINDOW_WORKING_DAYS")
        ->check(CLI::Range(1, 30))
        ->capture_default_str();
    app.add_option("--holidays", holiday_texts,
                   "Public holidays (YYYY-MM-DD, comma-separated) that are not working days")
        ->envname("ANSINH_HOLIDAYS")
        ->delimiter(',');
    app.add_option("--today-override", today_override_text,
                   "Testing and rehearsal aid: take this YYYY-MM-DD as the ward's today for posting, "
                   "complaints and approval (never in production)")
        ->envname("ANSINH_TODAY_OVERRIDE");
    app.add_option("--pending-work-check-seconds", pending_check_seconds,
                   "How often to finish review work an interrupted call left (surveys to pull into a "
                   "new round, statuses to write after an approval)")
        ->envname("ANSINH_PENDING_WORK_CHECK_SECONDS")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    app.add_option("--periodic-review-window", window_text,
                   "When the periodic review is held each year, MM-DD..MM-DD (Decision 24/2021: 1 "
                   "September to 14 December); a round opened outside it needs a stated reason")
        ->envname("ANSINH_PERIODIC_REVIEW_WINDOW")
        ->capture_default_str();
    app.add_option("--max-unreviewed-list-percent", max_unreviewed_list_percent,
                   "The share of a periodic round's list (households still in the ward) its approval "
                   "may leave without a new result, carried over or excluded; rounded up")
        ->envname("ANSINH_MAX_UNREVIEWED_LIST_PERCENT")
        ->check(CLI::Range(0, 100))
        ->capture_default_str();
  });

  // No transaction of classification spans hash slots, whatever the number
  // of partitions (docs/operations.md, "Redis Cluster"): its connections
  // refuse one that would, and a WATCH in another slot than its
  // transaction, on a single node as a cluster would.
  config.redis_check_single_slot = true;

  Result<StandardCatalog> catalog = LoadStandardsFromDirectory(standards_dir);
  if (!catalog.ok()) {
    spdlog::critical("classification cannot start: the poverty standards do not load: {}",
                     catalog.error().message);
    return 2;
  }
  spdlog::info("standards loaded from {}: {}", standards_dir, catalog->CoverageDescription());

  PostingPolicy posting;
  posting.complaint_window_working_days = complaint_window_days;
  for (const std::string& text : holiday_texts) {
    const std::optional<CivilDate> holiday = ParseIsoDate(text);
    if (!holiday) {
      spdlog::critical("classification cannot start: --holidays: \"{}\" is not a date YYYY-MM-DD", text);
      return 2;
    }
    posting.holidays.push_back(*holiday);
  }
  Result<ReviewWindow> window = ParseReviewWindow(window_text);
  if (!window.ok()) {
    spdlog::critical("classification cannot start: --periodic-review-window: {}", window.error().message);
    return 2;
  }
  spdlog::info(
      "periodic reviews are held {} each year; an approval may leave {}% of a round's list without a "
      "new result",
      FormatReviewWindow(window.value()), max_unreviewed_list_percent);
  std::optional<CivilDate> today_override;
  if (!today_override_text.empty()) {
    today_override = ParseIsoDate(today_override_text);
    if (!today_override) {
      spdlog::critical("classification cannot start: --today-override must be a date YYYY-MM-DD, not \"{}\"",
                       today_override_text);
      return 2;
    }
    spdlog::warn("testing aid active: the ward's today is fixed at {}", today_override_text);
  }

  try {
    const ClassificationEnvironment environment{catalog.value(), ClassificationKeys(config.partitions),
                                                posting, WardClock(today_override),
                                                ReviewPolicy{window.value(), max_unreviewed_list_percent}};
    server::ServiceHost host(config);
    events::CheckPartitionCountAtStart(host.RedisOptionsFor("startup"), config.partitions,
                                       std::chrono::seconds(30));
    {
      redis::Connection startup(host.RedisOptionsFor("startup"));
      const ClassificationKeyMigration moved = MigrateClassificationKeys(startup, environment.keys);
      if (moved.keys_renamed > 0 || moved.entries_spread > 0) {
        spdlog::info("moved {} round keys and {} entries ({} rounds) to their hash-tagged keys",
                     moved.keys_renamed, moved.entries_spread, moved.rounds_spread);
      }
      if (moved.partitions_given > 0) {
        spdlog::info("gave the open rounds of an earlier version to the partitions ({} entries)",
                     moved.partitions_given);
      }
    }
    host.executor().SetPersonalDataReadRecorder(
        server::PublishingReadRecorder(std::string(events::kClassificationSource), config.partitions));
    ClassificationService service(host.executor(), environment);
    host.AddService(&service);
    for (const std::string& stream : environment.keys.PublishedStreams()) host.AddPublishedStream(stream);

    RegistryEventHandler registry_handler(environment);
    events::RunnerOptions options;
    options.group = "classification";
    options.consumer = events::ConsumerInstanceName(config.consumer_name, instance_id);
    options.max_deliveries = config.max_deliveries;
    options.claim_min_idle = std::chrono::milliseconds(config.claim_idle_ms);
    host.AddConsumer(std::make_unique<events::ConsumerRunner>(
        host.RedisOptionsFor("consumer"), options, environment.keys.RegistryStreams(), registry_handler));

    PendingWorkFinisher finisher(host.RedisOptionsFor("pending-work"), environment,
                                 std::chrono::seconds(pending_check_seconds));
    finisher.Start();
    const int exit_code = host.Run();
    finisher.Stop();
    return exit_code;
  } catch (const std::exception& error) {
    spdlog::critical("classification cannot start: {}", error.what());
    return 2;
  }
}
