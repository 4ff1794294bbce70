// ansinh-registry: households, members and review surveys, the system of record.
#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

#include "events/event_publisher.h"
#include "events/partition_config.h"
#include "events/stream_names.h"
#include "registry/adapters/account_service.h"
#include "registry/adapters/consumer_grants_service.h"
#include "registry/adapters/correction_service.h"
#include "registry/adapters/events_service.h"
#include "registry/adapters/index_migration.h"
#include "registry/adapters/registry_service.h"
#include "registry/adapters/retention_job.h"
#include "registry/adapters/token_admin_service.h"
#include "registry/core/household_validation.h"
#include "server/personal_data_reads.h"
#include "server/service_host.h"
#include "server/shutdown_signal.h"
#include "standards/standard_loader.h"

int main(int argc, char** argv) {
  using namespace ansinh;
  server::BlockShutdownSignals();
  std::string area_type = "urban";
  std::string standards_dir = ANSINH_DEFAULT_STANDARDS_DIR;
  std::string retention_file = ANSINH_DEFAULT_RETENTION_FILE;
  int retention_check_seconds = 86400;
  std::string today_override_text;
  registry::WardSettings ward;
  config::ServiceConfig config = server::ParseServiceFlags("registry", argc, argv, [&](CLI::App& app) {
    app.add_option("--area-type", area_type, "The ward's area type: urban (phường) or rural (xã)")
        ->envname("ANSINH_AREA_TYPE")
        ->check(CLI::IsMember({"urban", "rural"}))
        ->capture_default_str();
    app.add_option("--max-import-rows", ward.max_import_rows,
                   "The most rows one ImportHouseholds stream may carry; the row past it ends the import")
        ->envname("ANSINH_MAX_IMPORT_ROWS")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--standards-dir", standards_dir,
                   "Directory of the poverty standards (*.textproto), the classification service's: what "
                   "each needs a survey to record, validated at start-up")
        ->envname("ANSINH_STANDARDS_DIR")
        ->capture_default_str();
    app.add_option("--retention-file", retention_file,
                   "The ward's retention periods per data category (JSON; docs/data-protection.md, "
                   "\"Retention\")")
        ->envname("ANSINH_RETENTION_FILE")
        ->capture_default_str();
    app.add_option("--retention-check-seconds", retention_check_seconds,
                   "How often the retention job erases the households whose period after leaving has ended")
        ->envname("ANSINH_RETENTION_CHECK_SECONDS")
        ->check(CLI::Range(1, 7 * 86400))
        ->capture_default_str();
    app.add_option("--today-override", today_override_text,
                   "Testing and rehearsal aid: take this YYYY-MM-DD as the ward's today for dates and "
                   "retention (never in production)")
        ->envname("ANSINH_TODAY_OVERRIDE");
    app.add_option("--national-id-claim-seconds", ward.claim_lifetime_seconds,
                   "How long a CCCD claim stays pending before another household may take over a claim whose "
                   "household never took the number (a crash between the two steps of a write)")
        ->envname("ANSINH_NATIONAL_ID_CLAIM_SECONDS")
        ->check(CLI::Range(2, 3600))
        ->capture_default_str();
  });
  // Every registry transaction stays in one hash slot (docs/registry.md,
  // "Redis keys"): a single node refuses one that does not, as a cluster would.
  config.redis_check_single_slot = true;
  ward.area_type = area_type == "rural" ? v1::AREA_TYPE_RURAL : v1::AREA_TYPE_URBAN;
  ward.partitions = config.partitions;
  Result<StandardCatalog> standards = LoadStandardsFromDirectory(standards_dir);
  if (!standards.ok()) {
    spdlog::critical("registry cannot start: the poverty standards do not load: {}",
                     standards.error().message);
    return 2;
  }
  ward.survey_rules = std::make_shared<const registry::SurveyRules>(*standards);
  if (ward.survey_rules->nutrition_under_age() > registry::kNutritionRequiredUnderAge) {
    spdlog::critical(
        "registry cannot start: a standard's nutrition indicator counts children under {}, but the registry "
        "keeps a nutrition status only for members under {}",
        ward.survey_rules->nutrition_under_age(), registry::kNutritionRequiredUnderAge);
    return 2;
  }
  spdlog::info("standards loaded from {}: {}", standards_dir, standards->CoverageDescription());
  if (!today_override_text.empty()) {
    const std::optional<CivilDate> today = ParseIsoDate(today_override_text);
    if (!today) {
      spdlog::critical("registry cannot start: --today-override must be a date YYYY-MM-DD, not \"{}\"",
                       today_override_text);
      return 2;
    }
    ward.clock = WardClock(today);
    spdlog::warn("testing aid active: the ward's today is fixed at {}", today_override_text);
  }
  {
    std::ifstream file(retention_file);
    std::ostringstream text;
    text << file.rdbuf();
    Result<registry::RetentionPolicy> policy = registry::ParseRetentionPolicy(text.str());
    if (!file || !policy.ok()) {
      spdlog::critical("registry cannot start: the retention file {} does not load: {}", retention_file,
                       file ? policy.error().message : "cannot be read");
      return 2;
    }
    ward.retention = std::make_shared<const registry::RetentionPolicy>(std::move(policy).value());
    spdlog::info("retention: personal data of a household erased {} years after it leaves the ward",
                 ward.retention->DepartedHouseholdYears());
  }
  try {
    server::ServiceHost host(config);
    ward.key_ring = host.key_ring();
    events::CheckPartitionCountAtStart(host.RedisOptionsFor("startup"), config.partitions,
                                       std::chrono::seconds(30));
    {
      redis::Connection redis(host.RedisOptionsFor("startup"));
      const registry::RegistryKeys keys(config.partitions);
      if (const int64_t moved = registry::MigrateWardIndexes(redis, keys, ward.key_ring.get()); moved > 0) {
        spdlog::info("moved the ward-wide indexes of {} households to their partitions", moved);
      }
      if (const int64_t compacted = registry::CompactNameIndexes(redis, keys); compacted > 0) {
        spdlog::info("rewrote {} names index entries of an earlier version, one per household", compacted);
      }
    }
    host.executor().SetPersonalDataReadRecorder(
        server::PublishingReadRecorder(std::string(events::kRegistrySource), config.partitions));
    registry::RegistryService service(host.executor(), ward);
    host.AddService(&service);
    registry::CorrectionService corrections(host.executor(), ward);
    host.AddService(&corrections);
    registry::TokenAdminService token_admin(host.executor(), config.partitions);
    host.AddService(&token_admin);
    registry::AccountsService accounts(host.executor(), config.partitions);
    host.AddService(&accounts);
    // Outside consumers (docs/events.md, "Outside consumers").
    registry::ConsumerGrantsService grants(host.executor(), config.partitions);
    host.AddService(&grants);
    const registry::RegistryKeys subscription_keys(config.partitions);
    registry::EventsService events_service(host.executor(),
                                           {.partitions = config.partitions,
                                            .keys = &subscription_keys,
                                            .key_ring = ward.key_ring.get(),
                                            .claim_lifetime_seconds = ward.claim_lifetime_seconds,
                                            .stopping = &host.stopping()});
    host.AddService(&events_service);
    for (const auto& stream : events::EventPublisher(events::kRegistrySource, config.partitions).Streams()) {
      host.AddPublishedStream(stream);
    }
    registry::RetentionScheduler retention(host.RedisOptionsFor("retention"), ward,
                                           std::chrono::seconds(retention_check_seconds));
    retention.Start();
    const int exit_code = host.Run();
    retention.Stop();
    return exit_code;
  } catch (const std::exception& error) {
    spdlog::critical("registry cannot start: {}", error.what());
    return 2;
  }
}
