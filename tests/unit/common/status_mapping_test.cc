#include "server/status_mapping.h"

#include <grpcpp/support/error_details.h>
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "redis/redis_error.h"
#include "server/authorization.h"

namespace ansinh::server {
namespace {

// The BadRequest of a status, or nullopt when it carries none (or two).
std::optional<google::rpc::BadRequest> BadRequestOf(const grpc::Status& status) {
  google::rpc::Status rich;
  if (!grpc::ExtractErrorDetails(status, &rich).ok()) return std::nullopt;
  std::optional<google::rpc::BadRequest> found;
  for (const auto& detail : rich.details()) {
    google::rpc::BadRequest bad_request;
    if (!detail.UnpackTo(&bad_request)) continue;
    if (found) return std::nullopt;
    found = bad_request;
  }
  return found;
}

// The ErrorInfo details of a status, in order.
std::vector<google::rpc::ErrorInfo> ErrorInfosOf(const grpc::Status& status) {
  std::vector<google::rpc::ErrorInfo> infos;
  google::rpc::Status rich;
  if (status.error_details().empty() || !grpc::ExtractErrorDetails(status, &rich).ok()) return infos;
  for (const auto& detail : rich.details()) {
    google::rpc::ErrorInfo info;
    if (detail.UnpackTo(&info)) infos.push_back(info);
  }
  return infos;
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

TEST(StatusMapping, AKeyedErrorCarriesItsKeyAndArgumentsAndKeepsTheEnglishMessage) {
  const grpc::Status status = ToStatus(
      Error::NotFound("no review round R-2099").WithKey("error.round.not_found", {{"round", "R-2099"}}));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "no review round R-2099");
  const std::vector<google::rpc::ErrorInfo> infos = ErrorInfosOf(status);
  ASSERT_EQ(infos.size(), 1u);
  EXPECT_EQ(infos[0].reason(), "error.round.not_found");
  EXPECT_EQ(infos[0].domain(), kErrorDomain);
  ASSERT_EQ(infos[0].metadata().size(), 1u);
  EXPECT_EQ(infos[0].metadata().at("round"), "R-2099");
  EXPECT_FALSE(BadRequestOf(status).has_value());
}

TEST(StatusMapping, KeyedViolationsCarryTheirOwnErrorInfoNamingTheirField) {
  const grpc::Status status = ToStatus(
      Error::FailedPrecondition("survey S1 cannot be classified", {{"members[0].nutrition",
                                                                    "is needed for every child under 16",
                                                                    "violation.member.nutrition_needed",
                                                                    {{"age", "16"}}},
                                                                   {"latrine", "is unknown"}})
          .WithKey("error.survey.cannot_classify", {{"survey", "S1"}}));
  EXPECT_EQ(status.error_message(), "survey S1 cannot be classified");
  const std::optional<google::rpc::BadRequest> bad_request = BadRequestOf(status);
  ASSERT_TRUE(bad_request.has_value());
  EXPECT_EQ(bad_request->field_violations_size(), 2);
  const std::vector<google::rpc::ErrorInfo> infos = ErrorInfosOf(status);
  ASSERT_EQ(infos.size(), 2u) << "the error's and the one keyed violation's";
  EXPECT_EQ(infos[0].reason(), "error.survey.cannot_classify");
  EXPECT_EQ(infos[1].reason(), "violation.member.nutrition_needed");
  EXPECT_EQ(infos[1].domain(), kViolationDomain);
  EXPECT_EQ(infos[1].metadata().at("field"), "members[0].nutrition");
  EXPECT_EQ(infos[1].metadata().at("age"), "16");
}

TEST(StatusMapping, InvalidArgumentOfViolationsIsKeyedAsAnInvalidRequest) {
  const grpc::Status status = ToStatus(Error::InvalidArgument({{"address", "must not be empty"}}));
  const std::vector<google::rpc::ErrorInfo> infos = ErrorInfosOf(status);
  ASSERT_EQ(infos.size(), 1u);
  EXPECT_EQ(infos[0].reason(), "error.invalid_request");
}

TEST(StatusMapping, KeyedStatusWordsAnAdaptersOwnRefusal) {
  const grpc::Status status =
      KeyedStatus(grpc::StatusCode::ABORTED, "case C1 is busy", "error.case.busy", {{"case", "C1"}});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(status.error_message(), "case C1 is busy");
  const std::vector<google::rpc::ErrorInfo> infos = ErrorInfosOf(status);
  ASSERT_EQ(infos.size(), 1u);
  EXPECT_EQ(infos[0].reason(), "error.case.busy");
  EXPECT_EQ(infos[0].metadata().at("case"), "C1");
}

TEST(StatusMapping, APermissionRefusalNamesItsRolesAndActionForTheCatalogs) {
  v1::Actor staff;
  staff.set_role(v1::ROLE_ORGANIZATION_STAFF);
  staff.set_name("Lê Thị Mai");
  const grpc::Status status =
      RequireRole(staff, {v1::ROLE_WARD_OFFICER, v1::ROLE_AUDITOR}, "read a household's history");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      status.error_message(),
      "only ward_officer or auditor may read a household's history; you are organization_staff 'Lê Thị Mai'");
  const std::vector<google::rpc::ErrorInfo> infos = ErrorInfosOf(status);
  ASSERT_EQ(infos.size(), 1u);
  EXPECT_EQ(infos[0].reason(), "error.permission.role");
  EXPECT_EQ(infos[0].metadata().at("roles"), "WARD_OFFICER,AUDITOR");
  EXPECT_EQ(infos[0].metadata().at("action"), "read_a_household_s_history");
  EXPECT_EQ(infos[0].metadata().at("role"), "ORGANIZATION_STAFF");
  EXPECT_EQ(infos[0].metadata().at("name"), "Lê Thị Mai");
  EXPECT_TRUE(RequireRole(staff, {v1::ROLE_ORGANIZATION_STAFF}, "read cases").ok());
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

// The most bytes a status can put in the HTTP/2 headers: its message
// percent-encoded (at worst three bytes for each) and its details in base64.
size_t HeaderBytes(const grpc::Status& status) {
  return status.error_message().size() * 3 + (status.error_details().size() + 2) / 3 * 4;
}

// What a gRPC client accepts in all (8 KiB), less room for the other headers.
constexpr size_t kClientHeaderRoom = 8 * 1024 - 512;

TEST(StatusMapping, ARefusalNamingHundredsOfHouseholdsStaysWithinWhatAClientAccepts) {
  FieldViolations not_ready;
  for (int i = 0; i < 400; ++i) {
    not_ready.push_back({"HH-" + std::to_string(100000 + i),
                         "proposed, waiting for its residential-group meeting",
                         "violation.approval.not_ready",
                         {{"state", "proposed"}}});
  }
  const grpc::Status status =
      ToStatus(Error::FailedPrecondition("round R-2026 cannot be approved", std::move(not_ready))
                   .WithKey("error.approval.not_ready", {{"round", "R-2026"}, {"count", "400"}}));
  EXPECT_LT(HeaderBytes(status), kClientHeaderRoom);
  const std::optional<google::rpc::BadRequest> bad_request = BadRequestOf(status);
  ASSERT_TRUE(bad_request.has_value());
  const int kept = bad_request->field_violations_size() - 1;
  ASSERT_GT(kept, 5) << "the first households are still named";
  EXPECT_EQ(bad_request->field_violations(0).field(), "HH-100000");
  const auto& summary = bad_request->field_violations(kept);
  EXPECT_EQ(summary.field(), "");
  EXPECT_EQ(summary.description(), "and " + std::to_string(400 - kept) + " more problems");
  bool summary_keyed = false;
  for (const google::rpc::ErrorInfo& info : ErrorInfosOf(status)) {
    if (info.reason() == "violation.more") {
      summary_keyed = info.metadata().at("count") == std::to_string(400 - kept);
    }
  }
  EXPECT_TRUE(summary_keyed) << "the summary carries its catalog key and count";
}

TEST(StatusMapping, ElevenLongKeyedViolationsStillFitTheClientsHeaders) {
  // Found approving a round with eleven exclusions the service refused: the
  // message repeats every violation, and each has a BadRequest entry and an
  // ErrorInfo.
  FieldViolations refused;
  for (int i = 0; i < 11; ++i) {
    const std::string household = "HH-00039" + std::to_string(i);
    refused.push_back({"exclusions[" + std::to_string(i) + "].household_id",
                       "household " + household +
                           " is on the round's list and was not surveyed: record a decision about it (moved "
                           "away, dissolved or carried over, with a reason) instead of excluding it",
                       "violation.approval.exclude_listed",
                       {{"household", household}}});
  }
  const grpc::Status status = ToStatus(Error::InvalidArgument(std::move(refused)));
  EXPECT_LT(HeaderBytes(status), kClientHeaderRoom);
  const std::optional<google::rpc::BadRequest> bad_request = BadRequestOf(status);
  ASSERT_TRUE(bad_request.has_value());
  EXPECT_EQ(bad_request->field_violations(0).field(), "exclusions[0].household_id");
}

TEST(StatusMapping, AnUnboundedInputIsNotEchoedBackWhole) {
  const std::string huge_id(3 * 1024 * 1024, 'x');
  const grpc::Status status = ToStatus(
      Error::NotFound("no household " + huge_id).WithKey("error.household.not_found", {{"id", huge_id}}));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_LE(status.error_message().size(), kMaxMessageBytes + std::string("…").size());
  EXPECT_LT(HeaderBytes(status), kClientHeaderRoom);
  EXPECT_EQ(status.error_message().rfind("no household xxx", 0), 0u);
}

TEST(StatusMapping, ACutMessageEndsOnACharacterBoundary) {
  std::string vietnamese;
  while (vietnamese.size() < 3 * kMaxMessageBytes) vietnamese += "Nguyễn Thị Hương, ";
  const grpc::Status status = ToStatus(Error::FailedPrecondition(vietnamese));
  const std::string& message = status.error_message();
  ASSERT_LT(message.size(), vietnamese.size());
  const std::string ellipsis = "…";
  ASSERT_GE(message.size(), ellipsis.size());
  EXPECT_EQ(message.substr(message.size() - ellipsis.size()), ellipsis);
  const std::string kept = message.substr(0, message.size() - ellipsis.size());
  EXPECT_EQ(vietnamese.rfind(kept, 0), 0u) << "the message is a prefix of the original";
  EXPECT_NE(static_cast<unsigned char>(vietnamese[kept.size()]) & 0xC0, 0x80)
      << "the cut is not inside a multi-byte character";
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
  // A write WAIT did not see replicated: unavailable, but not "unreachable",
  // since the write did happen on the master.
  const grpc::Status unreplicated =
      MapThrown(std::make_exception_ptr(redis::ReplicationError("0 of 1 replicas took the write")));
  EXPECT_EQ(unreplicated.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(unreplicated.error_message().find("saved but not yet copied"), std::string::npos)
      << unreplicated.error_message();
  grpc::Status internal = MapThrown(std::make_exception_ptr(std::runtime_error("secret detail")));
  EXPECT_EQ(internal.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(internal.error_message().find("secret detail"), std::string::npos);
}

}  // namespace
}  // namespace ansinh::server
