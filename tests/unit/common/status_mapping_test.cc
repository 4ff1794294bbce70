#include "server/status_mapping.h"

#include <grpcpp/support/error_details.h>
#include <gtest/gtest.h>

#include <optional>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "redis/redis_error.h"

namespace ansinh::server {
namespace {

// The BadRequest of a status, or nullopt when it carries none.
std::optional<google::rpc::BadRequest> BadRequestOf(const grpc::Status& status) {
  google::rpc::Status rich;
  if (!grpc::ExtractErrorDetails(status, &rich).ok() || rich.details_size() != 1) return std::nullopt;
  google::rpc::BadRequest bad_request;
  if (!rich.details(0).UnpackTo(&bad_request)) return std::nullopt;
  return bad_request;
}

TEST(StatusMapping, InvalidArgumentListsEveryViolation) {
  grpc::Status status = ToStatus(Error::InvalidArgument(
      {{"members[0].national_id", "must be 12 digits"}, {"address", "must not be empty"}}));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // The message clients show when they do not read the details; integration
  // tests and the CLI's users read it as it is.
  EXPECT_EQ(status.error_message(),
            "invalid request: members[0].national_id: must be 12 digits; address: must not be empty");
  const std::optional<google::rpc::BadRequest> bad_request = BadRequestOf(status);
  ASSERT_TRUE(bad_request.has_value());
  ASSERT_EQ(bad_request->field_violations_size(), 2);
  EXPECT_EQ(bad_request->field_violations(0).field(), "members[0].national_id");
  EXPECT_EQ(bad_request->field_violations(0).description(), "must be 12 digits");
  EXPECT_EQ(bad_request->field_violations(1).field(), "address");
}

TEST(StatusMapping, EachErrorCodeHasItsStatusCodeAndKeepsTheMessage) {
  const struct {
    Error error;
    grpc::StatusCode code;
  } cases[] = {
      {Error::InvalidArgument("standards directory holds no standard"), grpc::StatusCode::INVALID_ARGUMENT},
      {Error::FailedPrecondition("round R1 is not open"), grpc::StatusCode::FAILED_PRECONDITION},
      {Error::NotFound("no round R9"), grpc::StatusCode::NOT_FOUND},
      {Error::AlreadyExists("round R1 already exists"), grpc::StatusCode::ALREADY_EXISTS},
      {Error::PermissionDenied("only the case's organization may answer"),
       grpc::StatusCode::PERMISSION_DENIED},
  };
  for (const auto& [error, code] : cases) {
    const grpc::Status status = ToStatus(error);
    EXPECT_EQ(status.error_code(), code) << error.message;
    EXPECT_EQ(status.error_message(), error.message);
    // Without violations there is nothing for a BadRequest to list.
    EXPECT_FALSE(BadRequestOf(status).has_value()) << error.message;
  }
}

TEST(StatusMapping, ViolationsTravelWithAFailedPreconditionToo) {
  const grpc::Status status = ToStatus(Error::FailedPrecondition(
      "survey S1 cannot be classified", {{"survey.members[0].date_of_birth", "is missing"}}));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "survey S1 cannot be classified");
  const std::optional<google::rpc::BadRequest> bad_request = BadRequestOf(status);
  ASSERT_TRUE(bad_request.has_value());
  ASSERT_EQ(bad_request->field_violations_size(), 1);
  EXPECT_EQ(bad_request->field_violations(0).field(), "survey.members[0].date_of_birth");
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
