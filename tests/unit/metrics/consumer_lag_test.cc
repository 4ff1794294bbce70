#include "metrics/consumer_lag.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace ansinh::metrics {
namespace {

redis::Reply Text(const std::string& text) {
  redis::Reply reply;
  reply.type = redis::Reply::Type::kString;
  reply.str = text;
  return reply;
}

redis::Reply Integer(long long value) {
  redis::Reply reply;
  reply.type = redis::Reply::Type::kInteger;
  reply.integer = value;
  return reply;
}

redis::Reply Array(std::vector<redis::Reply> elements) {
  redis::Reply reply;
  reply.type = redis::Reply::Type::kArray;
  reply.elements = std::move(elements);
  return reply;
}

// One group as Redis 7.0 describes it in XINFO GROUPS.
redis::Reply Group(const std::string& name, long long pending, redis::Reply lag) {
  return Array({Text("name"), Text(name), Text("consumers"), Integer(1), Text("pending"), Integer(pending),
                Text("last-delivered-id"), Text("1700000000000-0"), Text("entries-read"), Integer(10),
                Text("lag"), std::move(lag)});
}

TEST(ConsumerLagTest, AddsUndeliveredAndUnacknowledgedOfTheNamedGroup) {
  struct Case {
    std::string description;
    redis::Reply reply;
    std::string group;
    std::optional<int64_t> expected;
  };
  const std::vector<Case> cases{
      {"caught up", Array({Group("classification", 0, Integer(0))}), "classification", 0},
      {"undelivered and pending", Array({Group("classification", 3, Integer(5))}), "classification", 8},
      {"picks its own group", Array({Group("assignment", 9, Integer(9)), Group("monitoring", 1, Integer(2))}),
       "monitoring", 3},
      {"group absent", Array({Group("assignment", 0, Integer(0))}), "monitoring", std::nullopt},
      {"lag unknown after deletions", Array({Group("monitoring", 2, redis::Reply{})}), "monitoring",
       std::nullopt},
      {"no groups at all", Array({}), "monitoring", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ConsumerLagOf(c.reply, c.group), c.expected) << c.description;
  }
}

}  // namespace
}  // namespace ansinh::metrics
