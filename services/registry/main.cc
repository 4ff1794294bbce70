// ansinh-registry: households, members and review surveys, the system of record.
#include <spdlog/spdlog.h>
#include "events/event_publisher.h"
#include "events/partition_config.h"
#include "registry/adapters/registry_service.h"
#include "registry/adapters/token_admin_service.h"
#include "server/service_host.h"
#include "server/shutdown_signal.h"

int main(int argc, char** argv) {
  using namespace ansinh;
  server::BlockShutdownSignals();
  std::string area_type = "urban";
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
  });
  ward.area_type = area_type == "rural" ? v1::AREA_TYPE_RURAL : v1::AREA_TYPE_URBAN;
  ward.partitions = config.partitions;
  try {
    server::ServiceHost host(config);
    events::CheckPartitionCountAtStart(host.RedisOptionsFor("startup"), config.partitions,
                                       std::chrono::seconds(30));
    registry::RegistryService service(host.executor(), ward);
    host.AddService(&service);
    registry::TokenAdminService token_admin(host.executor());
    host.AddService(&token_admin);
    for (const auto& stream : events::EventPublisher(events::kRegistrySource, config.partitions).Streams()) {
      host.AddPublishedStream(stream);
    }
    return host.Run();
  } catch (const std::exception& error) {
    spdlog::critical("registry cannot start: {}", error.what());
    return 2;
  }
}
