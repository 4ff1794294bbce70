#include "metrics_scrape.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <limits>
#include <regex>
#include <sstream>

namespace ansinh::bench {

std::string FetchMetrics(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    const std::string request = "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
      char buffer[16384];
      ssize_t got = 0;
      while ((got = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
        response.append(buffer, static_cast<size_t>(got));
    }
  }
  ::close(fd);
  const size_t body = response.find("\r\n\r\n");
  return body == std::string::npos ? std::string() : response.substr(body + 4);
}

std::map<std::string, std::vector<CumulativeBucket>> HistogramBuckets(const std::string& exposition,
                                                                      const std::string& name,
                                                                      const std::string& label) {
  // Series that differ in other labels (e.g. the source stream) are summed.
  std::map<std::string, std::map<double, double>> counts;
  const std::regex label_value(label + "=\"([^\"]*)\"");
  const std::regex upper_bound("le=\"([^\"]*)\"");
  std::istringstream lines(exposition);
  std::string line;
  const std::string prefix = name + "_bucket{";
  while (std::getline(lines, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    const size_t close = line.rfind('}');
    if (close == std::string::npos) continue;
    const std::string labels = line.substr(prefix.size(), close - prefix.size());
    std::smatch value_match;
    std::smatch bound_match;
    if (!std::regex_search(labels, value_match, label_value) ||
        !std::regex_search(labels, bound_match, upper_bound)) {
      continue;
    }
    const double bound =
        bound_match[1] == "+Inf" ? std::numeric_limits<double>::infinity() : std::stod(bound_match[1]);
    counts[value_match[1]][bound] += std::stod(line.substr(close + 1));
  }
  std::map<std::string, std::vector<CumulativeBucket>> by_label;
  for (const auto& [value, buckets] : counts) {
    for (const auto& [bound, count] : buckets) by_label[value].push_back({bound, count});
  }
  return by_label;
}

}  // namespace ansinh::bench
