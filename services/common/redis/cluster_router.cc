#include "redis/cluster_router.h"

#include <strings.h>
#include <algorithm>
#include <set>
#include <thread>

#include "redis/cluster_redirect.h"
#include "redis/command_keys.h"
#include "redis/redis_error.h"
#include "redis/single_slot.h"

namespace ansinh::redis {
namespace {

// MOVED/ASK hops for one command: a slot moves once per reshard step, so
// more than a few in a row means the map keeps going stale under us.
constexpr int kMaxRedirects = 5;
// TRYAGAIN/CLUSTERDOWN: 25, 50, 100, 200, then 400 ms pauses, about 3 s in
// all, enough for a replica's promotion with a short cluster-node-timeout.
constexpr int kMaxTransientRetries = 10;

bool IsCommandNamed(const Args& args, const char* name) {
  return !args.empty() && strcasecmp(args[0].c_str(), name) == 0;
}

bool HoldsMulti(const std::vector<Args>& commands) {
  return std::any_of(commands.begin(), commands.end(),
                     [](const Args& args) { return IsCommandNamed(args, "MULTI"); });
}

// A reply that says "not here" or "not now": nothing was done with the command.
bool IsClusterBounce(const Reply& reply) {
  return reply.IsError() && (ParseRedirect(reply.str).has_value() || IsTransientClusterError(reply.str));
}

// May be sent again after a connection broke mid-call: reads that change
// nothing. Writes may have run; XREADGROUP and the claims may have moved
// entries into our pending list, which the consumer runner re-reads only when
// it hears of the broken connection.
bool ResendSafe(const Args& args) {
  return !IsWriteCommand(args) && !IsCommandNamed(args, "XREADGROUP") &&
         !IsCommandNamed(args, "XAUTOCLAIM") && !IsCommandNamed(args, "XCLAIM");
}

Reply SendToNode(Connection& node, const Args& args, bool asking) {
  if (!asking) return node.Pipeline({args})[0];
  return node.Pipeline({{"ASKING"}, args})[1];
}

}  // namespace

ClusterRouter::ClusterRouter(RedisOptions options)
    : options_(std::move(options)), seed_{options_.host, options_.port} {}

ClusterRouter::~ClusterRouter() = default;

bool ClusterRouter::connected() const {
  return std::any_of(nodes_.begin(), nodes_.end(), [](const auto& node) { return node.second->connected(); });
}

void ClusterRouter::Disconnect() {
  for (auto& [address, node] : nodes_) node->Disconnect();
  watch_node_.reset();
}

Connection& ClusterRouter::Node(const NodeAddress& address) {
  auto found = nodes_.find(address);
  if (found != nodes_.end()) return *found->second;
  RedisOptions node_options = options_;
  node_options.host = address.host;
  node_options.port = address.port;
  node_options.cluster = false;
  node_options.check_single_slot = false;
  return *nodes_.emplace(address, std::make_unique<Connection>(node_options)).first->second;
}

void ClusterRouter::DropNode(const NodeAddress& address) {
  auto found = nodes_.find(address);
  if (found != nodes_.end()) found->second->Disconnect();
  if (watch_node_ == address) watch_node_.reset();
}

void ClusterRouter::RefreshMap() {
  // Known masters first (the seed may be the node that just died), then the
  // seed and every other node met so far.
  std::vector<NodeAddress> candidates = map_.Masters();
  candidates.push_back(seed_);
  for (const auto& [address, node] : nodes_) candidates.push_back(address);
  std::set<NodeAddress> tried;
  std::string failures;
  for (const NodeAddress& candidate : candidates) {
    if (!tried.insert(candidate).second) continue;
    try {
      Reply reply = Node(candidate).Pipeline({{"CLUSTER", "SLOTS"}})[0];
      if (reply.IsError()) {
        failures += " " + candidate.ToString() + ": " + reply.str + ";";
        continue;
      }
      map_ = SlotMap::FromClusterSlots(reply, candidate.host);
      map_loaded_ = true;
      return;
    } catch (const ConnectionError& error) {
      failures += " " + candidate.ToString() + ": " + error.what() + ";";
    }
  }
  throw ConnectionError("no redis cluster node answered CLUSTER SLOTS:" + failures);
}

NodeAddress ClusterRouter::NodeFor(int slot) {
  if (!map_loaded_) RefreshMap();
  if (slot < 0) {
    const std::vector<NodeAddress> masters = map_.Masters();
    return masters.empty() ? seed_ : masters.front();
  }
  if (const NodeAddress* master = map_.MasterOf(slot)) return *master;
  RefreshMap();
  if (const NodeAddress* master = map_.MasterOf(slot)) return *master;
  throw ConnectionError("no redis cluster node serves slot " + std::to_string(slot));
}

void ClusterRouter::Backoff(int attempt) const {
  const auto pause = std::chrono::milliseconds(25) * (1 << std::min(attempt, 4));
  std::this_thread::sleep_for(pause);
}

void ClusterRouter::ForgetBrokenNode(const NodeAddress& node) {
  DropNode(node);
  try {
    RefreshMap();
  } catch (const ConnectionError&) {
    // No node answers now: the next call reads the map again.
    map_loaded_ = false;
  }
}

ClusterRouter::Routed ClusterRouter::Execute(int slot, const Sender& send, bool resend_safe) {
  bool reconnected = false;
  int redirects = 0;
  int transient = 0;
  std::optional<NodeAddress> ask_target;
  while (true) {
    const NodeAddress node = ask_target ? *ask_target : NodeFor(slot);
    Reply reply;
    Connection& connection = Node(node);
    const bool was_connected = connection.connected();
    try {
      reply = send(connection, ask_target.has_value());
    } catch (const ConnectionError&) {
      // The node may have died and its replica taken over: read the map
      // again and try once more; a second failure reaches the caller.
      ForgetBrokenNode(node);
      if (reconnected || (!resend_safe && was_connected)) throw;
      reconnected = true;
      ask_target.reset();
      continue;
    }
    ask_target.reset();
    if (!reply.IsError()) return {std::move(reply), node};
    if (std::optional<Redirect> redirect = ParseRedirect(reply.str)) {
      if (++redirects > kMaxRedirects) return {std::move(reply), node};
      const NodeAddress target{redirect->host, redirect->port};
      if (redirect->kind == Redirect::Kind::kMoved) {
        // Other slots have probably moved too: read the whole map, but trust
        // the MOVED for this slot even if the node asked lags behind.
        RefreshMap();
        map_.Assign(redirect->slot, target);
      } else {
        ask_target = target;
      }
      continue;
    }
    if (IsTransientClusterError(reply.str) && transient < kMaxTransientRetries) {
      Backoff(transient++);
      continue;
    }
    return {std::move(reply), node};
  }
}

void ClusterRouter::NoteWatch(const Args& args, const Reply& reply, const NodeAddress& node, int slot) {
  if (IsCommandNamed(args, "WATCH") && !reply.IsError()) {
    watch_node_ = node;
    watch_slot_ = slot;
  } else if (IsCommandNamed(args, "UNWATCH") || IsCommandNamed(args, "EXEC") ||
             IsCommandNamed(args, "DISCARD")) {
    watch_node_.reset();
  }
}

void ClusterRouter::AwaitReplicas(const NodeAddress& node) {
  if (options_.wait_replicas <= 0) return;
  Reply reply;
  try {
    reply = Node(node).BlockingCommand(
        {"WAIT", std::to_string(options_.wait_replicas), std::to_string(options_.wait_timeout.count())},
        options_.wait_timeout);
  } catch (const ReplyError& error) {
    // A failover demotes the master while WAIT blocks on it: Redis ends the
    // WAIT with UNBLOCKED. The write ran on a node that is now a replica and
    // may be gone with the failover, so it is as unacknowledged as a WAIT
    // that timed out; ReplyError would read as a bug and end a consumer.
    throw ReplicationError("redis " + node.ToString() + ": the wait for replicas ended early (" +
                           error.what() + "); the write may be lost in a failover");
  }
  if (reply.AsInteger() < options_.wait_replicas) {
    throw ReplicationError("redis " + node.ToString() + ": " + std::to_string(reply.integer) + " of " +
                           std::to_string(options_.wait_replicas) + " replicas took the write within " +
                           std::to_string(options_.wait_timeout.count()) +
                           " ms; it is on the master and may still be read, but a failover could lose it");
  }
}

Reply ClusterRouter::Command(const Args& args) {
  const int slot = SlotOfCommand(args);
  Routed routed;
  if (slot < 0 && watch_node_ && IsCommandNamed(args, "UNWATCH")) {
    // UNWATCH names no key but must reach the node holding the WATCH.
    routed = {SendToNode(Node(*watch_node_), args, false), *watch_node_};
  } else {
    routed = Execute(
        slot, [&args](Connection& node, bool asking) { return SendToNode(node, args, asking); },
        ResendSafe(args));
  }
  NoteWatch(args, routed.reply, routed.node, slot);
  if (routed.reply.IsError()) ThrowErrorReply(routed.reply.str);
  if (IsWriteCommand(args)) AwaitReplicas(routed.node);
  return std::move(routed.reply);
}

std::vector<Reply> ClusterRouter::Pipeline(const std::vector<Args>& commands) {
  if (commands.empty()) return {};
  return HoldsMulti(commands) ? ExecTransaction(commands) : SplitPipeline(commands);
}

std::vector<Reply> ClusterRouter::ExecTransaction(const std::vector<Args>& commands) {
  const int slot = SingleSlotOf(commands);
  if (watch_node_ && watch_slot_ >= 0 && slot >= 0 && slot != watch_slot_) {
    throw CrossSlotError("redis transaction on slot " + std::to_string(slot) + " after a WATCH on slot " +
                         std::to_string(watch_slot_) + ": a transaction and its WATCH must share one slot");
  }
  for (int attempt = 0;; ++attempt) {
    const NodeAddress node = slot < 0 && watch_node_ ? *watch_node_ : NodeFor(slot);
    if (watch_node_ && *watch_node_ != node) {
      // The slot moved since the WATCH: the new owner never saw it, so
      // running there would skip the check. Abort; callers read and retry.
      try {
        Node(*watch_node_).Pipeline({{"UNWATCH"}});
      } catch (const RedisError&) {
        // The old owner may be gone; its WATCH goes with the connection.
      }
      watch_node_.reset();
      throw TransactionAborted();
    }
    std::vector<Reply> replies;
    try {
      replies = Node(node).Pipeline(commands);
    } catch (const ConnectionError&) {
      // EXEC may or may not have run: no blind retry. Re-read the map so the
      // caller's retry reaches the new master.
      ForgetBrokenNode(node);
      throw;
    }
    const bool bounced = std::any_of(replies.begin(), replies.end() - 1, IsClusterBounce);
    if (!bounced) {
      watch_node_.reset();
      if (replies.back().IsArray()) AwaitReplicas(node);
      return replies;
    }
    // A queued command was redirected or refused for now: EXEC aborted and
    // nothing ran.
    const auto first = std::find_if(replies.begin(), replies.end() - 1, IsClusterBounce);
    if (std::optional<Redirect> redirect = ParseRedirect(first->str);
        redirect && redirect->kind == Redirect::Kind::kMoved) {
      RefreshMap();
      map_.Assign(redirect->slot, NodeAddress{redirect->host, redirect->port});
    }
    if (watch_node_) {
      watch_node_.reset();
      throw TransactionAborted();
    }
    // ASK (a slot half migrated) and TRYAGAIN settle once the migration
    // moves on; MOVED is followed at once.
    if (attempt >= kMaxTransientRetries) return replies;
    if (!ParseRedirect(first->str) || ParseRedirect(first->str)->kind != Redirect::Kind::kMoved)
      Backoff(attempt);
  }
}

std::vector<Reply> ClusterRouter::SplitPipeline(const std::vector<Args>& commands) {
  std::vector<Reply> replies(commands.size());
  std::vector<int> slots;
  slots.reserve(commands.size());
  std::map<NodeAddress, std::vector<size_t>> groups;
  for (size_t i = 0; i < commands.size(); ++i) {
    slots.push_back(SlotOfCommand(commands[i]));
    const NodeAddress node = slots[i] < 0 && watch_node_ && IsCommandNamed(commands[i], "UNWATCH")
                                 ? *watch_node_
                                 : NodeFor(slots[i]);
    groups[node].push_back(i);
  }
  std::set<NodeAddress> written;
  std::vector<size_t> again;
  std::optional<ConnectionError> unsafe_failure;
  for (const auto& [node, indices] : groups) {
    std::vector<Args> batch;
    for (size_t i : indices) batch.push_back(commands[i]);
    std::vector<Reply> got;
    Connection& connection = Node(node);
    const bool was_connected = connection.connected();
    try {
      got = connection.Pipeline(batch);
    } catch (const ConnectionError& error) {
      ForgetBrokenNode(node);
      // Writes that may have run are not sent twice.
      const bool resend_safe = std::all_of(batch.begin(), batch.end(), ResendSafe);
      if (!resend_safe && was_connected) {
        unsafe_failure.emplace(error);
      } else {
        again.insert(again.end(), indices.begin(), indices.end());
      }
      continue;
    }
    for (size_t k = 0; k < indices.size(); ++k) {
      const size_t i = indices[k];
      replies[i] = std::move(got[k]);
      if (IsClusterBounce(replies[i])) {
        again.push_back(i);
        continue;
      }
      NoteWatch(commands[i], replies[i], node, slots[i]);
      if (!replies[i].IsError() && IsWriteCommand(commands[i])) written.insert(node);
    }
  }
  // The other nodes' writes have run: they get their WAIT, then the caller
  // hears of the broken node.
  if (unsafe_failure) {
    for (const NodeAddress& node : written) AwaitReplicas(node);
    throw *unsafe_failure;
  }
  std::sort(again.begin(), again.end());
  for (size_t i : again) {
    const Args& args = commands[i];
    Routed routed = Execute(
        slots[i], [&args](Connection& node, bool asking) { return SendToNode(node, args, asking); },
        ResendSafe(args));
    NoteWatch(args, routed.reply, routed.node, slots[i]);
    if (!routed.reply.IsError() && IsWriteCommand(args)) written.insert(routed.node);
    replies[i] = std::move(routed.reply);
  }
  for (const NodeAddress& node : written) AwaitReplicas(node);
  return replies;
}

Reply ClusterRouter::BlockingCommand(const Args& args, std::chrono::milliseconds block) {
  int slot = -1;
  try {
    slot = SlotOfCommand(args);
  } catch (const CrossSlotError& error) {
    throw CrossSlotError(
        std::string("a blocking read in cluster mode must keep to one slot (read each slot's "
                    "streams on its own, as ConsumerRunner does): ") +
        error.what());
  }
  Routed routed = Execute(
      slot,
      [&args, block](Connection& node, bool asking) {
        if (asking) node.Command({"ASKING"});
        try {
          return node.BlockingCommand(args, block);
        } catch (const ReplyError& error) {
          Reply reply;
          reply.type = Reply::Type::kError;
          reply.str = error.what();
          return reply;
        }
      },
      ResendSafe(args));
  if (routed.reply.IsError()) ThrowErrorReply(routed.reply.str);
  if (IsWriteCommand(args)) AwaitReplicas(routed.node);
  return std::move(routed.reply);
}

}  // namespace ansinh::redis
