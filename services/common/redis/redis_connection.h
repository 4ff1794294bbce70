#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "redis/redis_reply.h"

struct redisContext;

namespace ansinh::redis {

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6390;
  std::string user;      // ACL user; empty: AUTH <password> (the default user)
  std::string password;  // empty: no AUTH
  std::string client_name = "ansinh";
  std::chrono::milliseconds connect_timeout{500};
  // Socket read/write timeout for ordinary commands. Blocking reads raise it
  // for their own duration (see BlockingCommand).
  std::chrono::milliseconds command_timeout{2000};
  // Redis Cluster (docs/operations.md, "Redis Cluster"): host:port is a seed
  // node; commands go to the node of their keys' slot (cluster_router.h).
  bool cluster = false;
  // Refuse, with CrossSlotError, a MULTI whose keys span hash slots on a
  // single node too, so tests catch what a cluster would refuse. Cluster
  // mode always checks.
  bool check_single_slot = false;
  // Cluster mode: after every write, WAIT until this many replicas took it
  // (0 = do not wait), at most wait_timeout; fewer: ReplicationError.
  int wait_replicas = 1;
  std::chrono::milliseconds wait_timeout{1000};
};

using Args = std::vector<std::string>;

// One hiredis connection, used by one thread at a time. After any I/O or
// protocol error the context is dead (hiredis 0.14), so it is thrown away and
// the next call connects afresh, re-applying timeouts, keepalive, AUTH and the
// client name. Error replies throw ReplyError from Command(); Pipeline()
// returns them in place so a caller can tell which command failed. With
// RedisOptions::cluster it speaks to a Redis Cluster instead, through the same
// calls (ClusterRouter).
class ClusterRouter;

class Connection {
 public:
  explicit Connection(RedisOptions options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Reply Command(const Args& args);
  std::vector<Reply> Pipeline(const std::vector<Args>& commands);
  // For XREADGROUP ... BLOCK ms: the socket timeout must exceed the BLOCK
  // time, or the server delivers entries into our pending list while we see a
  // timeout.
  Reply BlockingCommand(const Args& args, std::chrono::milliseconds block);

  // True when PING answers; never throws.
  bool Ping() noexcept;
  bool connected() const;
  void Disconnect();
  const RedisOptions& options() const { return options_; }

 private:
  struct ContextDeleter {
    void operator()(redisContext* context) const;
  };
  using ContextPtr = std::unique_ptr<redisContext, ContextDeleter>;

  redisContext& EnsureConnected();
  void SetSocketTimeout(std::chrono::milliseconds timeout);
  // Discards the broken context and throws the error kind matching it.
  [[noreturn]] void FailConnection(const std::string& during);

  // With check_single_slot: the slot of the keys WATCHed since the last
  // EXEC, DISCARD or UNWATCH (-1: none), which the transaction must share,
  // as a cluster requires (it runs both on the slot's node).
  void CheckWatchSlot(const std::vector<Args>& commands);

  RedisOptions options_;
  ContextPtr context_;
  int watch_slot_ = -1;
  // Set in cluster mode, which then serves every call.
  std::unique_ptr<ClusterRouter> cluster_;
};

}  // namespace ansinh::redis
