// The service's constructor and destructor, compiled once here rather than in
// every file that builds the service (assignment_service.h says why).
#include "assignment/adapters/assignment_service.h"

namespace ansinh::assignment {

AssignmentService::AssignmentService(server::RequestExecutor& executor,
                                     const AssignmentEnvironment& environment)
    : executor_(executor), environment_(environment) {}

AssignmentService::~AssignmentService() = default;

}  // namespace ansinh::assignment
