// A service does not share its port (docs/security.md, "Transport"): gRPC's
// default SO_REUSEPORT would let a second process, a rogue one included,
// listen on the same address and take part of the connections. A second
// registry on a taken address exits non-zero naming the address, and the
// first keeps serving.
#include <gtest/gtest.h>

#include "ansinh/v1/operations.grpc.pb.h"
#include "redis_server.h"
#include "security_test_support.h"
#include "service_process.h"
#include "test_tokens.h"

namespace ansinh {
namespace {

using security_testing::CommandRun;
using security_testing::RunCommand;
using testkit::AuthorizedContext;

TEST(RegistryPort, ASecondProcessOnATakenAddressRefusesToStartAndTheFirstServes) {
  testkit::TempDir dir;
  testkit::RedisServer redis(dir.path());
  redis.Start();
  testkit::TestTokens tokens;
  const std::string tokens_file = tokens.WriteFile(dir.path());
  testkit::ServiceProcess first("registry", redis, tokens_file, dir.path());
  first.Start();
  const std::string taken = first.address();

  const CommandRun second = RunCommand(
      {std::string(ANSINH_BIN_DIR) + "/ansinh-registry", "--listen", taken, "--redis-port",
       std::to_string(redis.port()), "--redis-user", "registry", "--redis-password-file",
       redis.service_password_file("registry"), "--tokens-file", tokens_file, "--consumer-name", "second"});
  // Before SO_REUSEPORT was turned off, the second bound the same port and
  // ran until `timeout` killed it (124).
  EXPECT_EQ(second.exit_code, 3) << second.output;
  EXPECT_NE(second.output.find("cannot listen on " + taken), std::string::npos) << second.output;
  EXPECT_NE(second.output.find("taken by another process"), std::string::npos) << second.output;

  ASSERT_TRUE(first.running()) << first.log();
  EXPECT_EQ(first.Health(), grpc::health::v1::HealthCheckResponse::SERVING);
  v1::GetServiceInfoRequest request;
  v1::ServiceInfo info;
  const grpc::Status status = v1::Operations::NewStub(first.channel())
                                  ->GetServiceInfo(AuthorizedContext(tokens.auditor).get(), request, &info);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(info.service(), "registry");
}

}  // namespace
}  // namespace ansinh
