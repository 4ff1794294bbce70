// gRPC over TLS: the registry with a certificate from a test CA made by the
// openssl CLI; clients that trust that CA get in, plaintext clients and
// clients trusting another CA do not. With --tls-client-ca-file the registry
// also requires a client certificate from its CA. The `ansinh` CLI speaks
// TLS with --tls-ca-file (and --tls-cert-file/--tls-key-file). A service
// given half a TLS configuration refuses to start and says why.
#include <gtest/gtest.h>

#include <filesystem>

#include "ansinh/v1/registry.grpc.pb.h"
#include "household_builders.h"
#include "redis_server.h"
#include "security_test_support.h"
#include "service_process.h"
#include "test_tokens.h"

namespace ansinh {
namespace {

using security_testing::AnsinhCli;
using security_testing::CommandRun;
using security_testing::RunCommand;
using security_testing::TestCertificates;
using testkit::AuthorizedContext;
using testkit::ClientTlsFiles;
using testkit::ServerTlsFiles;
using testkit::TestChannel;
using testkit::TlsCredentials;

class RegistryTlsTest : public ::testing::Test {
 protected:
  void SetUp() override { redis_.Start(); }

  // The registry serving TLS; `require_client_cert` adds --tls-client-ca-file.
  void StartRegistry(bool require_client_cert) {
    ServerTlsFiles server{certs_.server.cert_file, certs_.server.key_file,
                          require_client_cert ? certs_.ca.cert_file : ""};
    ClientTlsFiles client{certs_.ca.cert_file, require_client_cert ? certs_.client.cert_file : "",
                          require_client_cert ? certs_.client.key_file : ""};
    registry_.EnableTls(server, client);
    registry_.Start();
  }

  // CreateHousehold over `channel`; its status.
  grpc::Status Create(const std::shared_ptr<grpc::Channel>& channel,
                      v1::CreateHouseholdResponse* response = nullptr) {
    v1::CreateHouseholdRequest request;
    *request.mutable_household() = testkit::OneMemberHousehold();
    v1::CreateHouseholdResponse ignored;
    return v1::Registry::NewStub(channel)->CreateHousehold(
        AuthorizedContext(tokens_.officer, std::chrono::seconds(5)).get(), request,
        response ? response : &ignored);
  }

  // GetHousehold of a household that does not exist: NOT_FOUND proves the
  // call got through; UNAVAILABLE that the connection was refused.
  grpc::StatusCode Probe(std::shared_ptr<grpc::ChannelCredentials> credentials) {
    v1::GetHouseholdRequest request;
    request.set_household_id("HH-999999");
    v1::GetHouseholdResponse response;
    return v1::Registry::NewStub(TestChannel(registry_.address(), std::move(credentials)))
        ->GetHousehold(AuthorizedContext(tokens_.auditor, std::chrono::seconds(3)).get(), request, &response)
        .error_code();
  }

