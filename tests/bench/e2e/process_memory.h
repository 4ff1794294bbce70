#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace ansinh::bench {

// The peak resident memory of a live process (VmHWM in /proc/<pid>/status),
// in bytes; 0 when it cannot be read.
int64_t PeakResidentBytes(pid_t pid);

// The CPU time a live process has used so far, user plus system, all its
// threads (utime and stime of /proc/<pid>/stat), in seconds; 0 when it
// cannot be read.
double CpuSeconds(pid_t pid);

// The same from the text of a /proc/<pid>/stat file; pure, unit-tested.
double CpuSecondsOfStat(const std::string& stat, long ticks_per_second);

}  // namespace ansinh::bench
