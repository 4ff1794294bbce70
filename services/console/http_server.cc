// The one translation unit of the console that includes httplib.h (Debian's
// libcpp-httplib-dev is a compiled library; its pkg-config flags, OpenSSL
// support included, apply to every file that includes the header).
#include "console/http_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "console/console_api.h"
#include "console/console_metrics.h"
#include "console/static_files.h"

namespace ansinh::console {
namespace {

// When the request's headers were read, per thread: one thread serves a
// request from its pre-routing handler to its log line.
thread_local std::chrono::steady_clock::time_point request_started;

// Only what the web app needs: its own scripts, styles and images (SVG
// charts and data: icons), nothing inline, never framed.
constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'";

ApiRequest ToApiRequest(const httplib::Request& request, bool with_body) {
  ApiRequest api;
  api.method = request.method;
  api.path = request.path;
  for (const auto& [name, value] : request.params) api.query.emplace(name, value);
  for (const char* name : {"cookie", "x-csrf-token", "x-ansinh-lang", "accept-language", "origin", "host"}) {
    if (request.has_header(name)) api.headers.emplace(name, request.get_header_value(name));
  }
  if (with_body) api.body = request.body;
  return api;
}

void Send(const HttpReply& reply, httplib::Response& response) {
  response.status = reply.status;
  for (const auto& [name, value] : reply.headers) response.set_header(name, value);
  if (reply.status != 204) response.set_content(reply.body, reply.content_type);
}

std::optional<std::string> ReadFileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string RouteLabelOf(const httplib::Request& request) {
  const std::string& path = request.path;
  if (path.rfind("/api/", 0) == 0) return ApiRouteLabel(request.method, path);
  if (path == "/" || path == "/healthz") return path;
  if (path.rfind("/static/", 0) == 0) return "/static";
  if (path.rfind("/locales/", 0) == 0) return "/locales";
  return "other";
}

}  // namespace

struct ConsoleHttpServer::Impl {
  HttpServerSettings settings;
  ConsoleApi& api;
  ConsoleMetrics* metrics;
  std::unique_ptr<httplib::Server> server;
  // See Stop: httplib ignores a stop() that comes before its loop runs.
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> finished{false};

  Impl(HttpServerSettings given, ConsoleApi& api_, ConsoleMetrics* metrics_)
      : settings(std::move(given)), api(api_), metrics(metrics_) {}

  void ServeFile(const std::filesystem::path& root, const std::string& relative,
                 const httplib::Request& request, httplib::Response& response) {
    const auto file = ResolveStaticFile(root, relative);
    const auto text = file ? ReadFileText(*file) : std::nullopt;
    if (!text) {
      response.status = 404;
      response.set_content("not found\n", "text/plain; charset=utf-8");
      return;
    }
    // Always revalidated: a new version of the app is picked up at once,
    // and a file the browser already holds costs a 304 without a body (a
    // phone on a slow network reloads the console without fetching it again).
    response.set_header("Cache-Control", "no-cache");
    const std::string entity_tag = EntityTagOf(*text);
    response.set_header("ETag", entity_tag);
    if (IfNoneMatchNames(request.get_header_value("If-None-Match"), entity_tag)) {
      response.status = 304;
      return;
    }
    response.set_content(*text, ContentTypeOf(*file));
  }

  void HandleApi(const httplib::Request& request, httplib::Response& response) {
    HttpReply reply = api.Handle(ToApiRequest(request, true));
    reply.headers.emplace_back("Cache-Control", "no-store");
    Send(reply, response);
  }

  // Refusals that need no body: too large for its route, or no session.
  httplib::Server::HandlerResponse BeforeRouting(const httplib::Request& request,
                                                 httplib::Response& response) {
    request_started = std::chrono::steady_clock::now();
    if (request.path.rfind("/api/", 0) != 0) return httplib::Server::HandlerResponse::Unhandled;
    const std::size_t limit =
        request.path == "/api/import" ? settings.max_import_bytes : settings.max_body_bytes;
    if (request.get_header_value_count("Content-Length") > 0 &&
        std::strtoull(request.get_header_value("Content-Length").c_str(), nullptr, 10) > limit) {
      response.status = 413;
      response.set_content(R"({"error": {"http_status": 413, "code": "RESOURCE_EXHAUSTED", "key": "", )"
                           R"("message": "request body too large", "violations": []}})",
                           "application/json; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (auto refusal = api.RefuseBeforeBody(ToApiRequest(request, false))) {
      refusal->headers.emplace_back("Cache-Control", "no-store");
      Send(*refusal, response);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  void Configure() {
    httplib::Server& s = *server;
    const int threads = settings.threads;
    s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    s.set_keep_alive_max_count(static_cast<size_t>(settings.keep_alive_max_requests));
    s.set_keep_alive_timeout(settings.keep_alive_seconds);
    s.set_read_timeout(settings.read_timeout_seconds, 0);
    s.set_write_timeout(settings.write_timeout_seconds, 0);
    s.set_payload_max_length(settings.max_import_bytes);
    // Headers and body go out in separate writes: with Nagle's algorithm on,
    // the second waits for the client's delayed ACK (40 ms on Linux), which
    // the first bench run showed as ~95 ms added to every call.
    s.set_tcp_nodelay(true);
    s.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                           {"Referrer-Policy", "no-referrer"},
                           {"X-Frame-Options", "DENY"},
                           {"Content-Security-Policy", kContentSecurityPolicy}});
    s.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
      return BeforeRouting(request, response);
    });

