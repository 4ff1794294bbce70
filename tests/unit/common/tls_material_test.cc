// TLS material checks on real PEM files made with the openssl CLI: a
// certificate with its own key loads; a foreign key, a non-PEM file, a
// missing file or half a pair is refused with a sentence naming the flag.
#include "config/tls_material.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace ansinh::config {
namespace {

using ::testing::HasSubstr;

// Two self-signed P-256 certificates with their keys, made once.
class TlsMaterialTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     ("ansinh-tls-material-" + std::to_string(::getpid())));
    std::filesystem::create_directories(*dir_);
    for (const char* name : {"a", "b"}) {
      const std::string command =
          "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
          "-subj /CN=" +
          std::string(name) + " -keyout " + Path(std::string(name) + ".key") + " -out " +
          Path(std::string(name) + ".pem") + " >/dev/null 2>&1";
      ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }
    std::ofstream(Path("garbage.pem")) << "this is not PEM\n";
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static std::string Path(const std::string& name) { return (*dir_ / name).string(); }

  static std::filesystem::path* dir_;
};
std::filesystem::path* TlsMaterialTest::dir_ = nullptr;

TEST_F(TlsMaterialTest, NoFilesMeansPlaintext) {
  const TlsLoad server = LoadServerTls("", "", "");
  EXPECT_TRUE(server.ok());
  EXPECT_FALSE(server.tls.has_value());
  const TlsLoad client = LoadClientTls("", "", "");
  EXPECT_TRUE(client.ok());
  EXPECT_FALSE(client.tls.has_value());
}

TEST_F(TlsMaterialTest, AServerCertificateWithItsKeyLoads) {
  const TlsLoad load = LoadServerTls(Path("a.pem"), Path("a.key"), "");
  ASSERT_TRUE(load.ok()) << load.error;
  ASSERT_TRUE(load.tls.has_value());
  EXPECT_THAT(load.tls->certificate_chain, HasSubstr("BEGIN CERTIFICATE"));
  EXPECT_THAT(load.tls->private_key, HasSubstr("PRIVATE KEY"));
  EXPECT_TRUE(load.tls->trusted_ca.empty());

  const TlsLoad mutual = LoadServerTls(Path("a.pem"), Path("a.key"), Path("b.pem"));
  ASSERT_TRUE(mutual.ok()) << mutual.error;
  EXPECT_THAT(mutual.tls->trusted_ca, HasSubstr("BEGIN CERTIFICATE"));
}

TEST_F(TlsMaterialTest, ServerRefusals) {
  struct Case {
    std::string cert, key, client_ca, says;
  };
  const std::vector<Case> cases{
      {Path("a.pem"), Path("b.key"), "", "does not belong to the certificate"},
      {Path("garbage.pem"), Path("a.key"), "", "holds no PEM certificate"},
      {Path("a.pem"), Path("garbage.pem"), "", "holds no unencrypted PEM private key"},
      {Path("a.pem"), Path("a.key"), Path("garbage.pem"), "--tls-client-ca-file"},
      {Path("a.pem"), Path("a.key"), Path("missing.pem"), "cannot read " + Path("missing.pem")},
      {Path("a.pem"), "", "", "--tls-cert-file is given without --tls-key-file"},
      {"", "", Path("b.pem"), "--tls-client-ca-file needs --tls-cert-file"},
  };
  for (const Case& c : cases) {
    const TlsLoad load = LoadServerTls(c.cert, c.key, c.client_ca);
    EXPECT_FALSE(load.ok()) << c.says;
    EXPECT_FALSE(load.tls.has_value()) << c.says;
    EXPECT_THAT(load.error, HasSubstr(c.says));
  }
}

TEST_F(TlsMaterialTest, ClientWithACaOnlyOrACaAndACertificate) {
  const TlsLoad ca_only = LoadClientTls(Path("a.pem"), "", "");
  ASSERT_TRUE(ca_only.ok()) << ca_only.error;
  ASSERT_TRUE(ca_only.tls.has_value());
  EXPECT_TRUE(ca_only.tls->certificate_chain.empty());

  const TlsLoad with_cert = LoadClientTls(Path("a.pem"), Path("b.pem"), Path("b.key"));
  ASSERT_TRUE(with_cert.ok()) << with_cert.error;
  EXPECT_FALSE(with_cert.tls->private_key.empty());

  // A certificate without a CA file: TLS with the system roots.
  const TlsLoad system_roots = LoadClientTls("", Path("b.pem"), Path("b.key"));
  ASSERT_TRUE(system_roots.ok()) << system_roots.error;
  EXPECT_TRUE(system_roots.tls.has_value());
  EXPECT_TRUE(system_roots.tls->trusted_ca.empty());

  EXPECT_THAT(LoadClientTls(Path("garbage.pem"), "", "").error, HasSubstr("--tls-ca-file"));
  EXPECT_THAT(LoadClientTls("", "", Path("b.key")).error,
              HasSubstr("--tls-key-file is given without --tls-cert-file"));
}

}  // namespace
}  // namespace ansinh::config
