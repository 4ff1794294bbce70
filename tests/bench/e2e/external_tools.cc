#include "external_tools.h"

#include <cstdio>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace ansinh::bench {
namespace {

constexpr int kXaddPipeline = 64;
constexpr int kXaddClients = 8;

// The standard output of `command` (run by /bin/sh); throws when it fails.
std::string Capture(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) throw std::runtime_error("cannot run: " + command);
  std::string output;
  char buffer[4096];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0) output.append(buffer, got);
  if (::pclose(pipe.release()) != 0) throw std::runtime_error("failed: " + command);
  return output;
}

}  // namespace

XaddLimit MeasurePipelinedXadd(int port, const std::string& password, int64_t requests) {
  XaddLimit limit;
  limit.requests = requests;
  limit.pipeline = kXaddPipeline;
  limit.clients = kXaddClients;
  // redis-benchmark takes the password only as -a (it ignores REDISCLI_AUTH);
  // acceptable here: the benchmark's Redis is private and thrown away.
  std::ostringstream command;
  command << "redis-benchmark -h 127.0.0.1 -p " << port << " -a '" << password << "' -n " << requests
          << " -P " << kXaddPipeline << " -c " << kXaddClients
          << " --csv XADD ansinh:bench:xadd '*' household HH-000001 type BenchEvent 2>/dev/null";
  // --csv prints a header line, then "name","rps",...
  std::istringstream lines(Capture(command.str()));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("\"XADD", 0) != 0) continue;
    const size_t rps_start = line.find(",\"");
    if (rps_start == std::string::npos) break;
    limit.requests_per_second = std::stod(line.substr(rps_start + 2));
  }
  if (limit.requests_per_second <= 0) throw std::runtime_error("redis-benchmark reported no XADD rate");
  return limit;
}

nlohmann::json RunMicroBenchmarks(const std::string& bin_dir) {
  return nlohmann::json::parse(
      Capture("'" + bin_dir + "/ansinh-microbench' --benchmark_format=json 2>/dev/null"));
}

}  // namespace ansinh::bench
