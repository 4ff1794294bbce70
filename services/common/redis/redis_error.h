#pragma once

#include <stdexcept>
#include <string>

namespace ansinh::redis {

// Errors from the Redis layer, after the shape of redis-plus-plus: callers
// catch the kind they can act on and let the rest reach the handler boundary,
// where ToGrpcStatus (server/status_mapping.h) turns them into a status.
class RedisError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The server could not be reached or the connection broke; the connection has
// been discarded and the next command builds a fresh one.
class ConnectionError : public RedisError {
 public:
  using RedisError::RedisError;
};

// A command did not answer within the socket timeout.
class TimeoutError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
};

// The server answered with an error reply ("ERR ...", "WRONGTYPE ...").
class ReplyError : public RedisError {
 public:
  using RedisError::RedisError;
};

// The server answered, but cannot serve anyone now: LOADING (it is replaying
// its data after a restart, which takes minutes for a province), MASTERDOWN
// (a replica that lost its master), BUSY (a script outruns its time). The
// command was not run. Like an unreachable server, this passes: callers
// answer UNAVAILABLE and consumers retry with backoff (the connection itself
// is kept).
class ServerNotReadyError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
};

// Throws what an error reply means: ServerNotReadyError for the replies
// above, ReplyError for every other ("ERR ...", "WRONGTYPE ..."). `context`
// leads the message (which command, which transaction).
[[noreturn]] void ThrowErrorReply(const std::string& reply, const std::string& context = "");

// EXEC returned nil: a WATCHed key changed, nothing was written.
class TransactionAborted : public RedisError {
 public:
  TransactionAborted() : RedisError("transaction aborted: a watched key changed") {}
};

// Cluster mode sent a write and WAIT saw fewer replicas take it than asked
// (RedisOptions::wait_replicas). The write happened on the master and may
// still be visible afterwards, but a failover now could lose it; callers
// treat it like an unreachable store (UNAVAILABLE) and may retry, which
// ansinh's idempotent writes allow.
class ReplicationError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
};

// Programming errors, thrown in every build and never caught as Redis
// failures (they are not RedisError): the code, not the store, must change.
//
// A command missing from the key table (command_keys.cc), or whose key
// arguments are malformed: cluster mode cannot tell which node owns it.
class UnknownCommandError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// A transaction, or one command, whose keys hash to different slots: Redis
// Cluster cannot run it atomically. Thrown before anything is sent.
class CrossSlotError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

}  // namespace ansinh::redis
