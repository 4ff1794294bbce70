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
  // A server not ready (LOADING) refuses MULTI and everything after it.
  if (replies.front().IsError()) ThrowErrorReply(replies.front().str, "MULTI refused: ");
  for (size_t i = 1; i + 1 < replies.size(); ++i) {
    // A command refused while queueing makes EXEC fail with EXECABORT.
    if (replies[i].IsError()) {
      ThrowErrorReply(replies[i].str, "transaction refused at '" + commands_[i - 1][0] + "': ");
    }
  }
  Reply& exec = replies.back();
  if (exec.IsNil()) throw TransactionAborted();
  if (exec.IsError()) ThrowErrorReply(exec.str, "EXEC failed: ");
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
