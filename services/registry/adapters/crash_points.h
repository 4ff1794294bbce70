#pragma once

#include <string_view>

namespace ansinh::registry {

// A test aid: when the environment variable ANSINH_REGISTRY_CRASH_AT names
// `point`, the process ends at once there, as a kill -9 would end it, so an
// integration test can stop the registry between two single-slot steps
// (after a CCCD claim, before the household's write) and check that nothing
// stays blocked. Unset (always, outside tests), it does nothing.
void CrashPointForTests(std::string_view point);

}  // namespace ansinh::registry
