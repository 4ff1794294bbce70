#include "console_page_load.h"

#include <httplib.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "ansinh/v1/accounts.grpc.pb.h"
#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "console_process.h"
#include "service_process.h"
#include "ward_stack.h"

namespace ansinh::bench {
namespace {

constexpr int kClientPoints[] = {1, 8, 32};
constexpr size_t kPageHouseholds = 200;
constexpr auto kPageWarmUp = std::chrono::milliseconds(500);
constexpr char kBenchPassword[] = "bench-mat-khau-dai";

using PageClock = std::chrono::steady_clock;

// The four calls of the household page, as the console's routes name them.
const std::vector<std::string>& PageCalls() {
  static const std::vector<std::string> calls = {"Registry/GetHousehold", "Classification/GetOfficialStatus",
                                                 "Assignment/GetCaseByHousehold",
                                                 "Monitoring/GetHouseholdTimeline"};
  return calls;
}

// The households of the first cases: each has a household, a status and a case.
std::vector<std::string> HouseholdsWithCases(testkit::WardStack& stack, const PipelineResult& cycle) {
  auto assignment = v1::Assignment::NewStub(BenchChannel(stack, "assignment"));
  std::vector<std::string> households;
  for (size_t i = 0; i < cycle.case_ids.size() && households.size() < kPageHouseholds; ++i) {
    v1::GetCaseRequest request;
    request.set_case_id(cycle.case_ids[i]);
    v1::Case a_case;
    const auto context = testkit::AuthorizedContext(stack.tokens().officer);
    const grpc::Status status = assignment->GetCase(context.get(), request, &a_case);
    if (!status.ok())
      throw std::runtime_error("reading a case for the console stage: " + status.error_message());
    households.push_back(a_case.household_id());
  }
  if (households.empty()) throw std::runtime_error("the console stage needs cases; the cycle opened none");
  return households;
}

struct SignedIn {
  std::string cookie;
  std::string csrf_token;
};

SignedIn SignInThroughConsole(testkit::WardStack& stack, int port) {
  auto accounts = v1::Accounts::NewStub(BenchChannel(stack, "registry"));
  v1::CreateAccountRequest create;
  create.mutable_account()->set_username("bench.officer");
  create.mutable_account()->set_display_name("Trần Văn Minh");
  create.mutable_account()->set_role(v1::ROLE_WARD_OFFICER);
  create.mutable_account()->set_active(true);
  create.set_password(kBenchPassword);
  v1::CreateAccountResponse created;
  const grpc::Status status =
      accounts->CreateAccount(testkit::AuthorizedContext(stack.tokens().officer).get(), create, &created);
  if (!status.ok() && status.error_code() != grpc::StatusCode::ALREADY_EXISTS) {
    throw std::runtime_error("creating the console stage's account: " + status.error_message());
  }
  httplib::Client client("127.0.0.1", port);
  const auto answer = client.Post(
      "/api/session", nlohmann::json{{"username", "bench.officer"}, {"password", kBenchPassword}}.dump(),
      "application/json");
  if (!answer || answer->status != 200) {
    throw std::runtime_error("signing in through the console: " +
                             (answer ? answer->body : std::string("no answer")));
  }
  const std::string set_cookie = answer->get_header_value("Set-Cookie");
  return SignedIn{set_cookie.substr(0, set_cookie.find(';')),
                  nlohmann::json::parse(answer->body).at("csrf_token").get<std::string>()};
}

// Runs `clients` threads for warm-up + duration, each calling `one_call(k)`
// for k = 0, 1, 2, ... (call k is page k / 4, call k % 4); only calls that
// start after the warm-up count. `one_call` returns "" or the error.
PagePoint ClosedLoop(const std::string& via, int clients, std::chrono::milliseconds duration,
                     const std::function<std::function<std::string(size_t)>()>& new_client) {
  PagePoint point;
  point.via = via;
  point.clients = clients;
  std::mutex mutex;
  std::vector<double> latencies;
  std::atomic<int64_t> errors{0};
  const auto measure_from = PageClock::now() + kPageWarmUp;
  const auto stop_at = measure_from + duration;
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      const std::function<std::string(size_t)> call = new_client();
      std::vector<double> mine;
      for (size_t k = static_cast<size_t>(c) * 4 * 37;; ++k) {
        const auto started = PageClock::now();
        if (started >= stop_at) break;
        const std::string error = call(k);
        if (started < measure_from) continue;
        mine.push_back(std::chrono::duration<double, std::milli>(PageClock::now() - started).count());
        if (!error.empty() && errors++ == 0) {
          std::lock_guard lock(mutex);
          point.first_error = error;
        }
      }
      std::lock_guard lock(mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (std::thread& thread : threads) thread.join();
  point.errors = errors;
  point.calls_per_second =
      static_cast<double>(latencies.size()) / std::chrono::duration<double>(duration).count();
  point.latency = Summarize(std::move(latencies));
  return point;
}

}  // namespace

std::vector<PagePoint> RunConsoleHouseholdPage(testkit::WardStack& stack, const PipelineResult& cycle,
                                               std::chrono::milliseconds duration_per_point) {
  const std::vector<std::string> households = HouseholdsWithCases(stack, cycle);
  testkit::ConsoleProcess console(stack);
  console.Start();
  const SignedIn session = SignInThroughConsole(stack, console.port());
  const std::string token = stack.tokens().officer;

  // Directly: one channel per service, shared by every client, as the
  // console shares its own.
  auto registry = v1::Registry::NewStub(BenchChannel(stack, "registry"));
  auto classification = v1::Classification::NewStub(BenchChannel(stack, "classification"));
  auto assignment = v1::Assignment::NewStub(BenchChannel(stack, "assignment"));
  auto monitoring = v1::Monitoring::NewStub(BenchChannel(stack, "monitoring"));
  auto direct_client = [&]() -> std::function<std::string(size_t)> {
    return [&](size_t k) -> std::string {
      const std::string& household = households[(k / 4) % households.size()];
      const auto context = testkit::AuthorizedContext(token);
      grpc::Status status;
      switch (k % 4) {
        case 0: {
          v1::GetHouseholdRequest request;
          request.set_household_id(household);
          v1::GetHouseholdResponse response;
          status = registry->GetHousehold(context.get(), request, &response);
          break;
        }
        case 1: {
          v1::GetOfficialStatusRequest request;
          request.set_household_id(household);
          v1::GetOfficialStatusResponse response;
          status = classification->GetOfficialStatus(context.get(), request, &response);
          break;
        }
        case 2: {
          v1::GetCaseByHouseholdRequest request;
          request.set_household_id(household);
          v1::Case response;
          status = assignment->GetCaseByHousehold(context.get(), request, &response);
          break;
        }
        default: {
          v1::GetHouseholdTimelineRequest request;
          request.set_household_id(household);
          v1::GetHouseholdTimelineResponse response;
          status = monitoring->GetHouseholdTimeline(context.get(), request, &response);
        }
      }
      return status.ok() ? "" : PageCalls()[k % 4] + ": " + status.error_message();
    };
  };
  // Through the console: each client its own keep-alive connection, as a browser.
  const int port = console.port();
  auto console_client = [&]() -> std::function<std::string(size_t)> {
    auto client = std::make_shared<httplib::Client>("127.0.0.1", port);
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);  // as browsers do
    client->set_read_timeout(15, 0);
    const httplib::Headers headers{
        {"Cookie", session.cookie}, {"X-CSRF-Token", session.csrf_token}, {"X-Ansinh-Lang", "vi"}};
    return [client, headers, &households](size_t k) -> std::string {
      const std::string& household = households[(k / 4) % households.size()];
      const auto answer =
          client->Post("/api/rpc/" + PageCalls()[k % 4], headers,
                       nlohmann::json{{"household_id", household}}.dump(), "application/json");
      if (!answer) return PageCalls()[k % 4] + ": no answer (" + httplib::to_string(answer.error()) + ")";
      return answer->status == 200 ? "" : PageCalls()[k % 4] + ": " + answer->body;
    };
  };

  std::vector<PagePoint> points;
  for (int clients : kClientPoints) {
    points.push_back(ClosedLoop("grpc", clients, duration_per_point, direct_client));
    points.push_back(ClosedLoop("console", clients, duration_per_point, console_client));
  }
  console.Terminate();
  return points;
}

}  // namespace ansinh::bench
