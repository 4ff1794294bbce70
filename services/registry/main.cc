// ansinh-registry: households, members and review surveys, the system of record.
#include "registry/adapters/registry_service.h"
#include "server/service_host.h"
#include "server/shutdown_signal.h"
#include "events/event_publisher.h"
#include <spdlog/spdlog.h>

int main(int argc, char** argv) {
  using namespace ansinh;
  server::BlockShutdownSignals();
  std::string area_type = "urban";
  config::ServiceConfig config = server::ParseServiceFlags("registry", argc, argv, [&](CLI::App& app) {
    app.add_option("--area-type", area_type, "The ward's area type: urban (phường) or rural (xã)")
        ->envname("ANSINH_AREA_TYPE")
        ->check(CLI::IsMember({"urban", "rural"}))
        ->capture_default_str();
  });
  registry::WardSettings ward;
  ward.area_type = area_type == "rural" ? v1::AREA_TYPE_RURAL : v1::AREA_TYPE_URBAN;
  ward.partitions = config.partitions;
  try {
    server::ServiceHost host(config);
    registry::RegistryService service(host.executor(), ward);
    host.AddService(&service);
    for (const auto& stream : events::EventPublisher(events::kRegistrySource, config.partitions).Streams()) {
      host.AddPublishedStream(stream);
    }
    return host.Run();
  } catch (const std::exception& error) {
    spdlog::critical("registry cannot start: {}", error.what());
    return 2;
  }
}