    s.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("ok\n", "text/plain; charset=utf-8");
    });
    s.Get("/", [this](const httplib::Request& request, httplib::Response& response) {
      ServeFile(settings.web_dir, "index.html", request, response);
    });
    s.Get(R"(/static/(.+))", [this](const httplib::Request& request, httplib::Response& response) {
      ServeFile(settings.web_dir, request.matches[1], request, response);
    });
    s.Get(R"(/locales/(vi|en)\.json)", [this](const httplib::Request& request, httplib::Response& response) {
      ServeFile(settings.locales_dir, std::string(request.matches[1]) + ".json", request, response);
    });
    const auto api_handler = [this](const httplib::Request& request, httplib::Response& response) {
      HandleApi(request, response);
    };
    s.Get(R"(/api/.*)", api_handler);
    s.Post(R"(/api/.*)", api_handler);
    s.Put(R"(/api/.*)", api_handler);
    s.Patch(R"(/api/.*)", api_handler);
    s.Delete(R"(/api/.*)", api_handler);

    s.set_exception_handler(
        [](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
          try {
            if (error) std::rethrow_exception(error);
          } catch (const std::exception& thrown) {
            spdlog::error("{} {}: {}", request.method, request.path, thrown.what());
          } catch (...) {
            spdlog::error("{} {}: unknown exception", request.method, request.path);
          }
          response.status = 500;
          response.set_content(R"({"error": {"http_status": 500, "code": "INTERNAL", "key": "", )"
                               R"("message": "internal error", "violations": []}})",
                               "application/json; charset=utf-8");
        });
    s.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
      const auto latency = std::chrono::steady_clock::now() - request_started;
      if (metrics != nullptr) {
        metrics->RecordRequest(RouteLabelOf(request), request.method, response.status, latency);
        metrics->SetSessions(static_cast<double>(api.sessions().size()));
      }
      spdlog::debug("{} {} {} {:.1f} ms", request.method, request.path, response.status,
                    std::chrono::duration<double, std::milli>(latency).count());
    });
  }
};

ConsoleHttpServer::ConsoleHttpServer(HttpServerSettings settings, ConsoleApi& api, ConsoleMetrics* metrics)
    : impl_(std::make_unique<Impl>(std::move(settings), api, metrics)) {
  const HttpServerSettings& s = impl_->settings;
  if (!s.tls_cert_file.empty()) {
    auto tls = std::make_unique<httplib::SSLServer>(s.tls_cert_file.c_str(), s.tls_key_file.c_str());
    if (!tls->is_valid()) {
      throw std::runtime_error("cannot serve HTTPS with --tls-cert-file " + s.tls_cert_file +
                               " and --tls-key-file " + s.tls_key_file +
                               ": not a matching PEM certificate and key");
    }
    impl_->server = std::move(tls);
  } else {
    impl_->server = std::make_unique<httplib::Server>();
  }
  impl_->Configure();
}

ConsoleHttpServer::~ConsoleHttpServer() = default;

int ConsoleHttpServer::Bind() {
  const HttpServerSettings& s = impl_->settings;
  const int port = s.port == 0 ? impl_->server->bind_to_any_port(s.host)
                               : (impl_->server->bind_to_port(s.host, s.port) ? s.port : -1);
  if (port <= 0) {
    throw std::runtime_error("cannot listen on " + s.host + ":" + std::to_string(s.port) +
                             " (port in use, or the address is not this machine's?)");
  }
  return port;
}

void ConsoleHttpServer::Run() {
  if (!impl_->stop_requested) impl_->server->listen_after_bind();
  impl_->finished = true;
}

// httplib's stop() does nothing until its accept loop has started, so a
// SIGTERM that arrives just after start-up (the serving thread not yet in
// listen_after_bind) would leave the console serving forever. Stop is
// repeated until Run has returned; a stop() while the loop runs ends it.
void ConsoleHttpServer::Stop() {
  impl_->stop_requested = true;
  while (!impl_->finished) {
    impl_->server->stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace ansinh::console
