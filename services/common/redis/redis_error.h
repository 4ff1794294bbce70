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

// EXEC returned nil: a WATCHed key changed, nothing was written.
class TransactionAborted : public RedisError {
 public:
  TransactionAborted() : RedisError("transaction aborted: a watched key changed") {}
};

}  // namespace ansinh::redis
