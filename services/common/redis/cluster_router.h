#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "redis/redis_connection.h"
#include "redis/slot_map.h"

namespace ansinh::redis {

// Cluster mode of Connection (RedisOptions::cluster): one single-node
// Connection per cluster node, opened lazily with the same AUTH, client name
// and timeouts, and the slot map read from the seed node (options.host:port)
// on first use and again after every MOVED or broken node.
//
//  - a command goes to the master of its keys' slot; MOVED updates the map
//    and retries, ASK retries once on the target after ASKING, TRYAGAIN and
//    CLUSTERDOWN retry after a short growing pause, up to a cap, after which
//    the error reaches the caller as on a single node; a broken connection
//    re-reads the map and retries once, unless a write may already have run;
//  - a pipeline of independent commands is split per node and the replies
//    put back in order; a pipeline holding MULTI..EXEC goes whole to the node
//    of its one slot (CrossSlotError otherwise);
//  - the node that answered a WATCH is remembered: a transaction that would
//    run elsewhere (its slot moved meanwhile) is aborted (TransactionAborted),
//    since that node knows nothing of the WATCH;
//  - every successful write is followed by WAIT on the same node
//    (options.wait_replicas, 0 = off); too few replicas: ReplicationError.
class ClusterRouter {
 public:
  explicit ClusterRouter(RedisOptions options);
  ~ClusterRouter();

  Reply Command(const Args& args);
  std::vector<Reply> Pipeline(const std::vector<Args>& commands);
  // All streams of a blocking read must share a slot (CrossSlotError).
  Reply BlockingCommand(const Args& args, std::chrono::milliseconds block);
  bool connected() const;
  void Disconnect();

 private:
  // Sends something to one node; returns the reply with errors in place.
  // `asking`: precede it with ASKING (the target of an ASK redirect).
  using Sender = std::function<Reply(Connection& node, bool asking)>;
  struct Routed {
    Reply reply;
    NodeAddress node;
  };

  // `resend_safe`: the command may be sent again after a connection broke
  // mid-call (a read). Others (writes, XREADGROUP) are sent again only when
  // their node could not be reached at all, since a broken reply does not
  // say whether they ran.
  Routed Execute(int slot, const Sender& send, bool resend_safe);
  // After a broken connection to `node`: drop it and re-read the map, so
  // the next call reaches the new master; never throws.
  void ForgetBrokenNode(const NodeAddress& node);
  std::vector<Reply> ExecTransaction(const std::vector<Args>& commands);
  std::vector<Reply> SplitPipeline(const std::vector<Args>& commands);

  Connection& Node(const NodeAddress& address);
  NodeAddress NodeFor(int slot);
  void RefreshMap();
  void DropNode(const NodeAddress& address);
  void Backoff(int attempt) const;
  // WAIT on `node` after a write it accepted.
  void AwaitReplicas(const NodeAddress& node);
  void NoteWatch(const Args& args, const Reply& reply, const NodeAddress& node, int slot);

  RedisOptions options_;
  NodeAddress seed_;
  SlotMap map_;
  bool map_loaded_ = false;
  std::map<NodeAddress, std::unique_ptr<Connection>> nodes_;
  // Where the pending WATCH was sent, and for which slot.
  std::optional<NodeAddress> watch_node_;
  int watch_slot_ = -1;
};

}  // namespace ansinh::redis
