// ansinh-browser-stack: the whole ward for the browser tests. Starts a real
// redis-server and the four services (tests/integration/support's
// WardStack), loads the small ward of browser_ward.h, starts ansinh-console
// in front of them, prints ONE JSON line on stdout (the console's URL, the
// services' addresses, the accounts' passwords, the tokens, the ward's ids)
// and then answers the queries of stack_queries.h, one per stdin line, until
// stdin closes or SIGTERM/SIGINT arrives; then it stops everything.
//
//   ansinh-browser-stack [--console-flag FLAG]... [--no-console]
//
// --console-flag adds one argument to ansinh-console's command line (e.g.
// --console-flag --tls-cert-file --console-flag cert.pem: then the console
// speaks HTTPS and its URL starts with https://).
//
// Exit codes: 0 after a clean stop, 1 when the stack or the console did not
// start (the reason on stderr), 2 on bad arguments.
#include <poll.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "browser_ward.h"
#include "console_process.h"
#include "kernel/ward_clock.h"
#include "stack_queries.h"
#include "ward_stack.h"

namespace {

volatile std::sig_atomic_t stop_requested = 0;

void RequestStop(int) { stop_requested = 1; }

struct LauncherFlags {
  std::vector<std::string> console_flags;
  bool console = true;

  bool tls() const {
    return std::find(console_flags.begin(), console_flags.end(), "--tls-cert-file") != console_flags.end();
  }
};

bool ParseFlags(int argc, char** argv, LauncherFlags& flags) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--no-console") {
      flags.console = false;
    } else if (arg == "--console-flag" && i + 1 < argc) {
      flags.console_flags.emplace_back(argv[++i]);
    } else {
      std::cerr << "unknown or incomplete argument: " << arg << "\n";
      return false;
    }
  }
  return true;
}

nlohmann::json Description(ansinh::testkit::WardStack& stack, const ansinh::browser::LoadedWard& ward,
                           const std::string& console_url) {
  const ansinh::testkit::TestTokens& tokens = stack.tokens();
  nlohmann::json out{
      {"console", console_url},
      {"dir", stack.dir()},
      {"today", ansinh::FormatIsoDate(ansinh::WardClock().Today())},
      {"accounts", ward.passwords},
      {"tokens",
       {{"officer", tokens.officer},
        {"womens_union_staff", tokens.womens_union_staff},
        {"farmers_union_staff", tokens.farmers_union_staff},
        {"auditor", tokens.auditor}}},
      {"households", ward.households},
      {"cases", ward.cases},
      {"review_households", ward.review_households},
      {"supported", ward.supported},
      {"review_year", ward.review_year},
      {"review_today", ansinh::browser::kReviewToday},
  };
  for (const std::string& name : ansinh::testkit::WardStack::ServiceNames()) {
    out[name] = stack.service(name).address();
  }
  return out;
}

// Lines from stdin until it closes or a stop signal arrives.
void ServeQueries(ansinh::testkit::WardStack& stack) {
  std::string pending;
  while (!stop_requested) {
    pollfd input{STDIN_FILENO, POLLIN, 0};
    if (::poll(&input, 1, 200) <= 0) continue;
    char buffer[4096];
    const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof(buffer));
    if (got <= 0) return;
    pending.append(buffer, static_cast<size_t>(got));
    for (size_t end; (end = pending.find('\n')) != std::string::npos;) {
      const std::string command = pending.substr(0, end);
      pending.erase(0, end + 1);
      if (!command.empty()) std::cout << ansinh::browser::AnswerQuery(stack, command) << std::endl;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  LauncherFlags flags;
  if (!ParseFlags(argc, argv, flags)) return 2;
  std::signal(SIGTERM, RequestStop);
  std::signal(SIGINT, RequestStop);
  std::signal(SIGPIPE, SIG_IGN);
  try {
    // The stack makes its directory when constructed; the organizations
    // file assignment starts with must exist before that.
    const ansinh::testkit::TempDir files;
    ansinh::testkit::WardStack stack(
        {{"assignment", {"--organizations-file", ansinh::browser::WriteOrganizationsFile(files.path())}},
         {"classification", {"--today-override", ansinh::browser::kReviewToday}}});
    stack.Start();
    const ansinh::browser::LoadedWard ward = ansinh::browser::LoadBrowserWard(stack);
    std::unique_ptr<ansinh::testkit::ConsoleProcess> console;
    std::string console_url;
    if (flags.console) {
      console = std::make_unique<ansinh::testkit::ConsoleProcess>(stack, flags.console_flags);
      console->Start();
      console_url =
          std::string(flags.tls() ? "https" : "http") + "://127.0.0.1:" + std::to_string(console->port());
    }
    std::cout << Description(stack, ward, console_url).dump() << std::endl;
    ServeQueries(stack);
    if (console && !console->Terminate())
      std::cerr << "ansinh-browser-stack: the console did not stop in 15 s\n";
  } catch (const std::exception& failure) {
    std::cerr << "ansinh-browser-stack: " << failure.what() << "\n";
    return 1;
  }
  return 0;
}
