// The service's constructor and destructor, compiled once here rather than in
// every file that builds the service (classification_service.h says why).
#include "classification/adapters/classification_service.h"

namespace ansinh::classification {

ClassificationService::ClassificationService(server::RequestExecutor& executor,
                                             const ClassificationEnvironment& environment)
    : executor_(executor), environment_(environment) {}

ClassificationService::~ClassificationService() = default;

}  // namespace ansinh::classification
