// The `ansinh models` and `ansinh emergency` commands run as a user would
// against the real assignment binary: a model set, households joined with an
// outcome each, listed with their counts, one leaving; a flood declared,
// households marked by their groups, relief naming it, the list and the end;
// the words in Vietnamese with dates dd/mm/yyyy; refusals exiting 1.
#include <nlohmann/json.hpp>

#include "assignment_cli_fixture.h"

namespace ansinh::assignment::testkit {
namespace {

class AssignmentCliLivelihoodTest : public AssignmentCliTest {};

// "dd/mm/yyyy" of an ISO date, as the Vietnamese CLI writes it.
std::string VietnameseDate(const std::string& iso) {
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

TEST_F(AssignmentCliLivelihoodTest, ModelsSetJoinListAndLeave) {
  StartService();
  OpenCase("HH-000001", "TDP-01");
  OpenCase("HH-000002", "TDP-02");
  const std::string started = WardDate(std::chrono::hours(-24 * 10));

  CliRun run = Ansinh(
      "models set --id bo-giong --name \"Nuôi bò sinh sản\" --kind livestock"
      " --organization womens-union --started " +
      started + " --resources 200000000 --reason \"nghị quyết\"");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "livelihood model bo-giong created (version 1)")) << run.out;

  // The Farmers' Union's household is refused in its outcome, the others go on.
  run = Ansinh(
      "models join bo-giong HH-000001 HH-000002 HH-000077 --note \"1 con bò cái\" --reason \"họp tổ\"");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* part : {"OUTCOME", "HH-000001", "done", "HH-000002", "refused", "farmers-union",
                           "HH-000077", "has no case", "1 done, 0 already so, 2 refused"}) {
    EXPECT_TRUE(Contains(run.out, part)) << part << " in:\n" << run.out;
  }

  run = Ansinh("models list");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* part : {"TAKING PART", "bo-giong", "Nuôi bò sinh sản", "livestock", "whole ward"}) {
    EXPECT_TRUE(Contains(run.out, part)) << part << " in:\n" << run.out;
  }
  run = Ansinh("--json models list", tokens_.auditor);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json listed = nlohmann::json::parse(run.out);
  ASSERT_EQ(listed["models"].size(), 1u) << run.out;
  EXPECT_EQ(listed["models"][0]["households_joined"], 1);
  EXPECT_EQ(listed["models"][0]["model"]["resources_vnd"], "200000000");

  run = Ansinh("--lang vi models list");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const std::string& part : {std::string("ĐANG THAM GIA"), std::string("chăn nuôi"),
                                  std::string("toàn phường"), VietnameseDate(started)}) {
    EXPECT_TRUE(Contains(run.out, part)) << part << " in:\n" << run.out;
  }

  run = Ansinh("models leave bo-giong HH-000001 --reason \"đã có thu nhập ổn định\"");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "household HH-000001 (case CASE-HH-000001-1) left model bo-giong"))
      << run.out;
  run = Ansinh("--lang vi models leave bo-giong HH-000001 --reason \"lần nữa\"");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(Contains(run.err, "hộ HH-000001 không tham gia mô hình bo-giong")) << run.err;

  // A model of another organization: refused, nothing stored.
  run = Ansinh(
      "models set --id ca-tdp02 --name \"Nuôi cá\" --kind livestock --organization farmers-union"
      " --started " +
      started + " --reason r");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(Contains(run.err, "PERMISSION_DENIED")) << run.err;
  run = Ansinh("models list --include-ended", tokens_.officer);
  EXPECT_FALSE(Contains(run.out, "ca-tdp02")) << run.out;
}

TEST_F(AssignmentCliLivelihoodTest, EmergencyDeclareMarkRelieveListAndEnd) {
  StartService();
  const std::string case_id = OpenCase("HH-000001", "TDP-01").case_id();
  OpenCase("HH-000002", "TDP-02");
  const std::string began = WardDate(std::chrono::hours(-24));
  const std::string year = began.substr(0, 4);

  CliRun run = Ansinh("emergency declare --kind flood --name \"Lũ lụt tháng 12\" --began " + began +
                      " --groups TDP-01,TDP-02 --reason \"công văn 12/UBND\"");
  EXPECT_EQ(run.exit_code, 1) << "staff may not declare";
  run = Ansinh("--lang vi emergency declare --kind flood --name \"Lũ lụt tháng 12\" --began " + began +
                   " --groups TDP-01,TDP-02 --reason \"công văn 12/UBND\"",
               tokens_.officer);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string flood = "EMG-" + year + "-1";
  EXPECT_TRUE(Contains(run.out,
                       "đã công bố sự kiện " + flood + ": Lũ lụt tháng 12, từ ngày " + VietnameseDate(began)))
      << run.out;

  // The Women's Union marks its households of the flooded groups.
  run = Ansinh("emergency mark " + flood +
               " --all-in-groups --note \"nhà ngập 1 m\" --reason \"tổ trưởng báo\"");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "1 done, 0 already so, 0 refused")) << run.out;
  EXPECT_FALSE(Contains(run.out, "HH-000002")) << "another organization's household:\n" << run.out;

  run = Ansinh("support record " + case_id +
               " --type emergency-relief --amount 2000000 --provider MTTQ --emergency " + flood +
               " --reason \"cứu trợ\"");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "relief for emergency " + flood)) << run.out;

  run = Ansinh("emergency list");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const std::string& part : {std::string("AFFECTED"), std::string("RELIEVED"), flood,
                                  std::string("flood"), std::string("TDP-01,TDP-02")}) {
    EXPECT_TRUE(Contains(run.out, part)) << part << " in:\n" << run.out;
  }
  run = Ansinh("--json emergency list");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json listed = nlohmann::json::parse(run.out);
  EXPECT_EQ(listed["emergencies"][0]["households_affected"], 1) << run.out;
  EXPECT_EQ(listed["emergencies"][0]["households_relieved"], 1) << run.out;

  run = Ansinh("cases show " + case_id);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const std::string& part : {std::string("Emergencies that struck the household"), flood,
                                  std::string("nhà ngập 1 m"), std::string("marked-affected")}) {
    EXPECT_TRUE(Contains(run.out, part)) << part << " in:\n" << run.out;
  }

  run = Ansinh("emergency end " + flood + " --reason \"nước đã rút\"", tokens_.officer);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "emergency " + flood + " ended on " + WardDate())) << run.out;
  run = Ansinh("emergency list --ongoing");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(Contains(run.out, flood)) << run.out;
}

}  // namespace
}  // namespace ansinh::assignment::testkit
