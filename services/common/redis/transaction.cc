#include "redis/transaction.h"

#include "redis/redis_error.h"

namespace ansinh::redis {

std::vector<Reply> Transaction::Exec(Connection& connection) const {
  if (commands_.empty()) return {};
  std::vector<Args> batch;
  batch.reserve(commands_.size() + 2);
  batch.push_back({"MULTI"});
  batch.insert(batch.end(), commands_.begin(), commands_.end());
  batch.push_back({"EXEC"});

  std::vector<Reply> replies = connection.Pipeline(batch);
  for (size_t i = 1; i + 1 < replies.size(); ++i) {
    // A command refused while queueing makes EXEC fail with EXECABORT.
    if (replies[i].IsError()) {
      throw ReplyError("transaction refused at '" + commands_[i - 1][0] + "': " + replies[i].str);
    }
  }
  Reply& exec = replies.back();
  if (exec.IsNil()) throw TransactionAborted();
  if (exec.IsError()) throw ReplyError("EXEC failed: " + exec.str);
  for (size_t i = 0; i < exec.elements.size(); ++i) {
    if (exec.elements[i].IsError()) {
      // Redis has applied the other commands: a runtime error inside EXEC is
      // a programming error (wrong key type), never a validation outcome.
      throw ReplyError("command '" + commands_[i][0] + "' failed inside EXEC: " + exec.elements[i].str);
    }
  }
  return std::move(exec.elements);
}

}  // namespace ansinh::redis
