#pragma once

// Shared by the registry_tls_, registry_redis_acl_ and registry_secrets_
// integration tests: certificates made with the `openssl` CLI at test time,
// the `ansinh` CLI run as a child process, and file and log helpers.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "eventually.h"
namespace ansinh::security_testing {

using testkit::Eventually;

inline const std::string& AnsinhCli() {
  static const std::string path = std::string(ANSINH_BIN_DIR) + "/ansinh";
  return path;
}

// Single-quoted for /bin/sh.
inline std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

struct CommandRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs argv through /bin/sh with a 30 s limit (`timeout` kills a hung run).
inline CommandRun RunCommand(const std::vector<std::string>& argv) {
  std::string command = "timeout 30";
  for (const auto& arg : argv) command += " " + ShellQuote(arg);
  command += " 2>&1";
  CommandRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer{};
  size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.output.append(buffer.data(), read);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

inline void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A certificate and its key, as PEM files.
struct KeyPair {
  std::string cert_file;
  std::string key_file;
};

// Two unrelated CAs made with the openssl CLI (P-256 keys, one day of
// validity): `ca` signs a server certificate for 127.0.0.1 and localhost and
// a client certificate; `other_ca` signs a client certificate of its own.
class TestCertificates {
 public:
  explicit TestCertificates(const std::string& dir) : dir_(dir + "/pki") {
    std::filesystem::create_directories(dir_);
    WriteFile(dir_ + "/server.ext",
              "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
              "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n");
    WriteFile(dir_ + "/client.ext",
              "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n");
    ca = MakeCa("ca", "/CN=ansinh test CA");
    other_ca = MakeCa("other-ca", "/CN=unrelated test CA");
    server = Issue("server", "/CN=localhost", ca, "server.ext", 2);
    client = Issue("client", "/CN=ward-officer-laptop", ca, "client.ext", 3);
    other_client = Issue("other-client", "/CN=stranger", other_ca, "client.ext", 4);
  }

  KeyPair ca;
  KeyPair other_ca;
  KeyPair server;
  KeyPair client;
  KeyPair other_client;

 private:
  KeyPair MakeCa(const std::string& name, const std::string& subject) {
    KeyPair pair{dir_ + "/" + name + ".pem", dir_ + "/" + name + ".key"};
    Openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
             pair.key_file, "-out", pair.cert_file, "-days", "1", "-subj", subject});
    return pair;
  }

  KeyPair Issue(const std::string& name, const std::string& subject, const KeyPair& issuer,
                const std::string& extensions, int serial) {
    KeyPair pair{dir_ + "/" + name + ".pem", dir_ + "/" + name + ".key"};
    const std::string request = dir_ + "/" + name + ".csr";
    Openssl({"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
             pair.key_file, "-out", request, "-subj", subject});
    Openssl({"x509", "-req", "-in", request, "-CA", issuer.cert_file, "-CAkey", issuer.key_file,
             "-set_serial", std::to_string(serial), "-days", "1", "-out", pair.cert_file, "-extfile",
             dir_ + "/" + extensions});
    return pair;
  }

  static void Openssl(std::vector<std::string> args) {
    args.insert(args.begin(), "openssl");
    const CommandRun run = RunCommand(args);
    if (run.exit_code != 0) throw std::runtime_error("openssl failed: " + run.output);
  }

  std::string dir_;
};

}  // namespace ansinh::security_testing
