#pragma once

// ansinh-console started as a child of the launcher, in front of a running
// WardStack, on a port the system picks (--listen 127.0.0.1:0, reported in
// --ports-file as {"http": <port>, ...}).

#include <string>
#include <vector>

#include "child_process.h"
#include "ward_stack.h"

namespace ansinh::browser {

class ConsoleChild {
 public:
  // `extra_flags` go last (e.g. --tls-cert-file ...); `binary` empty: the
  // build's bin/ansinh-console.
  ConsoleChild(std::string binary, std::vector<std::string> extra_flags);

  // Starts the console with the stack's addresses and its service token;
  // throws std::runtime_error with the console's log when it does not come
  // up within 30 s.
  void Start(testkit::WardStack& stack);
  // SIGTERM, then SIGKILL after 10 s.
  void Stop();

  int port() const { return port_; }
  bool tls() const;
  std::string url() const;
  std::string log() const { return process_.ReadLog(); }

 private:
  std::string binary_;
  std::vector<std::string> extra_flags_;
  int port_ = 0;
  testkit::ChildProcess process_;
};

}  // namespace ansinh::browser
