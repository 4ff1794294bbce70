#pragma once

#include <sys/types.h>

#include <cstdint>

namespace ansinh::bench {

// The peak resident memory of a live process (VmHWM in /proc/<pid>/status),
// in bytes; 0 when it cannot be read.
int64_t PeakResidentBytes(pid_t pid);

}  // namespace ansinh::bench
