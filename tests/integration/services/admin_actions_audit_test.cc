// Every administrative action is an entry of the audit chain (docs/security.md,
// "Administrative actions in the audit chain"): tokens issued and revoked,
// accounts created, changed and given a password, a consumer grant set and
// revoked, and a data-key rotation, each performed through the real registry
// and CLI, then found in monitoring's chain as a
// registry.admin_action_recorded.v1 event naming who did what, with no secret,
// hash or password anywhere in the export; and the chain still verifies.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ansinh/v1/accounts.grpc.pb.h"
#include "ansinh/v1/admin_actions.pb.h"
#include "ansinh/v1/consumers.grpc.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "ansinh/v1/tokens.grpc.pb.h"
#include "auth/sha256.h"
#include "events/admin_actions.h"
#include "eventually.h"
#include "monitoring/adapters/audit_dictionaries.h"
#include "security_test_support.h"
#include "ward_stack.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::Eventually;

const std::string kChainEntries = "ansinh:{audit}:monitoring:audit:entries";

// One administrative action as the chain holds it.
struct ChainedAction {
  v1::Actor actor;
  v1::AdminActionRecorded action;
};

class AdminActionsAuditTest : public ::testing::Test {
 protected:
  void SetUp() override { stack_.Start(); }

  std::unique_ptr<grpc::ClientContext> Officer() { return AuthorizedContext(stack_.tokens().officer); }
  std::unique_ptr<grpc::ClientContext> Auditor() { return AuthorizedContext(stack_.tokens().auditor); }

  // The administrative actions in the chain as stored, in chain order,
  // after monitoring has appended what waits.
  std::vector<ChainedAction> ChainedActions() {
    // Verifying appends what waits in the outboxes first.
    EXPECT_TRUE(Verify().intact());
    redis::Connection redis(stack_.RedisAdminOptions());
    std::vector<ChainedAction> actions;
    for (const redis::Reply& item : redis.Command({"LRANGE", kChainEntries, "0", "-1"}).elements) {
      v1::AuditChainEntry entry;
      EXPECT_TRUE(monitoring::ParseAuditRecord(item.str, entry));
      if (entry.event_type() != events::kAdminActionRecordedType) continue;
      v1::EventEnvelope envelope;
      EXPECT_TRUE(envelope.ParseFromString(entry.canonical_event()));
      ChainedAction chained{envelope.actor(), {}};
      EXPECT_TRUE(envelope.payload().UnpackTo(&chained.action));
      actions.push_back(std::move(chained));
    }
    return actions;
  }

