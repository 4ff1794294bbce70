// A stand-in for ansinh-bench in child_process_orphans_test.cc: starts a
// Redis and a registry service the way the bench does (testkit::WardStack's
// launcher), writes "ready" and then waits to be killed or, with
// --throw-after-start, throws once the file DIR/abort appears.
//   child_process_probe DIR [--keep-children-alive] [--throw-after-start]
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>

#include "child_process.h"
#include "redis_server.h"
#include "service_process.h"
#include "test_tokens.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: child_process_probe DIR [--keep-children-alive] [--throw-after-start]\n";
    return 2;
  }
  const std::string dir = argv[1];
  bool keep_alive = false;
  bool throw_after_start = false;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--keep-children-alive") == 0) keep_alive = true;
    if (std::strcmp(argv[i], "--throw-after-start") == 0) throw_after_start = true;
  }
  if (!keep_alive) ansinh::testkit::KillChildrenWhenThisProcessDies();

  ansinh::testkit::RedisServer redis(dir);
  redis.Start();
  ansinh::testkit::TestTokens tokens;
  ansinh::testkit::ServiceProcess registry("registry", redis, tokens.WriteFile(dir), dir);
  registry.Start();
  std::cout << "ready" << std::endl;
  for (;;) {
    if (throw_after_start && std::filesystem::exists(dir + "/abort")) {
      // Uncaught: std::terminate, abort, no destructor runs.
      throw std::runtime_error("the probe aborts as asked");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}
