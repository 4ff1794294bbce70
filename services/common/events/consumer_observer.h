#pragma once

#include <charconv>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace ansinh::events {

// What a ConsumerRunner reports about its work as it happens, for whoever
// watches it (the service's metrics). The runner knows only this interface,
// so it stays free of any monitoring library. Calls come from the runner's
// own thread; an observer must be cheap and must not throw.
class ConsumerObserver {
 public:
  virtual ~ConsumerObserver() = default;

  // One event's effect was committed. `since_published` is the commit time
  // minus the publish time carried in the stream entry id (milliseconds since
  // the epoch), so it includes the time the event waited in the stream.
  virtual void OnApplied(const std::string& group, std::chrono::microseconds since_published) = 0;
  // One event moved to the group's dead-letter stream.
  virtual void OnDeadLettered(const std::string& group) = 0;
};

// Time from an event's publication to `now`: a stream entry id is
// "<milliseconds since the epoch>-<sequence>", stamped by Redis on XADD.
// Zero for an id that does not start with a number.
inline std::chrono::microseconds SincePublished(
    std::string_view entry_id, std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) {
  int64_t published_ms = 0;
  const auto [end, error] = std::from_chars(entry_id.data(), entry_id.data() + entry_id.size(), published_ms);
  if (error != std::errc() || end == entry_id.data()) return std::chrono::microseconds{0};
  return std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()) -
         std::chrono::milliseconds{published_ms};
}

}  // namespace ansinh::events
