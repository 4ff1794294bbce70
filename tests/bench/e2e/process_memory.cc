#include "process_memory.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace ansinh::bench {

int64_t PeakResidentBytes(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) != 0) continue;
    std::istringstream fields(line.substr(6));
    int64_t kib = 0;
    fields >> kib;
    return kib * 1024;
  }
  return 0;
}

double CpuSecondsOfStat(const std::string& stat, long ticks_per_second) {
  // The command name (field 2) is in parentheses and may hold spaces: the
  // fields after the last ')' are 3, 4, ...; utime and stime are 14 and 15.
  const size_t close = stat.rfind(')');
  if (close == std::string::npos || ticks_per_second <= 0) return 0;
  std::istringstream fields(stat.substr(close + 1));
  std::string field;
  double ticks = 0;
  for (int number = 3; number <= 15 && fields >> field; ++number) {
    if (number >= 14) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(ticks_per_second);
}

double CpuSeconds(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(file, stat)) return 0;
  return CpuSecondsOfStat(stat, sysconf(_SC_CLK_TCK));
}

}  // namespace ansinh::bench
