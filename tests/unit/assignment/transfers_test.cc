#include "assignment/core/transfers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testkit::Officer;
using testkit::Staff;
using testkit::World;

class TransferTest : public ::testing::Test {
 protected:
  TransferTest() { case_.set_helper_id("women-01"); }

  Result<CaseChange> Request(const v1::Case& target, const std::string& to,
                             const v1::Actor& actor = Staff("womens-union")) {
    v1::RequestTransferRequest request;
    request.set_case_id(target.case_id());
    request.set_to_organization_id(to);
    request.set_reason("hộ chuyển sang làm nông nghiệp");
    return RequestTransfer(target, request, world_.Context(actor));
  }

  v1::Case Requested() {
    Result<CaseChange> change = Request(case_, "farmers-union");
    EXPECT_TRUE(change.ok()) << change.error().message;
    return change.value().updated_case;
  }

  World world_;
  v1::Case case_ = world_.Open("HH-000001");
};

TEST_F(TransferTest, RequestRecordsAPendingTransfer) {
  const Result<CaseChange> change = Request(case_, "farmers-union");
  ASSERT_TRUE(change.ok()) << change.error().message;
  const v1::Case& updated = change.value().updated_case;
  ASSERT_TRUE(updated.has_pending_transfer());
  EXPECT_EQ(updated.pending_transfer().from_organization_id(), "womens-union");
  EXPECT_EQ(updated.pending_transfer().to_organization_id(), "farmers-union");
  EXPECT_EQ(updated.pending_transfer().requested_by().organization_id(), "womens-union");
  EXPECT_EQ(updated.organization_id(), "womens-union");
  EXPECT_THAT(testkit::EventTypes(change.value()), ElementsAre("assignment.case_transfer_requested.v1"));
  EXPECT_TRUE(ComputeLoadDelta(&case_, updated).empty());
}

TEST_F(TransferTest, AcceptMovesTheCaseAndTheLoad) {
  const v1::Case requested = Requested();
  v1::AcceptTransferRequest request;
  request.set_case_id(requested.case_id());
  request.set_reason("Hội Nông dân nhận giúp đỡ");
  const Result<CaseChange> change =
      AcceptTransfer(requested, request, world_.Context(Staff("farmers-union")));
  ASSERT_TRUE(change.ok()) << change.error().message;
  const v1::Case& moved = change.value().updated_case;
  EXPECT_EQ(moved.organization_id(), "farmers-union");
  EXPECT_EQ(moved.helper_id(), "");
  EXPECT_FALSE(moved.has_pending_transfer());
  EXPECT_THAT(moved.assignment_reason(), HasSubstr("transferred from womens-union"));
  EXPECT_EQ(moved.history().rbegin()->action(), v1::CASE_ACTION_HELPER_RELEASED);
  EXPECT_THAT(testkit::EventTypes(change.value()), ElementsAre("assignment.case_transferred.v1"));
  const auto& payload = std::get<v1::CaseTransferred>(change.value().events[0].payload);
  EXPECT_EQ(payload.from_organization_id(), "womens-union");
  EXPECT_EQ(payload.to_organization_id(), "farmers-union");
  EXPECT_EQ(payload.previous_helper_id(), "women-01");
  EXPECT_EQ(payload.request_reason(), "hộ chuyển sang làm nông nghiệp");

  const LoadDelta delta = ComputeLoadDelta(&requested, moved);
  EXPECT_EQ(delta.organizations.at("womens-union"), -1);
  EXPECT_EQ(delta.organizations.at("farmers-union"), +1);
  EXPECT_EQ(delta.helpers.at("women-01"), -1);
}

