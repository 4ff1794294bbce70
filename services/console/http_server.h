#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace ansinh::console {

class ConsoleApi;
class ConsoleMetrics;

struct HttpServerSettings {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: one the system picks (Bind returns it)
  // A fixed pool: each open connection holds a thread while it is served and
  // while it idles in keep-alive, so idle connections are closed quickly.
  int threads = 64;
  int keep_alive_seconds = 5;
  int keep_alive_max_requests = 100;
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 10;
  // Request bodies: an import chunk, and everything else.
  std::size_t max_import_bytes = 8 * 1024 * 1024;
  std::size_t max_body_bytes = 256 * 1024;
  // Both set: HTTPS.
  std::string tls_cert_file;
  std::string tls_key_file;
  std::filesystem::path web_dir;
  std::filesystem::path locales_dir;
};

// The console's HTTP(S) server on cpp-httplib: the web app's files, the
// catalogs, /healthz and the API (ConsoleApi). The only translation unit
// that includes httplib.h.
class ConsoleHttpServer {
 public:
  // `metrics` may be null.
  ConsoleHttpServer(HttpServerSettings settings, ConsoleApi& api, ConsoleMetrics* metrics);
  ~ConsoleHttpServer();

  // Binds the listening socket; returns the port. Throws std::runtime_error
  // naming the address (or the TLS files) when it cannot.
  int Bind();
  // Serves until Stop; call after Bind, on its own thread.
  void Run();
  // Returns once Run has returned. Safe from the moment Run's thread is
  // started, even before Run is entered (a signal may come that early).
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ansinh::console
