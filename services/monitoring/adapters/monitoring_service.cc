// The service's constructor and destructor, compiled once here rather than in
// every file that builds the service (monitoring_service.h says why).
#include "monitoring/adapters/monitoring_service.h"

#include <utility>

namespace ansinh::monitoring {

MonitoringService::MonitoringService(server::RequestExecutor& executor, const MonitoringKeys& keys,
                                     v1::MonitoringConfig config, WardClock clock, AuditSettings audit)
    : executor_(executor),
      keys_(keys),
      config_(std::move(config)),
      thresholds_(AlertThresholdsFrom(config_.alert_thresholds())),
      clock_(clock),
      audit_(audit) {}

MonitoringService::~MonitoringService() = default;

}  // namespace ansinh::monitoring
