#include "redis/cluster_redirect.h"

#include <charconv>

#include "redis/cluster_slot.h"

namespace ansinh::redis {
namespace {

bool ParseRedirectNumber(std::string_view text, int* value) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::optional<Redirect> ParseRedirect(std::string_view error) {
  Redirect redirect;
  if (error.starts_with("MOVED ")) {
    redirect.kind = Redirect::Kind::kMoved;
    error.remove_prefix(6);
  } else if (error.starts_with("ASK ")) {
    redirect.kind = Redirect::Kind::kAsk;
    error.remove_prefix(4);
  } else {
    return std::nullopt;
  }
  const size_t space = error.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  if (!ParseRedirectNumber(error.substr(0, space), &redirect.slot)) return std::nullopt;
  if (redirect.slot < 0 || redirect.slot >= kClusterSlotCount) return std::nullopt;
  const std::string_view address = error.substr(space + 1);
  // rfind: an IPv6 host has colons of its own.
  const size_t colon = address.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  if (!ParseRedirectNumber(address.substr(colon + 1), &redirect.port) || redirect.port <= 0)
    return std::nullopt;
  redirect.host = std::string(address.substr(0, colon));
  return redirect;
}

bool IsTransientClusterError(std::string_view error) {
  // UNBLOCKED: a blocking read whose stream was moved to another node (a
  // resharding MIGRATEs it away, which deletes it here) returns this instead
  // of entries; nothing was read, and the next read is redirected to the
  // stream's new node.
  return error.starts_with("TRYAGAIN") || error.starts_with("CLUSTERDOWN") || error.starts_with("UNBLOCKED");
}

}  // namespace ansinh::redis
