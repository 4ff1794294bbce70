// ansinh-registry: households, members and review surveys, the system of record.
#include <spdlog/spdlog.h>
#include "events/event_publisher.h"
#include "events/partition_config.h"
#include "events/stream_names.h"
#include "registry/adapters/account_service.h"
#include "registry/adapters/consumer_grants_service.h"
#include "registry/adapters/events_service.h"
#include "registry/adapters/index_migration.h"
#include "registry/adapters/registry_service.h"
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
  std::string personal_data_keys_dir;
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
    app.add_option(
           "--personal-data-keys-dir", personal_data_keys_dir,
           "Directory of the key-encryption keys (*.kek, mode 0600) that wrap the households' data keys: "
           "household records and surveys are stored with their personal fields sealed "
           "(docs/data-protection.md); without it they are stored in clear")
        ->envname("ANSINH_PERSONAL_DATA_KEYS_DIR");
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
  try {
    if (personal_data_keys_dir.empty()) {
      spdlog::warn(
          "no --personal-data-keys-dir: household records and surveys are stored with names, CCCDs, incomes "
          "and health facts in clear (docs/data-protection.md)");
    } else {
      ward.key_ring = std::make_shared<personal_data::KeyRing>(personal_data_keys_dir);
      spdlog::info("personal fields sealed at rest; key-encryption keys in {} (current {})",
                   personal_data_keys_dir, ward.key_ring->Current().id);
    }
    server::ServiceHost host(config);
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
    return host.Run();
  } catch (const std::exception& error) {
    spdlog::critical("registry cannot start: {}", error.what());
    return 2;
  }
}
