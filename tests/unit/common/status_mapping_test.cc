#include "server/status_mapping.h"

#include <grpcpp/support/error_details.h>
#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "redis/redis_error.h"

namespace ansinh::server {
namespace {

TEST(StatusMapping, InvalidArgumentListsEveryViolation) {
  grpc::Status status =
      InvalidArgument({{"members[0].national_id", "must be 12 digits"}, {"address", "must not be empty"}});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("members[0].national_id"), std::string::npos);
  EXPECT_NE(status.error_message().find("address"), std::string::npos);
  google::rpc::Status rich;
  ASSERT_TRUE(grpc::ExtractErrorDetails(status, &rich).ok());
  ASSERT_EQ(rich.details_size(), 1);
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(rich.details(0).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(1).field(), "address");
}

grpc::Status MapThrown(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (...) {
    return StatusFromCurrentException("Test.Method");
  }
}

TEST(StatusMapping, RedisErrorsBecomeRetryableStatuses) {
  EXPECT_EQ(MapThrown(std::make_exception_ptr(redis::ConnectionError("down"))).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(MapThrown(std::make_exception_ptr(redis::TimeoutError("slow"))).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(MapThrown(std::make_exception_ptr(redis::TransactionAborted())).error_code(),
            grpc::StatusCode::ABORTED);
  grpc::Status internal = MapThrown(std::make_exception_ptr(std::runtime_error("secret detail")));
  EXPECT_EQ(internal.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(internal.error_message().find("secret detail"), std::string::npos);
}

}  // namespace
}  // namespace ansinh::server
