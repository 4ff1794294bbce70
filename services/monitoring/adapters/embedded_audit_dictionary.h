#pragma once

#include <string_view>

namespace ansinh::monitoring {

// The bytes of services/monitoring/dictionaries/audit-entries-<id>.zdict,
// compiled in (services/monitoring/adapters/CMakeLists.txt).
std::string_view EmbeddedAuditDictionary();

}  // namespace ansinh::monitoring
