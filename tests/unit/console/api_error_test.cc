#include "console/api_error.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "console_test_support.h"
#include "kernel/error.h"
#include "server/status_mapping.h"

namespace ansinh::console {
namespace {

using testing::Words;

TEST(StatusMapping, EachCodeHasItsHttpStatus) {
  const std::vector<std::pair<grpc::StatusCode, int>> expected = {
      {grpc::StatusCode::INVALID_ARGUMENT, 400},
      {grpc::StatusCode::UNAUTHENTICATED, 401},
      {grpc::StatusCode::PERMISSION_DENIED, 403},
      {grpc::StatusCode::NOT_FOUND, 404},
      {grpc::StatusCode::ALREADY_EXISTS, 409},
      {grpc::StatusCode::ABORTED, 409},
      {grpc::StatusCode::FAILED_PRECONDITION, 409},
      {grpc::StatusCode::RESOURCE_EXHAUSTED, 429},
      {grpc::StatusCode::UNAVAILABLE, 503},
      {grpc::StatusCode::DEADLINE_EXCEEDED, 504},
      {grpc::StatusCode::INTERNAL, 500},
      {grpc::StatusCode::UNKNOWN, 500},
      {grpc::StatusCode::UNIMPLEMENTED, 500},
      {grpc::StatusCode::OUT_OF_RANGE, 500},
      {grpc::StatusCode::DATA_LOSS, 500},
      {grpc::StatusCode::CANCELLED, 500},
  };
  for (const auto& [code, http] : expected) {
    EXPECT_EQ(HttpStatusOf(code), http) << StatusCodeName(code);
    EXPECT_EQ(ApiErrorFromStatus(grpc::Status(code, "x"), Words(i18n::Language::kEnglish)).http_status, http);
  }
}

TEST(StatusMapping, InvalidArgumentCarriesEachViolationInTheRequestsLanguage) {
  FieldViolation negative{"household.members[0].monthly_social_allowance_vnd", "must not be negative",
                          "violation.negative"};
  FieldViolation unkeyed{"household.address", "is too long"};
  const grpc::Status status = server::ToStatus(Error::InvalidArgument({negative, unkeyed}));

  const ApiError vietnamese = ApiErrorFromStatus(status, Words(i18n::Language::kVietnamese));
  EXPECT_EQ(vietnamese.http_status, 400);
  EXPECT_EQ(vietnamese.code, "INVALID_ARGUMENT");
  EXPECT_EQ(vietnamese.key, "error.invalid_request");
  EXPECT_NE(vietnamese.message.find("yêu cầu không hợp lệ"), std::string::npos) << vietnamese.message;
  ASSERT_EQ(vietnamese.violations.size(), 2u);
  EXPECT_EQ(vietnamese.violations[0].field, "household.members[0].monthly_social_allowance_vnd");
  EXPECT_EQ(vietnamese.violations[0].description, "không được là số âm");
  // Without a key, the service's own words.
  EXPECT_EQ(vietnamese.violations[1].field, "household.address");
  EXPECT_EQ(vietnamese.violations[1].description, "is too long");

  const ApiError english = ApiErrorFromStatus(status, Words(i18n::Language::kEnglish));
  EXPECT_EQ(english.violations[0].description, "must not be negative");
  EXPECT_EQ(english.message, status.error_message());
}

TEST(StatusMapping, AKeyedRefusalIsWordedWithItsArguments) {
  const grpc::Status status =
      server::ToStatus(Error::NotFound("no household HH-000123")
                           .WithKey("error.household.not_found", {{"household", "HH-000123"}}));
  const ApiError error = ApiErrorFromStatus(status, Words(i18n::Language::kVietnamese));
  EXPECT_EQ(error.http_status, 404);
  EXPECT_EQ(error.key, "error.household.not_found");
  EXPECT_EQ(error.message, "không có hộ HH-000123");
}

TEST(StatusMapping, ConnectionFailuresGetTheConsolesWordsNotGrpcs) {
  const grpc::Status status(grpc::StatusCode::UNAVAILABLE,
                            "failed to connect to all addresses; last error: 127.0.0.1:50051 refused");
  const ApiError error = ApiErrorFromStatus(status, Words(i18n::Language::kVietnamese));
  EXPECT_EQ(error.http_status, 503);
  EXPECT_EQ(error.key, "error.console.unavailable");
  EXPECT_EQ(error.message.find("50051"), std::string::npos);
  EXPECT_EQ(error.message, Words(i18n::Language::kVietnamese).Text("error.console.unavailable"));
  EXPECT_EQ(ApiErrorFromStatus(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "Deadline Exceeded"),
                               Words(i18n::Language::kEnglish))
                .key,
            "error.console.timeout");
}

TEST(StatusMapping, TheErrorBodyHasTheContractsShape) {
  ApiError error = ConsoleError(grpc::StatusCode::PERMISSION_DENIED, "error.console.csrf",
                                Words(i18n::Language::kEnglish));
  error.violations.push_back({"x", "y"});
  const nlohmann::json body = nlohmann::json::parse(ErrorBodyJson(error));
  EXPECT_EQ(body["error"]["http_status"], 403);
  EXPECT_EQ(body["error"]["code"], "PERMISSION_DENIED");
  EXPECT_EQ(body["error"]["key"], "error.console.csrf");
  EXPECT_EQ(body["error"]["message"], Words(i18n::Language::kEnglish).Text("error.console.csrf"));
  EXPECT_EQ(body["error"]["violations"][0]["field"], "x");
  EXPECT_EQ(body["error"]["violations"][0]["description"], "y");
}

}  // namespace
}  // namespace ansinh::console
