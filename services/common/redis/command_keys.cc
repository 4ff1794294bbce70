#include "redis/command_keys.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_map>

#include "redis/redis_error.h"

namespace ansinh::redis {
namespace {

// The shapes of key arguments among the commands ansinh uses, after the key
// specifications of Redis's COMMAND DOCS.
enum class KeyShape {
  kNone,        // no keys
  kFirst,       // args[1]
  kAllFromOne,  // args[1..]: DEL, EXISTS, WATCH, SUNION, MGET
  kPairs,       // args[1], args[3], ...: MSET
  kSecond,      // args[2]: XINFO STREAM <key>, XGROUP CREATE <key>, MEMORY USAGE <key>
  kFirstTwo,    // args[1], args[2]: SMOVE, RENAME, COPY
  kNumkeysAt1,  // ZINTERCARD numkeys key...
  kNumkeysAt2,  // EVAL script numkeys key... arg...
  kStreams,     // XREAD/XREADGROUP ... STREAMS key... id...: the first half
};

struct CommandSpec {
  KeyShape shape;
  // Changes data a failover could lose: cluster mode follows it with WAIT.
  // XREADGROUP and XAUTOCLAIM only move entries between pending lists; a
  // lost move is a redelivery, which the consumers' applied marks absorb.
  bool writes;
};

const std::unordered_map<std::string_view, CommandSpec>& SpecTable() {
  static const std::unordered_map<std::string_view, CommandSpec> table = {
      // Keyless: connection, server and cluster administration.
      {"PING", {KeyShape::kNone, false}},
      {"AUTH", {KeyShape::kNone, false}},
      {"HELLO", {KeyShape::kNone, false}},
      {"CLIENT", {KeyShape::kNone, false}},
      {"INFO", {KeyShape::kNone, false}},
      {"CONFIG", {KeyShape::kNone, false}},
      {"CLUSTER", {KeyShape::kNone, false}},
      {"ACL", {KeyShape::kNone, false}},
      {"SCAN", {KeyShape::kNone, false}},
      {"WAIT", {KeyShape::kNone, false}},
      {"DBSIZE", {KeyShape::kNone, false}},
      {"TIME", {KeyShape::kNone, false}},
      {"COMMAND", {KeyShape::kNone, false}},
      {"SCRIPT", {KeyShape::kNone, false}},
      {"FUNCTION", {KeyShape::kNone, false}},
      {"FLUSHALL", {KeyShape::kNone, false}},
      {"FLUSHDB", {KeyShape::kNone, false}},
      {"DEBUG", {KeyShape::kNone, false}},
      {"SHUTDOWN", {KeyShape::kNone, false}},
      {"ASKING", {KeyShape::kNone, false}},
      {"READONLY", {KeyShape::kNone, false}},
      // Transactions: routed with the commands they wrap.
      {"MULTI", {KeyShape::kNone, false}},
      {"EXEC", {KeyShape::kNone, false}},
      {"DISCARD", {KeyShape::kNone, false}},
      {"UNWATCH", {KeyShape::kNone, false}},
      {"WATCH", {KeyShape::kAllFromOne, false}},
      // Strings and generic key commands.
      {"GET", {KeyShape::kFirst, false}},
      {"SET", {KeyShape::kFirst, true}},
      {"SETNX", {KeyShape::kFirst, true}},
      {"GETDEL", {KeyShape::kFirst, true}},
      {"INCR", {KeyShape::kFirst, true}},
      {"INCRBY", {KeyShape::kFirst, true}},
      {"DECR", {KeyShape::kFirst, true}},
      {"DECRBY", {KeyShape::kFirst, true}},
      {"STRLEN", {KeyShape::kFirst, false}},
      {"EXPIRE", {KeyShape::kFirst, true}},
      {"PEXPIRE", {KeyShape::kFirst, true}},
      {"PERSIST", {KeyShape::kFirst, true}},
      {"TTL", {KeyShape::kFirst, false}},
      {"PTTL", {KeyShape::kFirst, false}},
      {"TYPE", {KeyShape::kFirst, false}},
      {"DEL", {KeyShape::kAllFromOne, true}},
      {"UNLINK", {KeyShape::kAllFromOne, true}},
      {"EXISTS", {KeyShape::kAllFromOne, false}},
      {"MGET", {KeyShape::kAllFromOne, false}},
      {"MSET", {KeyShape::kPairs, true}},
      {"RENAME", {KeyShape::kFirstTwo, true}},
      {"COPY", {KeyShape::kFirstTwo, true}},
      {"MEMORY", {KeyShape::kSecond, false}},
      {"OBJECT", {KeyShape::kSecond, false}},
      // Hashes.
      {"HSET", {KeyShape::kFirst, true}},
      {"HSETNX", {KeyShape::kFirst, true}},
      {"HGET", {KeyShape::kFirst, false}},
      {"HMGET", {KeyShape::kFirst, false}},
      {"HGETALL", {KeyShape::kFirst, false}},
      {"HDEL", {KeyShape::kFirst, true}},
      {"HEXISTS", {KeyShape::kFirst, false}},
      {"HINCRBY", {KeyShape::kFirst, true}},
      {"HKEYS", {KeyShape::kFirst, false}},
      {"HVALS", {KeyShape::kFirst, false}},
      {"HLEN", {KeyShape::kFirst, false}},
      {"HSCAN", {KeyShape::kFirst, false}},
      // Lists.
      {"LPUSH", {KeyShape::kFirst, true}},
      {"RPUSH", {KeyShape::kFirst, true}},
      {"LRANGE", {KeyShape::kFirst, false}},
      {"LLEN", {KeyShape::kFirst, false}},
      {"LINDEX", {KeyShape::kFirst, false}},
      {"LTRIM", {KeyShape::kFirst, true}},
      // Sets.
      {"SADD", {KeyShape::kFirst, true}},
      {"SREM", {KeyShape::kFirst, true}},
      {"SMEMBERS", {KeyShape::kFirst, false}},
      {"SISMEMBER", {KeyShape::kFirst, false}},
      {"SCARD", {KeyShape::kFirst, false}},
      {"SSCAN", {KeyShape::kFirst, false}},
      {"SRANDMEMBER", {KeyShape::kFirst, false}},
      {"SUNION", {KeyShape::kAllFromOne, false}},
      {"SMOVE", {KeyShape::kFirstTwo, true}},
      // Sorted sets.
      {"ZADD", {KeyShape::kFirst, true}},
      {"ZREM", {KeyShape::kFirst, true}},
      {"ZCARD", {KeyShape::kFirst, false}},
      {"ZSCORE", {KeyShape::kFirst, false}},
      {"ZRANGE", {KeyShape::kFirst, false}},
      {"ZSCAN", {KeyShape::kFirst, false}},
      {"ZRANGEBYSCORE", {KeyShape::kFirst, false}},
      {"ZREMRANGEBYSCORE", {KeyShape::kFirst, true}},
      {"ZINTERCARD", {KeyShape::kNumkeysAt1, false}},
      // Streams.
      {"XADD", {KeyShape::kFirst, true}},
      {"XACK", {KeyShape::kFirst, true}},
      {"XDEL", {KeyShape::kFirst, true}},
      {"XLEN", {KeyShape::kFirst, false}},
      {"XRANGE", {KeyShape::kFirst, false}},
      {"XREVRANGE", {KeyShape::kFirst, false}},
      {"XTRIM", {KeyShape::kFirst, true}},
      {"XPENDING", {KeyShape::kFirst, false}},
      {"XAUTOCLAIM", {KeyShape::kFirst, false}},
      {"XCLAIM", {KeyShape::kFirst, true}},
      {"XINFO", {KeyShape::kSecond, false}},
      {"XGROUP", {KeyShape::kSecond, true}},
      {"XREAD", {KeyShape::kStreams, false}},
      {"XREADGROUP", {KeyShape::kStreams, false}},
      // Scripts: the keys are declared by count.
      {"EVAL", {KeyShape::kNumkeysAt2, true}},
      {"EVALSHA", {KeyShape::kNumkeysAt2, true}},
  };
  return table;
}

std::string UpperCommandName(std::string_view text) {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return upper;
}

[[noreturn]] void ThrowMalformed(const std::vector<std::string>& args, const std::string& why) {
  throw UnknownCommandError("redis command " + args[0] + " " + why);
}

std::vector<size_t> PositionRange(size_t first, size_t end, size_t step) {
  std::vector<size_t> positions;
  for (size_t i = first; i < end; i += step) positions.push_back(i);
  return positions;
}

std::vector<size_t> NumkeysPositions(const std::vector<std::string>& args, size_t numkeys_at) {
  if (args.size() <= numkeys_at) ThrowMalformed(args, "lacks its numkeys argument");
  size_t count = 0;
  try {
    count = std::stoul(args[numkeys_at]);
  } catch (const std::exception&) {
    ThrowMalformed(args, "has a numkeys that is not a number: " + args[numkeys_at]);
  }
  if (numkeys_at + 1 + count > args.size()) ThrowMalformed(args, "declares more keys than it has");
  return PositionRange(numkeys_at + 1, numkeys_at + 1 + count, 1);
}

std::vector<size_t> StreamPositions(const std::vector<std::string>& args) {
  for (size_t i = 1; i < args.size(); ++i) {
    if (UpperCommandName(args[i]) != "STREAMS") continue;
    const size_t rest = args.size() - i - 1;
    if (rest == 0 || rest % 2 != 0) ThrowMalformed(args, "needs as many ids as streams after STREAMS");
    return PositionRange(i + 1, i + 1 + rest / 2, 1);
  }
  ThrowMalformed(args, "has no STREAMS argument");
}

const CommandSpec& SpecOf(const std::vector<std::string>& args) {
  if (args.empty()) throw UnknownCommandError("empty redis command");
  const auto found = SpecTable().find(UpperCommandName(args[0]));
  if (found == SpecTable().end()) {
    throw UnknownCommandError("redis command " + args[0] +
                              " is not in the key table (services/common/redis/command_keys.cc): add it with "
                              "the positions of its keys before sending it");
  }
  return found->second;
}

}  // namespace

bool IsWriteCommand(const std::vector<std::string>& args) { return SpecOf(args).writes; }

std::vector<size_t> KeyPositions(const std::vector<std::string>& args) {
  switch (SpecOf(args).shape) {
    case KeyShape::kNone:
      return {};
    case KeyShape::kFirst:
      return args.size() > 1 ? std::vector<size_t>{1} : std::vector<size_t>{};
    case KeyShape::kAllFromOne:
      return PositionRange(1, args.size(), 1);
    case KeyShape::kPairs:
      return PositionRange(1, args.size(), 2);
    case KeyShape::kSecond:
      return args.size() > 2 ? std::vector<size_t>{2} : std::vector<size_t>{};
    case KeyShape::kFirstTwo:
      return PositionRange(1, std::min<size_t>(args.size(), 3), 1);
    case KeyShape::kNumkeysAt1:
      return NumkeysPositions(args, 1);
    case KeyShape::kNumkeysAt2:
      return NumkeysPositions(args, 2);
    case KeyShape::kStreams:
      return StreamPositions(args);
  }
  return {};
}

std::vector<std::string> KeysOf(const std::vector<std::string>& args) {
  std::vector<std::string> keys;
  for (size_t position : KeyPositions(args)) keys.push_back(args[position]);
  return keys;
}

}  // namespace ansinh::redis
