#include "redis/cluster_redirect.h"

#include <gtest/gtest.h>

namespace ansinh::redis {
namespace {

TEST(ClusterRedirectTest, ParsesMoved) {
  const std::optional<Redirect> redirect = ParseRedirect("MOVED 3999 127.0.0.1:6381");
  ASSERT_TRUE(redirect.has_value());
  EXPECT_EQ(redirect->kind, Redirect::Kind::kMoved);
  EXPECT_EQ(redirect->slot, 3999);
  EXPECT_EQ(redirect->host, "127.0.0.1");
  EXPECT_EQ(redirect->port, 6381);
}

TEST(ClusterRedirectTest, ParsesAskAndIpv6Hosts) {
  const std::optional<Redirect> redirect = ParseRedirect("ASK 16383 ::1:7002");
  ASSERT_TRUE(redirect.has_value());
  EXPECT_EQ(redirect->kind, Redirect::Kind::kAsk);
  EXPECT_EQ(redirect->slot, 16383);
  EXPECT_EQ(redirect->host, "::1");
  EXPECT_EQ(redirect->port, 7002);
}

TEST(ClusterRedirectTest, OtherOrMalformedErrorsAreNoRedirect) {
  EXPECT_FALSE(ParseRedirect("ERR wrong number of arguments").has_value());
  EXPECT_FALSE(ParseRedirect("MOVED").has_value());
  EXPECT_FALSE(ParseRedirect("MOVED 12 nohostport").has_value());
  EXPECT_FALSE(ParseRedirect("MOVED 16384 127.0.0.1:7000").has_value());  // no such slot
  EXPECT_FALSE(ParseRedirect("MOVED -1 127.0.0.1:7000").has_value());
  EXPECT_FALSE(ParseRedirect("MOVED x 127.0.0.1:7000").has_value());
  EXPECT_FALSE(ParseRedirect("ASK 12 127.0.0.1:port").has_value());
  EXPECT_FALSE(ParseRedirect("ASK 12 :7000").has_value());
  EXPECT_FALSE(ParseRedirect("MOVEDX 12 127.0.0.1:7000").has_value());
}

TEST(ClusterRedirectTest, TryAgainAndClusterDownAreTransient) {
  EXPECT_TRUE(IsTransientClusterError("TRYAGAIN Multiple keys request during rehashing of slot"));
  EXPECT_TRUE(IsTransientClusterError("CLUSTERDOWN The cluster is down"));
  // A blocked XREADGROUP whose stream a resharding moved away (found by
  // ClusterResharding in stack_cluster_resharding_test.cc: it ended the
  // consumers of assignment and monitoring).
  EXPECT_TRUE(IsTransientClusterError("UNBLOCKED the stream key no longer exists"));
  EXPECT_FALSE(IsTransientClusterError("ERR unknown command"));
  EXPECT_FALSE(IsTransientClusterError("MOVED 1 127.0.0.1:7000"));
}

}  // namespace
}  // namespace ansinh::redis
