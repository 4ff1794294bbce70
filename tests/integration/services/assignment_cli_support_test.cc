// The `ansinh support` and `ansinh needs` commands run as a user would against
// the real assignment binary: a policy loan with its programme and
// savings-and-loan group, a health-insurance card with the state's share, the
// new need types, what `list` shows, and a refusal naming each bad field.
#include <nlohmann/json.hpp>

#include "assignment_cli_fixture.h"

namespace ansinh::assignment::testkit {
namespace {

class AssignmentCliSupportTest : public AssignmentCliTest {};

TEST_F(AssignmentCliSupportTest, LoanCardAndNewNeedsAreRecordedAndShown) {
  StartService();
  const std::string case_id = OpenCase("HH-000001", "TDP-01").case_id();

  CliRun run = Ansinh("needs record " + case_id + " --type legal-aid --reason \"tranh chấp đất\"");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  run = Ansinh("needs list " + case_id);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "legal-aid")) << run.out;

  run = Ansinh("support record " + case_id +
               " --type policy-credit --amount 50000000 --provider VBSP --programme poor-households"
               " --savings-group \"Tổ TK&VV Hội Phụ nữ TDP-01\" --group-organization womens-union"
               " --reason \"đã giải ngân\"");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out,
                       "programme poor-households, savings-and-loan group Tổ TK&VV Hội Phụ nữ TDP-01 "
                       "(womens-union)"))
      << run.out;

  run = Ansinh(
      "support record " + case_id +
      " --type health-insurance-card --state-share 100 --provider \"BHXH thị xã\" --reason \"cấp thẻ\"");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "the state pays 100%")) << run.out;

  run = Ansinh("support list " + case_id);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* part :
       {"PROGRAMME", "SAVINGS GROUP", "STATE SHARE", "poor-households", "(womens-union)", "100%"}) {
    EXPECT_TRUE(Contains(run.out, part)) << part << " in:\n" << run.out;
  }

  run = Ansinh("--json support list " + case_id);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json stored = nlohmann::json::parse(run.out);
  ASSERT_EQ(stored["support_records"].size(), 2u) << run.out;
  EXPECT_EQ(stored["support_records"][0]["credit_programme"], "CREDIT_PROGRAMME_POOR_HOUSEHOLDS");
  EXPECT_EQ(stored["support_records"][0]["savings_group"], "Tổ TK&VV Hội Phụ nữ TDP-01");
  EXPECT_EQ(stored["support_records"][1]["state_share_percent"], 100);
}

TEST_F(AssignmentCliSupportTest, ARefusedLoanPrintsEachBadFieldAndExitsOne) {
  StartService();
  const std::string case_id = OpenCase("HH-000001", "TDP-01").case_id();
  const CliRun run = Ansinh("support record " + case_id +
                            " --type policy-credit --amount 1000000 --provider VBSP"
                            " --programme near-poor-households --reason r");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(Contains(run.err, "credit_programme: near-poor households")) << run.err;
  EXPECT_TRUE(Contains(run.err, "savings_group: is required for policy credit")) << run.err;
  EXPECT_EQ(GetCase(case_id, tokens_.auditor).support_records_size(), 0);
}

}  // namespace
}  // namespace ansinh::assignment::testkit
