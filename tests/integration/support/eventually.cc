#include "eventually.h"

#include <thread>

namespace ansinh::testkit {

bool Eventually(const std::function<bool()>& check, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (check()) return true;
    std::this_thread::sleep_for(interval);
  }
  return check();
}

}  // namespace ansinh::testkit
