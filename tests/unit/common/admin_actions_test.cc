// An administrative action's event (events/admin_actions.h): its identity, its
// details in one order whatever order they were named in, and its stream.
#include "events/admin_actions.h"

#include <gtest/gtest.h>

#include "events/envelope_codec.h"
#include "events/stream_names.h"

namespace ansinh::events {
namespace {

v1::Actor Officer() {
  v1::Actor actor;
  actor.set_role(v1::ROLE_WARD_OFFICER);
  actor.set_name("Cán bộ LĐTBXH phường");
  return actor;
}

TEST(AdminActionsTest, TheEventIsItsOwnAggregateWithItsDetailsSortedByName) {
  const v1::EventEnvelope envelope = AdminActionEnvelope(Officer(), "corr-1",
                                                         AdminAction("token.issued", "token", "tok_1")
                                                             .With("role", "auditor")
                                                             .With("name", "Thanh tra")
                                                             .With("expires_at", "2026-03-01T00:00:00Z"));
  EXPECT_EQ(envelope.event_type(), "registry.admin_action_recorded.v1");
  EXPECT_EQ(envelope.aggregate_type(), "admin-action");
  EXPECT_EQ(envelope.aggregate_version(), 1u);
  EXPECT_EQ(envelope.aggregate_id().size(), 36u) << "a new UUID per action";
  EXPECT_EQ(envelope.correlation_id(), "corr-1");
  EXPECT_EQ(envelope.actor().name(), "Cán bộ LĐTBXH phường");
  EXPECT_TRUE(envelope.household_id().empty());
  v1::AdminActionRecorded payload;
  ASSERT_TRUE(envelope.payload().UnpackTo(&payload));
  EXPECT_EQ(payload.action(), "token.issued");
  EXPECT_EQ(payload.subject_type(), "token");
  EXPECT_EQ(payload.subject_id(), "tok_1");
  ASSERT_EQ(payload.details_size(), 3);
  EXPECT_EQ(payload.details(0).name(), "expires_at");
  EXPECT_EQ(payload.details(1).name(), "name");
  EXPECT_EQ(payload.details(2).name(), "role");
  EXPECT_EQ(payload.details(2).value(), "auditor");
  // Two actions are two aggregates.
  EXPECT_NE(AdminActionEnvelope(Officer(), "", AdminAction("a", "b", "c")).aggregate_id(),
            AdminActionEnvelope(Officer(), "", AdminAction("a", "b", "c")).aggregate_id());
}

TEST(AdminActionsTest, AWardActionGoesToPartitionZeroAndAHouseholdsToItsPartition) {
  const v1::EventEnvelope ward =
      AdminActionEnvelope(Officer(), "", AdminAction("account.created", "account", "x"));
  EXPECT_EQ(AdminActionStream(ward, 8), EventStream(kRegistrySource, 0));
  const v1::EventEnvelope household = AdminActionEnvelope(
      Officer(), "", AdminAction("household.erased", "household", "HH-000042").ForHousehold("HH-000042"));
  EXPECT_EQ(household.household_id(), "HH-000042");
  EXPECT_EQ(AdminActionStream(household, 8), EventStream(kRegistrySource, PartitionOf("HH-000042", 8)));
  redis::Transaction tx;
  QueueAdminAction(tx, household, 8);
  ASSERT_EQ(tx.size(), 1u);
  EXPECT_EQ(tx.commands()[0][0], "XADD");
  EXPECT_EQ(tx.commands()[0][1], EventStream(kRegistrySource, PartitionOf("HH-000042", 8)));
}

}  // namespace
}  // namespace ansinh::events
