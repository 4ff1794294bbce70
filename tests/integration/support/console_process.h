#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "child_process.h"

namespace ansinh::testkit {

class WardStack;

// The real ansinh-console (build/bin) in front of a running WardStack, on an
// HTTP port the system picks (--listen 127.0.0.1:0, reported in its ports
// file), with /metrics on another, signing people in with the stack's
// service token (written to a 0600 file in the stack's directory).
class ConsoleProcess {
 public:
  explicit ConsoleProcess(WardStack& stack, std::vector<std::string> extra_args = {});

  // Starts it and waits for its ports file; throws with its log if none comes.
  void Start();
  // SIGTERM; the exit status as from waitpid, nullopt if it did not exit in 15 s.
  std::optional<int> Terminate();

  int port() const { return port_; }
  int metrics_port() const { return metrics_port_; }
  std::string log() const { return process_.ReadLog(); }

 private:
  WardStack& stack_;
  std::vector<std::string> extra_args_;
  int port_ = 0;
  int metrics_port_ = 0;
  ChildProcess process_;
};

}  // namespace ansinh::testkit
