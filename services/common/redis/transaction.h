#pragma once

#include <vector>

#include "redis/redis_connection.h"

namespace ansinh::redis {

// Commands that must take effect together: a state change and its event, or
// a consumer's effect and its "already applied" mark. Exec sends MULTI, the
// commands and EXEC in one round trip.
class Transaction {
 public:
  void Add(Args command) { commands_.push_back(std::move(command)); }
  bool empty() const { return commands_.empty(); }
  size_t size() const { return commands_.size(); }
  const std::vector<Args>& commands() const { return commands_; }

  // Returns the replies of the queued commands, in order. Throws
  // TransactionAborted when a WATCHed key changed and ReplyError when the
  // server refused a command while queueing it; in both cases nothing was
  // written.
  std::vector<Reply> Exec(Connection& connection) const;

 private:
  std::vector<Args> commands_;
};

}  // namespace ansinh::redis