  CommandRun Cli(const std::vector<std::string>& args) {
    std::vector<std::string> argv{AnsinhCli(), "--registry", registry_.address(), "--token", tokens_.auditor,
                                  "--timeout", "5"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  testkit::TempDir dir_;
  testkit::RedisServer redis_{dir_.path()};
  testkit::TestTokens tokens_;
  TestCertificates certs_{dir_.path()};
  testkit::ServiceProcess registry_{"registry", redis_, tokens_.WriteFile(dir_.path()), dir_.path()};
};

TEST_F(RegistryTlsTest, AClientTrustingTheCaIsServed) {
  StartRegistry(/*require_client_cert=*/false);
  v1::CreateHouseholdResponse created;
  const grpc::Status status = Create(registry_.channel(), &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(created.household().code(), "T05-001");
  // The certificate names localhost too, so that name verifies as well.
  grpc::ChannelArguments arguments;
  arguments.SetSslTargetNameOverride("localhost");
  auto by_name = grpc::CreateCustomChannel(registry_.address(), TlsCredentials({certs_.ca.cert_file, "", ""}),
                                           arguments);
  v1::GetHouseholdRequest get;
  get.set_household_id(created.household().household_id());
  v1::GetHouseholdResponse got;
  EXPECT_TRUE(
      v1::Registry::NewStub(by_name)->GetHousehold(AuthorizedContext(tokens_.auditor).get(), get, &got).ok());
}

TEST_F(RegistryTlsTest, PlaintextAndOtherCaClientsAreRefused) {
  StartRegistry(/*require_client_cert=*/false);
  EXPECT_EQ(Probe(TlsCredentials({certs_.ca.cert_file, "", ""})), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Probe(grpc::InsecureChannelCredentials()), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Probe(TlsCredentials({certs_.other_ca.cert_file, "", ""})), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(RegistryTlsTest, MutualTlsRequiresAClientCertificateFromItsCa) {
  StartRegistry(/*require_client_cert=*/true);
  const std::string ca = certs_.ca.cert_file;
  struct Case {
    std::string name;
    ClientTlsFiles files;
    grpc::StatusCode expected;
  };
  const std::vector<Case> cases{
      {"no client certificate", {ca, "", ""}, grpc::StatusCode::UNAVAILABLE},
      {"certificate from another CA",
       {ca, certs_.other_client.cert_file, certs_.other_client.key_file},
       grpc::StatusCode::UNAVAILABLE},
      {"certificate from the registry's client CA",
       {ca, certs_.client.cert_file, certs_.client.key_file},
       grpc::StatusCode::NOT_FOUND},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Probe(TlsCredentials(c.files)), c.expected) << c.name;
  }
  EXPECT_EQ(Probe(grpc::InsecureChannelCredentials()), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(Create(registry_.channel()).ok());
}

TEST_F(RegistryTlsTest, TheCliSpeaksTls) {
  if (!std::filesystem::exists(AnsinhCli())) GTEST_SKIP() << "the ansinh CLI is not built";
  StartRegistry(/*require_client_cert=*/false);
  v1::CreateHouseholdResponse created;
  ASSERT_TRUE(Create(registry_.channel(), &created).ok());
  const std::string id = created.household().household_id();

  const CommandRun over_tls = Cli({"--tls-ca-file", certs_.ca.cert_file, "--json", "household", "get", id});
  EXPECT_EQ(over_tls.exit_code, 0) << over_tls.output;
  EXPECT_NE(over_tls.output.find(id), std::string::npos) << over_tls.output;

  const CommandRun plaintext = Cli({"household", "get", id});
  EXPECT_NE(plaintext.exit_code, 0) << plaintext.output;
  EXPECT_EQ(plaintext.output.find("T05-001"), std::string::npos) << plaintext.output;

  const CommandRun wrong_ca = Cli({"--tls-ca-file", certs_.other_ca.cert_file, "household", "get", id});
  EXPECT_NE(wrong_ca.exit_code, 0) << wrong_ca.output;
}

TEST_F(RegistryTlsTest, TheCliPresentsItsClientCertificate) {
  if (!std::filesystem::exists(AnsinhCli())) GTEST_SKIP() << "the ansinh CLI is not built";
  StartRegistry(/*require_client_cert=*/true);
  v1::CreateHouseholdResponse created;
  ASSERT_TRUE(Create(registry_.channel(), &created).ok());
  const std::string id = created.household().household_id();

  const CommandRun with_cert =
      Cli({"--tls-ca-file", certs_.ca.cert_file, "--tls-cert-file", certs_.client.cert_file, "--tls-key-file",
           certs_.client.key_file, "household", "get", id});
  EXPECT_EQ(with_cert.exit_code, 0) << with_cert.output;
  EXPECT_NE(with_cert.output.find("T05-001"), std::string::npos) << with_cert.output;

  const CommandRun without_cert = Cli({"--tls-ca-file", certs_.ca.cert_file, "household", "get", id});
  EXPECT_NE(without_cert.exit_code, 0) << without_cert.output;

  const CommandRun half_pair = Cli({"--tls-ca-file", certs_.ca.cert_file, "--tls-cert-file",
                                    certs_.client.cert_file, "household", "get", id});
  EXPECT_NE(half_pair.exit_code, 0);
  EXPECT_NE(half_pair.output.find("--tls-cert-file is given without --tls-key-file"), std::string::npos)
      << half_pair.output;
}

// A service with half a TLS configuration stops at once (exit 2) with a
// sentence naming the flag, before it listens or touches Redis.
TEST_F(RegistryTlsTest, IncompleteTlsConfigurationRefusesToStart) {
  const std::string bin = std::string(ANSINH_BIN_DIR) + "/ansinh-registry";
  const std::string missing = dir_.path() + "/no-such.pem";
  struct Case {
    std::vector<std::string> flags;
    std::string says;
  };
  const std::vector<Case> cases{
      {{"--tls-cert-file", certs_.server.cert_file}, "--tls-cert-file is given without --tls-key-file"},
      {{"--tls-key-file", certs_.server.key_file}, "--tls-key-file is given without --tls-cert-file"},
      {{"--tls-cert-file", missing, "--tls-key-file", certs_.server.key_file}, "cannot read " + missing},
      {{"--tls-cert-file", certs_.server.cert_file, "--tls-key-file", certs_.client.key_file},
       "does not belong to the certificate"},
      {{"--tls-client-ca-file", certs_.ca.cert_file}, "--tls-client-ca-file needs --tls-cert-file"},
      {{"--tls-cert-file", certs_.server.cert_file, "--tls-key-file", certs_.server.key_file,
        "--tls-client-ca-file", missing},
       "cannot read " + missing},
  };
  for (const Case& c : cases) {
    std::vector<std::string> argv{bin,
                                  "--listen",
                                  "127.0.0.1:0",
                                  "--redis-port",
                                  std::to_string(redis_.port()),
                                  "--tokens-file",
                                  dir_.path() + "/tokens.json"};
    argv.insert(argv.end(), c.flags.begin(), c.flags.end());
    const CommandRun run = RunCommand(argv);
    EXPECT_EQ(run.exit_code, 2) << c.says << "\n" << run.output;
    EXPECT_NE(run.output.find(c.says), std::string::npos) << run.output;
  }
}

// The TLS key is a secret: a key file others can read stops the start,
// naming the file and the fix.
TEST_F(RegistryTlsTest, AKeyFileOthersCanReadRefusesToStart) {
  const std::string readable_key = dir_.path() + "/readable-server.key";
  std::filesystem::copy_file(certs_.server.key_file, readable_key);
  std::filesystem::permissions(readable_key,
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                                   std::filesystem::perms::group_read | std::filesystem::perms::others_read,
                               std::filesystem::perm_options::replace);
  const CommandRun run =
      RunCommand({std::string(ANSINH_BIN_DIR) + "/ansinh-registry", "--listen", "127.0.0.1:0", "--redis-port",
                  std::to_string(redis_.port()), "--tokens-file", dir_.path() + "/tokens.json",
                  "--tls-cert-file", certs_.server.cert_file, "--tls-key-file", readable_key});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("--tls-key-file " + readable_key + " (mode 0644) can be read by"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("chmod 600 " + readable_key), std::string::npos) << run.output;
}

}  // namespace
}  // namespace ansinh