  v1::AuditChainVerification Verify() {
    auto monitoring = v1::Monitoring::NewStub(stack_.service("monitoring").channel());
    v1::VerifyAuditResponse response;
    const grpc::Status status = monitoring->VerifyAudit(Auditor().get(), v1::VerifyAuditRequest{}, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.verification();
  }

  std::string ExportedAudit() {
    auto monitoring = v1::Monitoring::NewStub(stack_.service("monitoring").channel());
    v1::ExportAuditRequest request;
    request.set_format(v1::ExportedDocument::FORMAT_JSON);
    v1::ExportAuditResponse response;
    const grpc::Status status = monitoring->ExportAudit(Auditor().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.document().content();
  }

  testkit::WardStack stack_;
};

std::map<std::string, std::string> DetailsOf(const v1::AdminActionRecorded& action) {
  std::map<std::string, std::string> details;
  for (const auto& detail : action.details()) details[detail.name()] = detail.value();
  return details;
}

const ChainedAction* Find(const std::vector<ChainedAction>& actions, const std::string& action,
                          const std::string& subject_id) {
  for (const ChainedAction& chained : actions) {
    if (chained.action.action() == action && chained.action.subject_id() == subject_id) return &chained;
  }
  return nullptr;
}

TEST_F(AdminActionsAuditTest, EveryTokenAccountGrantAndKeyActionIsInTheChainWithoutASecret) {
  auto tokens = v1::TokenAdmin::NewStub(stack_.service("registry").channel());
  auto accounts = v1::Accounts::NewStub(stack_.service("registry").channel());

  v1::IssueTokenRequest issue;
  issue.set_role(v1::ROLE_AUDITOR);
  issue.set_name("Thanh tra nhân dân, tổ 2");
  issue.set_ttl_days(30);
  v1::IssueTokenResponse issued;
  ASSERT_TRUE(tokens->IssueToken(Officer().get(), issue, &issued).ok());
  v1::RevokeTokenRequest revoke;
  revoke.set_token_id(issued.token_id());
  v1::RevokeTokenResponse revoked;
  ASSERT_TRUE(tokens->RevokeToken(Officer().get(), revoke, &revoked).ok());
  // Revoking again changes nothing and records nothing.
  ASSERT_TRUE(tokens->RevokeToken(Officer().get(), revoke, &revoked).ok());
  ASSERT_TRUE(revoked.already_revoked());

  const std::string password = "mật khẩu đủ dài 2026";
  const std::string new_password = "một mật khẩu khác 2027";
  v1::CreateAccountRequest create;
  create.mutable_account()->set_username("mai.le");
  create.mutable_account()->set_display_name("Lê Thị Mai");
  create.mutable_account()->set_role(v1::ROLE_ORGANIZATION_STAFF);
  create.mutable_account()->set_organization_id("womens-union");
  create.set_password(password);
  v1::CreateAccountResponse created;
  ASSERT_TRUE(accounts->CreateAccount(Officer().get(), create, &created).ok());
  v1::UpdateAccountRequest update;
  update.set_username("mai.le");
  update.set_display_name("Lê Thị Mai");
  update.set_role(v1::ROLE_ORGANIZATION_STAFF);
  update.set_organization_id("womens-union");
  update.set_active(false);
  v1::UpdateAccountResponse updated;
  ASSERT_TRUE(accounts->UpdateAccount(Officer().get(), update, &updated).ok());
  v1::SetPasswordRequest set_password;
  set_password.set_username("mai.le");
  set_password.set_password(new_password);
  v1::SetPasswordResponse password_set;
  ASSERT_TRUE(accounts->SetPassword(Officer().get(), set_password, &password_set).ok());
  // A refused change (no such account) is no action and records nothing.
  update.set_username("nobody.here");
  EXPECT_EQ(accounts->UpdateAccount(Officer().get(), update, &updated).error_code(),
            grpc::StatusCode::NOT_FOUND);

  auto grants = v1::ConsumerGrants::NewStub(stack_.service("registry").channel());
  v1::SetGrantRequest grant;
  grant.mutable_grant()->set_consumer_id("policy-bank");
  grant.mutable_grant()->set_display_name("Ngân hàng Chính sách xã hội");
  grant.mutable_grant()->set_purpose("Cho vay hộ nghèo");
  grant.mutable_grant()->add_event_types("classification.household_status_changed.v1");
  grant.mutable_grant()->add_household_details(v1::HOUSEHOLD_DETAIL_HEAD_NAME);
  v1::SetGrantResponse granted;
  ASSERT_TRUE(grants->SetGrant(Officer().get(), grant, &granted).ok());
  v1::RevokeGrantRequest revoke_grant;
  revoke_grant.set_consumer_id("policy-bank");
  revoke_grant.set_reason("the agreement ended");
  v1::RevokeGrantResponse grant_revoked;
  ASSERT_TRUE(grants->RevokeGrant(Officer().get(), revoke_grant, &grant_revoked).ok());

  const security_testing::CommandRun rotation = security_testing::RunCommand(
      {security_testing::AnsinhCli(), "--lang", "en", "admin", "rotate-data-keys", "--keys-dir",
       stack_.service("registry").PersonalDataKeysDir(), "--redis-port",
       std::to_string(stack_.redis().port()), "--redis-password-file", stack_.redis().password_file(),
       "--retire"});
  ASSERT_EQ(rotation.exit_code, 0) << rotation.output;

  std::vector<ChainedAction> actions;
  ASSERT_TRUE(Eventually(
      [&] {
        actions = ChainedActions();
        return actions.size() >= 9;
      },
      std::chrono::seconds(20)))
      << actions.size() << " administrative actions in the chain";
  std::vector<std::string> names;
  for (const ChainedAction& chained : actions) names.push_back(chained.action.action());
  EXPECT_THAT(names,
              ::testing::ElementsAre("token.issued", "token.revoked", "account.created", "account.updated",
                                     "account.password_set", "grant.set", "grant.revoked",
                                     "data_keys.rotation_started", "data_keys.rotated"));

  const ChainedAction* token_issued = Find(actions, "token.issued", issued.token_id());
  ASSERT_NE(token_issued, nullptr);
  EXPECT_EQ(token_issued->actor.role(), v1::ROLE_WARD_OFFICER);
  EXPECT_EQ(token_issued->action.subject_type(), "token");
  EXPECT_EQ(DetailsOf(token_issued->action),
            (std::map<std::string, std::string>{{"expires_at", DetailsOf(token_issued->action)["expires_at"]},
                                                {"name", "Thanh tra nhân dân, tổ 2"},
                                                {"role", "auditor"},
                                                {"ttl_days", "30"}}));
  EXPECT_FALSE(DetailsOf(token_issued->action)["expires_at"].empty());
  ASSERT_NE(Find(actions, "token.revoked", issued.token_id()), nullptr);

  const ChainedAction* account_created = Find(actions, "account.created", "mai.le");
  ASSERT_NE(account_created, nullptr);
  EXPECT_EQ(DetailsOf(account_created->action),
            (std::map<std::string, std::string>{{"active", "true"},
                                                {"display_name", "Lê Thị Mai"},
                                                {"organization_id", "womens-union"},
                                                {"role", "organization_staff"}}));
  const ChainedAction* account_updated = Find(actions, "account.updated", "mai.le");
  ASSERT_NE(account_updated, nullptr);
  EXPECT_EQ(DetailsOf(account_updated->action)["active"], "false");
  const ChainedAction* password_entry = Find(actions, "account.password_set", "mai.le");
  ASSERT_NE(password_entry, nullptr);
  EXPECT_TRUE(password_entry->action.details().empty());

  const ChainedAction* rotated = Find(actions, "data_keys.rotated", actions.back().action.subject_id());
  ASSERT_NE(rotated, nullptr);
  EXPECT_EQ(rotated->action.subject_type(), "key-encryption-key");
  EXPECT_EQ(DetailsOf(rotated->action)["retired_kek"], "20260101T000000Z");
  EXPECT_EQ(DetailsOf(actions[7].action)["previous_kek"], "20260101T000000Z");
  const ChainedAction* grant_set = Find(actions, "grant.set", "policy-bank");
  ASSERT_NE(grant_set, nullptr);
  EXPECT_EQ(DetailsOf(grant_set->action)["event_type"], "classification.household_status_changed.v1");
  EXPECT_EQ(DetailsOf(grant_set->action)["household_detail"], "head_name");
  const ChainedAction* revoked_grant = Find(actions, "grant.revoked", "policy-bank");
  ASSERT_NE(revoked_grant, nullptr);
  EXPECT_EQ(revoked_grant->action.reason(), "the agreement ended");
  EXPECT_THAT(rotated->actor.name(), ::testing::HasSubstr("ansinh admin rotate-data-keys"));

  // Nothing secret in the chain: not the token's secret nor its hash, not a
  // password (the export carries every entry's bytes, base64 included, so
  // the decoded envelopes are searched too).
  const std::string exported = ExportedAudit();
  ASSERT_THAT(exported, ::testing::HasSubstr("registry.admin_action_recorded.v1"));
  std::string every_event;
  for (const ChainedAction& chained : actions) every_event += chained.action.SerializeAsString();
  for (const std::string& secret :
       {issued.secret(), auth::Sha256Hex(issued.secret()), password, new_password}) {
    EXPECT_EQ(exported.find(secret), std::string::npos);
    EXPECT_EQ(every_event.find(secret), std::string::npos);
  }
  EXPECT_TRUE(Verify().intact());
}

}  // namespace
}  // namespace ansinh
