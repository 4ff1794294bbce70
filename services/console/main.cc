// ansinh-console: the staff web console. Serves the web app and a JSON API
// under /api/ whose calls go to the four services with the signed-in user's
// own token (docs/console.md).
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "console/backends.h"
#include "console/console_api.h"
#include "console/console_config.h"
#include "console/console_metrics.h"
#include "console/http_server.h"
#include "console/random_secret.h"
#include "console/session_store.h"
#include "i18n/embedded_catalogs.h"
#include "logging/logging.h"
#include "metrics/metrics_endpoint.h"
#include "metrics/service_metrics.h"
#include "server/ports_file.h"
#include "server/shutdown_signal.h"

namespace {

std::string FirstLineOf(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ansinh;
  using namespace ansinh::console;
  server::BlockShutdownSignals();
  ConsoleConfig config;
  CLI::App app{"ansinh web console"};
  AddConsoleOptions(app, config, ANSINH_CONSOLE_DEFAULT_WEB_DIR, ANSINH_CONSOLE_DEFAULT_LOCALES_DIR);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  try {
    logging::Configure("console", config.log_format, config.log_level);
  } catch (const std::exception& error) {
    spdlog::critical("{}", error.what());
    return 2;
  }
  const std::vector<std::string> problems = ConsoleConfigProblems(config);
  for (const std::string& problem : problems) spdlog::critical("cannot start: {}", problem);
  if (!problems.empty()) return 2;

  try {
    auto vietnamese = i18n::MakeTranslator(i18n::Language::kVietnamese, config.locales_dir);
    auto english = i18n::MakeTranslator(i18n::Language::kEnglish, config.locales_dir);
    if (!vietnamese.ok() || !english.ok()) {
      spdlog::critical("cannot load the catalogs of {}: {}", config.locales_dir,
                       (!vietnamese.ok() ? vietnamese : english).error().message);
      return 2;
    }

    std::unique_ptr<metrics::ServiceMetrics> service_metrics;
    std::unique_ptr<ConsoleMetrics> http_metrics;
    std::unique_ptr<metrics::MetricsEndpoint> metrics_endpoint;
    if (config.metrics_port > 0 || config.metrics_any_port) {
      service_metrics = std::make_unique<metrics::ServiceMetrics>("console");
      http_metrics = std::make_unique<ConsoleMetrics>();
      metrics_endpoint = std::make_unique<metrics::MetricsEndpoint>(
          config.metrics_address, config.metrics_any_port ? 0 : config.metrics_port, *service_metrics);
      metrics_endpoint->AddCollectable(http_metrics->registry());
      spdlog::info("metrics on {}", metrics_endpoint->url());
    }

    const Backends backends(config.backends,
                            BackendCredentials(config.backend_tls_ca_file, config.backend_tls_cert_file,
                                               config.backend_tls_key_file),
                            std::chrono::milliseconds(config.call_deadline_ms), service_metrics.get());
    SessionLimits limits;
    limits.max_sessions = static_cast<std::size_t>(config.max_sessions);
    SessionStore sessions(limits, RandomHex);
    const bool secure = !config.tls_cert_file.empty();
    ConsoleApi api(backends, sessions, *vietnamese, *english,
                   ConsoleApiOptions{FirstLineOf(config.service_token_file), secure, 8},
                   [] { return SessionClock::now(); });

    HttpServerSettings settings;
    SplitListen(config.listen, settings.host, settings.port);
    settings.threads = config.http_threads;
    settings.keep_alive_seconds = config.idle_timeout_seconds;
    settings.tls_cert_file = config.tls_cert_file;
    settings.tls_key_file = config.tls_key_file;
    settings.web_dir = config.web_dir;
    settings.locales_dir = config.locales_dir;
    ConsoleHttpServer server(settings, api, http_metrics.get());
    const int port = server.Bind();
    if (!config.ports_file.empty() &&
        !ansinh::server::WritePortsFile(config.ports_file, "http", port,
                                        metrics_endpoint ? metrics_endpoint->port() : 0)) {
      spdlog::critical("cannot write the ports file {}", config.ports_file);
      return 2;
    }
    spdlog::info(
        "console on {}://{}:{} (web files {}, registry {}, classification {}, assignment {}, monitoring {})",
        secure ? "https" : "http", settings.host, port, config.web_dir, config.backends.registry,
        config.backends.classification, config.backends.assignment, config.backends.monitoring);
    if (!secure && settings.host != "127.0.0.1" && settings.host != "localhost" && settings.host != "::1") {
      spdlog::warn(
          "plain HTTP on {}: passwords and session cookies cross the network unencrypted; give "
          "--tls-cert-file and --tls-key-file",
          config.listen);
    }

    std::thread serving([&server] { server.Run(); });
    // Expired sessions are dropped when met; this drops the ones never met again.
    std::atomic<bool> stopping{false};
    std::thread pruning([&] {
      while (!stopping) {
        for (int i = 0; i < 600 && !stopping; ++i)
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        sessions.Prune(SessionClock::now());
      }
    });
    const int signal = server::WaitForShutdownSignal();
    spdlog::info("signal {}: stopping", signal);
    server.Stop();
    serving.join();
    stopping = true;
    pruning.join();
    spdlog::info("console stopped");
    return 0;
  } catch (const std::exception& error) {
    spdlog::critical("console cannot start: {}", error.what());
    return 2;
  }
}
