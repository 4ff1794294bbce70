#pragma once

#include <chrono>
#include <functional>

namespace ansinh::testkit {

// Polls `check` every `interval` until it holds or `timeout` passes; then
// checks once more, so a condition that became true at the deadline counts.
bool Eventually(const std::function<bool()>& check, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval = std::chrono::milliseconds(50));

}  // namespace ansinh::testkit