TEST_F(TransferTest, DeclineKeepsEverything) {
  v1::Case requested = Requested();
  requested.add_needs()->set_need_id("N1");
  v1::DeclineTransferRequest request;
  request.set_case_id(requested.case_id());
  request.set_reason("không đủ người");
  const Result<CaseChange> change =
      DeclineTransfer(requested, request, world_.Context(Staff("farmers-union")));
  ASSERT_TRUE(change.ok()) << change.error().message;
  const v1::Case& kept = change.value().updated_case;
  EXPECT_EQ(kept.organization_id(), "womens-union");
  EXPECT_EQ(kept.helper_id(), "women-01");
  EXPECT_EQ(kept.needs_size(), 1);
  EXPECT_FALSE(kept.has_pending_transfer());
  EXPECT_TRUE(ComputeLoadDelta(&requested, kept).empty());
  const auto& payload = std::get<v1::CaseTransferDeclined>(change.value().events[0].payload);
  EXPECT_EQ(payload.to_organization_id(), "farmers-union");
  EXPECT_EQ(payload.reason(), "không đủ người");
  // A new request is possible again.
  EXPECT_TRUE(Request(kept, "farmers-union").ok());
}

TEST_F(TransferTest, RequestRefusals) {
  struct Row {
    const char* to;
    ErrorCode code;
    const char* message_part;
  };
  world_.directory = Directory({testkit::MakeOrganization("womens-union", {"TDP-01"}, 10),
                                testkit::MakeOrganization("farmers-union", {"TDP-02"}, 10),
                                testkit::MakeOrganization("veterans", {"TDP-02"}, 10, /*active=*/false)},
                               {});
  for (const Row& row : {Row{"womens-union", ErrorCode::kFailedPrecondition, "already with womens-union"},
                         Row{"veterans", ErrorCode::kFailedPrecondition, "is inactive"},
                         Row{"nobody", ErrorCode::kInvalidArgument, "names no organization"}}) {
    const Result<CaseChange> change = Request(case_, row.to);
    ASSERT_FALSE(change.ok()) << row.to;
    EXPECT_EQ(change.error().code, row.code) << row.to;
    EXPECT_THAT(change.error().message, HasSubstr(row.message_part)) << row.to;
  }
  const Result<CaseChange> twice = Request(Requested(), "veterans");
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.error().message, HasSubstr("to farmers-union is already pending"));
}

TEST_F(TransferTest, AnswersNeedAPendingTransferAddressedToTheAnswerer) {
  v1::AcceptTransferRequest accept;
  accept.set_case_id(case_.case_id());
  accept.set_reason("đồng ý");
  const Result<CaseChange> nothing_pending = AcceptTransfer(case_, accept, world_.Context(Officer()));
  ASSERT_FALSE(nothing_pending.ok());
  EXPECT_EQ(nothing_pending.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(nothing_pending.error().message, HasSubstr("has no pending transfer"));

  const v1::Case requested = Requested();
  // The requesting organization cannot accept on behalf of the addressee.
  const Result<CaseChange> wrong_answerer =
      AcceptTransfer(requested, accept, world_.Context(Staff("womens-union")));
  ASSERT_FALSE(wrong_answerer.ok());
  EXPECT_EQ(wrong_answerer.error().code, ErrorCode::kPermissionDenied);
  // A ward officer can.
  EXPECT_TRUE(AcceptTransfer(requested, accept, world_.Context(Officer())).ok());

  v1::DeclineTransferRequest decline;
  decline.set_case_id(requested.case_id());
  const Result<CaseChange> no_reason =
      DeclineTransfer(requested, decline, world_.Context(Staff("farmers-union")));
  ASSERT_FALSE(no_reason.ok());
  EXPECT_THAT(testkit::ViolationFields(no_reason.error()), ElementsAre("reason"));
}

TEST_F(TransferTest, AcceptIsRefusedWhenTheTargetBecameInactive) {
  const v1::Case requested = Requested();
  world_.directory = Directory({testkit::MakeOrganization("womens-union", {"TDP-01"}, 10),
                                testkit::MakeOrganization("farmers-union", {"TDP-02"}, 10, /*active=*/false)},
                               {});
  v1::AcceptTransferRequest accept;
  accept.set_case_id(requested.case_id());
  accept.set_reason("đồng ý");
  const Result<CaseChange> change = AcceptTransfer(requested, accept, world_.Context(Officer()));
  ASSERT_FALSE(change.ok());
  EXPECT_THAT(change.error().message, HasSubstr("no longer an active organization"));
}

}  // namespace
}  // namespace ansinh::assignment
