#include "metrics/metrics_endpoint.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <stdexcept>

#include "http_get.h"
#include "prometheus_text.h"

namespace ansinh::metrics {
namespace {

// A loopback socket listening on a port the kernel chose; closed on scope exit.
class ListeningSocket {
 public:
  ListeningSocket() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    listen(fd_, 4);
    socklen_t length = sizeof(address);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~ListeningSocket() { close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

int UnusedPort() {
  ListeningSocket probe;
  return probe.port();
}

TEST(MetricsEndpointTest, ServesTheExpositionOverHttp) {
  ServiceMetrics metrics("registry");
  metrics.RecordRpc("ansinh.v1.Registry/GetHousehold", "OK", std::chrono::milliseconds(1));
  metrics.SetRedisUp(true);
  const int port = UnusedPort();
  MetricsEndpoint endpoint("127.0.0.1", port, metrics);
  EXPECT_EQ(endpoint.port(), port);
  EXPECT_EQ(endpoint.url(), "http://127.0.0.1:" + std::to_string(port) + "/metrics");

  const auto response = testkit::HttpGet(port, "/metrics");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(testkit::SampleValue(response->body, "ansinh_rpc_requests_total",
                                 {{"method", "ansinh.v1.Registry/GetHousehold"}, {"code", "OK"}}),
            1);
  EXPECT_EQ(testkit::SampleValue(response->body, "ansinh_redis_up", {{"service", "registry"}}), 1);
  EXPECT_TRUE(testkit::SampleValue(response->body, "ansinh_process_resident_memory_bytes"));
}

TEST(MetricsEndpointTest, RefusesAPortAlreadyInUseNamingTheAddress) {
  ServiceMetrics metrics("registry");
  ListeningSocket taken;
  try {
    MetricsEndpoint endpoint("127.0.0.1", taken.port(), metrics);
    FAIL() << "bound a port another socket listens on";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("127.0.0.1:" + std::to_string(taken.port())), std::string::npos)
        << error.what();
  }
}

TEST(MetricsEndpointTest, WritesIpv6AddressesInBrackets) {
  EXPECT_EQ(HostPort("127.0.0.1", 9101), "127.0.0.1:9101");
  EXPECT_EQ(HostPort("localhost", 9101), "localhost:9101");
  EXPECT_EQ(HostPort("::1", 9101), "[::1]:9101");
  EXPECT_EQ(HostPort("[::1]", 9101), "[::1]:9101");
}

}  // namespace
}  // namespace ansinh::metrics
