#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ansinh::redis {

// A cluster node's answer that the key lives elsewhere:
//   MOVED <slot> <host>:<port>  the slot belongs to that node now (refresh the map);
//   ASK <slot> <host>:<port>    the slot is being migrated there and this key
//                               already moved: ask that node once, after ASKING.
struct Redirect {
  enum class Kind { kMoved, kAsk };
  Kind kind = Kind::kMoved;
  int slot = 0;
  std::string host;
  int port = 0;
};

// Parses an error reply's text; nullopt when it is not a redirect or is
// malformed (then it reaches the caller as any other error reply).
std::optional<Redirect> ParseRedirect(std::string_view error);

// TRYAGAIN (a multi-key command during a slot migration), CLUSTERDOWN (the
// cluster is electing a new master) and UNBLOCKED (a blocking read whose
// stream moved to another node): worth retrying after a pause.
bool IsTransientClusterError(std::string_view error);

}  // namespace ansinh::redis
