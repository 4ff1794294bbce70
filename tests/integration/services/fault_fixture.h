// Shared by the fault tests (fault_*_test.cc): the whole ward on a real
// Redis, the `ansinh` CLI run as a subprocess with a bounded wait, and
// readers that look at the streams and consumer groups directly in Redis, so
// a test can tell "applied once" from "applied twice" by what was published.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ansinh/v1/envelope.pb.h"
#include "ansinh/v1/operations.grpc.pb.h"
#include "events/envelope_codec.h"
#include "events/stream_names.h"
#include "eventually.h"
#include "redis/redis_connection.h"
#include "ward_stack.h"

namespace ansinh::testkit {

inline const std::string& AnsinhCli() {
  static const std::string path = std::string(ANSINH_BIN_DIR) + "/ansinh";
  return path;
}

struct CliRun {
  int exit_code = -1;  // -1: killed or timed out
  std::string output;  // stdout and stderr together
};

// Runs `ansinh <args>` against the stack with `token`, waiting at most
// `timeout`; a command still running then is killed (exit_code -1).
inline CliRun RunCli(WardStack& stack, const std::string& token, const std::vector<std::string>& args,
                     std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
  static int runs = 0;
  std::vector<std::string> argv{AnsinhCli(),
                                "--registry",
                                stack.service("registry").address(),
                                "--classification",
                                stack.service("classification").address(),
                                "--assignment",
                                stack.service("assignment").address(),
                                "--monitoring",
                                stack.service("monitoring").address(),
                                "--token",
                                token};
  argv.insert(argv.end(), args.begin(), args.end());
  const std::string log = stack.dir() + "/cli-" + std::to_string(++runs) + ".log";
  ChildProcess cli;
  cli.Start(argv, log);
  CliRun run;
  const std::optional<int> status = cli.Wait(timeout);
  if (!status) {
    cli.Kill();
  } else if (WIFEXITED(*status)) {
    run.exit_code = WEXITSTATUS(*status);
  }
  run.output = cli.ReadLog();
  return run;
}

// Every event of one stream, in order, decoded.
inline std::vector<v1::EventEnvelope> ReadStream(redis::Connection& redis, const std::string& stream) {
  std::vector<v1::EventEnvelope> events;
  std::string start = "-";
  while (true) {
    redis::Reply reply = redis.Command({"XRANGE", stream, start, "+", "COUNT", "1000"});
    if (reply.elements.empty()) break;
    for (const auto& item : reply.elements) {
      const events::StreamEntry entry = events::ParseEntryReply(item);
      std::string error;
      if (auto event = events::DecodeEntry(entry, &error)) events.push_back(std::move(*event));
      start = "(" + entry.id;
    }
  }
  return events;
}

inline std::map<std::string, int> CountByType(const std::vector<v1::EventEnvelope>& events) {
  std::map<std::string, int> counts;
  for (const auto& event : events) ++counts[event.event_type()];
  return counts;
}

// How far `group` is behind on `stream`: entries not yet delivered to it plus
// entries delivered but not acknowledged. Zero means it has caught up.
inline int64_t Backlog(redis::Connection& redis, const std::string& stream, const std::string& group) {
  redis::Reply last = redis.Command({"XREVRANGE", stream, "+", "-", "COUNT", "1"});
  const std::string newest = last.elements.empty() ? "0-0" : last.elements[0].elements[0].str;
  redis::Reply groups = redis.Command({"XINFO", "GROUPS", stream});
  for (const auto& entry : groups.elements) {
    std::map<std::string, const redis::Reply*> fields;
    for (size_t i = 0; i + 1 < entry.elements.size(); i += 2) {
      fields[entry.elements[i].str] = &entry.elements[i + 1];
    }
    if (fields["name"] == nullptr || fields["name"]->str != group) continue;
    const int64_t pending = fields["pending"] ? fields["pending"]->integer : 0;
    int64_t lag = 0;
    if (fields["last-delivered-id"] && fields["last-delivered-id"]->str != newest) {
      // "lag" is exact unless entries were deleted; either way not caught up.
      lag = fields["lag"] && fields["lag"]->type == redis::Reply::Type::kInteger
                ? std::max<int64_t>(fields["lag"]->integer, 1)
                : 1;
    }
    return pending + lag;
  }
  // No group yet: everything is still to come.
  return redis.Command({"XLEN", stream}).AsInteger();
}

inline int64_t TotalBacklog(redis::Connection& redis, const std::vector<std::string>& streams,
                            const std::string& group) {
  int64_t total = 0;
  for (const auto& stream : streams) total += Backlog(redis, stream, group);
  return total;
}

// How many aggregates `group` has marked applied (its applied hash, partition 0).
inline int64_t AppliedAggregates(redis::Connection& redis, const std::string& group) {
  return redis.Command({"HLEN", events::AppliedKey(group, 0)}).AsInteger();
}

inline const std::string& RegistryStream() {
  static const std::string stream = events::EventStream(events::kRegistrySource, 0);
  return stream;
}
inline const std::string& ClassificationStream() {
  static const std::string stream = events::EventStream(events::kClassificationSource, 0);
  return stream;
}
inline const std::string& AssignmentStream() {
  static const std::string stream = events::EventStream(events::kAssignmentSource, 0);
  return stream;
}

}  // namespace ansinh::testkit
