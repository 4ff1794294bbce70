#include "metrics/rpc_metrics_interceptor.h"

#include <gtest/gtest.h>

namespace ansinh::metrics {
namespace {

TEST(RpcMetricsInterceptorTest, NamesEveryCanonicalStatusCode) {
  struct Case {
    grpc::StatusCode code;
    std::string name;
  };
  for (const Case& c :
       {Case{grpc::StatusCode::OK, "OK"}, Case{grpc::StatusCode::CANCELLED, "CANCELLED"},
        Case{grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT"},
        Case{grpc::StatusCode::NOT_FOUND, "NOT_FOUND"},
        Case{grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED"},
        Case{grpc::StatusCode::FAILED_PRECONDITION, "FAILED_PRECONDITION"},
        Case{grpc::StatusCode::ABORTED, "ABORTED"}, Case{grpc::StatusCode::UNAVAILABLE, "UNAVAILABLE"},
        Case{grpc::StatusCode::UNAUTHENTICATED, "UNAUTHENTICATED"},
        Case{static_cast<grpc::StatusCode>(42), "CODE_42"}}) {
    EXPECT_EQ(StatusCodeName(c.code), c.name);
  }
}

TEST(RpcMetricsInterceptorTest, MethodLabelDropsTheLeadingSlash) {
  EXPECT_EQ(MethodLabel("/ansinh.v1.Registry/GetHousehold"), "ansinh.v1.Registry/GetHousehold");
  EXPECT_EQ(MethodLabel("grpc.health.v1.Health/Check"), "grpc.health.v1.Health/Check");
  EXPECT_EQ(MethodLabel(nullptr), "unknown");
}

}  // namespace
}  // namespace ansinh::metrics
