#include "outside_consumer.h"

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "ansinh/v1/consumers.grpc.pb.h"
#include "ansinh/v1/tokens.grpc.pb.h"
#include "service_process.h"

namespace ansinh::bench {
namespace {

const std::string kBin = ANSINH_BIN_DIR;
const std::string kSource = ANSINH_SOURCE_DIR;

std::string GrantAndIssue(testkit::WardStack& stack, const std::string& consumer_id) {
  auto grants = v1::ConsumerGrants::NewStub(stack.service("registry").channel());
  v1::SetGrantRequest set;
  v1::ConsumerGrant& grant = *set.mutable_grant();
  grant.set_consumer_id(consumer_id);
  grant.set_display_name("Ngân hàng Chính sách xã hội (bench)");
  grant.set_purpose("Cho vay hộ nghèo, hộ cận nghèo");
  grant.add_event_types("classification.household_status_changed.v1");
  grant.add_household_details(v1::HOUSEHOLD_DETAIL_HEAD_NAME);
  grant.add_household_details(v1::HOUSEHOLD_DETAIL_HEAD_NATIONAL_ID);
  grant.add_household_details(v1::HOUSEHOLD_DETAIL_ADDRESS);
  v1::SetGrantResponse granted;
  grpc::Status status =
      grants->SetGrant(testkit::AuthorizedContext(stack.tokens().officer).get(), set, &granted);
  if (!status.ok()) throw std::runtime_error("granting " + consumer_id + ": " + status.error_message());
  auto tokens = v1::TokenAdmin::NewStub(stack.service("registry").channel());
  v1::IssueTokenRequest issue;
  issue.set_role(v1::ROLE_OUTSIDE_CONSUMER);
  issue.set_name(consumer_id);
  v1::IssueTokenResponse issued;
  status = tokens->IssueToken(testkit::AuthorizedContext(stack.tokens().officer).get(), issue, &issued);
  if (!status.ok()) throw std::runtime_error("a token for " + consumer_id + ": " + status.error_message());
  const std::string path = stack.dir() + "/" + consumer_id + ".token";
  std::ofstream(path) << issued.secret() << "\n";
  return path;
}

// Single-quoted for a shell.
std::string Quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Runs `command` with bash (pipefail: its own failure is the pipe's); its
// standard output's line count and the wall time. Throws when it fails.
nlohmann::json Timed(const std::string& command) {
  const auto start = std::chrono::steady_clock::now();
  FILE* pipe = popen(("bash -o pipefail -c " + Quoted(command + " | wc -l")).c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run: " + command);
  long long lines = 0;
  if (std::fscanf(pipe, "%lld", &lines) != 1) lines = -1;
  const int status = pclose(pipe);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("failed: " + command);
  return {{"events", lines}, {"seconds", seconds}, {"events_per_second", lines / seconds}};
}

}  // namespace

OutsideConsumers GrantOutsideConsumers(testkit::WardStack& stack) {
  return {GrantAndIssue(stack, "policy-bank"), GrantAndIssue(stack, "bench-cli")};
}

nlohmann::json RunOutsideConsumers(testkit::WardStack& stack, const OutsideConsumers& consumers) {
  const std::string registry = stack.service("registry").address();
  nlohmann::json report;
  report["script"] = Timed("env ONCE=1 ANSINH=" + kBin + "/ansinh ANSINH_REGISTRY=" + registry +
                           " ANSINH_TOKEN_FILE=" + consumers.script_token_file + " SEEN_FILE=" + stack.dir() +
                           "/policy-bank.seen bash " + kSource + "/docs/examples/policy-bank-consumer.sh");
  report["cli"] =
      Timed(kBin + "/ansinh --registry " + registry + " --token-file " + consumers.cli_token_file +
            " events subscribe --no-follow --fields "
            "position,envelope.event_id,envelope.payload.category,household.head_full_name");
  return report;
}

}  // namespace ansinh::bench
