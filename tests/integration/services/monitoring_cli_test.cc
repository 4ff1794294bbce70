// The `ansinh` commands of the monitoring service and of the event streams,
// run as a user would against the real monitoring binary and Redis: aligned
// tables with Vietnamese text intact, --json everywhere, audit exit codes,
// `events tail` (the example consumer of docs/examples is tested against the
// registry that serves it: registry_event_subscription_test.cc).
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "eventually.h"
#include "monitoring/adapters/audit_dictionaries.h"
#include "monitoring_fixture.h"
#include "redis/compressed_value.h"

namespace ansinh {
namespace {

using testkit::MonitoringFixture;

const std::string kAnsinh = std::string(ANSINH_BIN_DIR) + "/ansinh";

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

// The code point at `i` and its length in bytes.
std::pair<char32_t, size_t> Decode(const std::string& utf8, size_t i) {
  const auto lead = static_cast<unsigned char>(utf8[i]);
  const size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : 4;
  char32_t code_point = length == 1   ? lead
                        : length == 2 ? lead & 0x1f
                        : length == 3 ? lead & 0x0f
                                      : lead & 0x07;
  for (size_t k = 1; k < length && i + k < utf8.size(); ++k) {
    code_point = (code_point << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3f);
  }
  return {code_point, length};
}

// Combining diacritical marks take no column on a terminal (as the CLI counts).
bool Combining(char32_t code_point) { return code_point >= 0x300 && code_point <= 0x36f; }

// The byte offset at which screen column `column` begins.
size_t ByteAtColumn(const std::string& utf8, size_t column) {
  size_t width = 0;
  for (size_t i = 0; i < utf8.size();) {
    const auto [code_point, length] = Decode(utf8, i);
    if (!Combining(code_point)) {
      if (width == column) return i;
      ++width;
    }
    i += length;
  }
  return utf8.size();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class MonitoringCliTest : public MonitoringFixture {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kAnsinh)) GTEST_SKIP() << "the ansinh CLI is not built: " << kAnsinh;
    MonitoringFixture::SetUp();
    setenv("ANSINH_MONITORING_ADDRESS", monitoring_->address().c_str(), 1);
    setenv("ANSINH_REDIS_PORT", std::to_string(redis_.port()).c_str(), 1);
    setenv("ANSINH_REDIS_PASSWORD_FILE", redis_.password_file().c_str(), 1);
    unsetenv("ANSINH_TOKEN_FILE");
    // The signed heads `audit verify` keeps go to this test's directory,
    // never the home of whoever runs the tests.
    setenv("XDG_DATA_HOME", dir_.path().c_str(), 1);
    unsetenv("ANSINH_AUDIT_HEADS_DIR");
  }

  void PublishWard() {
    Registered("H1", "TDP-05", "2025-01-02");
    Registered("H2", "TDP-05", "2025-01-02");
    Approved("H1", "R-2025", 2025, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-12-10");
    Approved("H2", "R-2025", 2025, v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_ESCAPED_POVERTY,
             "2025-12-10");
    CaseOpened("H1", "womens-union", "2025-12-11");
    HelperAssigned("H1", "womens-union", "women-03", "2025-12-12");
    VisitRecorded("H1", "2025-12-20");
    WaitForAllPublished();
  }

  // Runs a shell command line with `token` as the bearer token; stdout only.
  CommandResult Shell(const std::string& command, const std::string& token = "") {
    setenv("ANSINH_TOKEN", (token.empty() ? tokens_.officer : token).c_str(), 1);
    CommandResult run;
    FILE* pipe = popen((command + " 2>" + dir_.path() + "/stderr.txt").c_str(), "r");
    if (pipe == nullptr) return run;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.out.append(buffer, n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
  }

  CommandResult Ansinh(const std::string& arguments, const std::string& token = "") {
    return Shell(kAnsinh + " " + arguments, token);
  }

  std::string Stderr() {
    std::ifstream in(dir_.path() + "/stderr.txt");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
};

TEST_F(MonitoringCliTest, TheHistoryTableKeepsVietnameseTextAndAlignsItsColumns) {
  PublishWard();
  const CommandResult run = Ansinh("history H1", tokens_.auditor);
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  EXPECT_NE(run.out.find("Nguyễn Thị Hương"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Helper Lê Thị Mai (women-03)"), std::string::npos) << run.out;

  const std::vector<std::string> lines = Lines(run.out);
  const auto header = std::find_if(lines.begin(), lines.end(),
                                   [](const std::string& line) { return line.starts_with("WHEN (UTC+7)"); });
  ASSERT_NE(header, lines.end()) << run.out;
  // Where each column starts on screen, from the header (plain ASCII).
  std::vector<size_t> starts;
  for (const char* column : {"SERVICE", "BY", "WHAT"}) {
    const size_t at = header->find(std::string("  ") + column);
    ASSERT_NE(at, std::string::npos) << column;
    starts.push_back(at + 2);
  }
  int rows = 0;
  // Rows begin with a date ("2025-12-10 12:00:00"); the table ends before "6 of 6 lines".
  for (auto line = header + 2; line != lines.end() && line->size() > 4 && (*line)[4] == '-'; ++line) {
    ++rows;
    // Each column's text begins at the header's column on screen, whatever
    // the Vietnamese in the columns before it.
    for (size_t start : starts) {
      const size_t byte = ByteAtColumn(*line, start);
      ASSERT_LT(byte, line->size()) << *line;
      EXPECT_NE((*line)[byte], ' ') << "column " << start << " of: " << *line;
      EXPECT_EQ((*line)[byte - 1], ' ') << "column " << start << " of: " << *line;
    }
  }
  EXPECT_EQ(rows, 6) << "5 events and this read";
}

TEST_F(MonitoringCliTest, EveryCommandPrintsJsonWithTheJsonFlag) {
  PublishWard();
  CommandResult run = Ansinh("dashboard --json --year 2025 --as-of 2025-12-31");
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  nlohmann::json json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["dashboard"]["figures"]["poor"]["count"], 1);
  // H1 newly poor. H2's event said ESCAPED_POVERTY, but its first approval
  // took it off no list: monitoring decides transitions from the approvals.
  EXPECT_EQ(json["dashboard"]["figures"]["poor_flows"]["newly"], 1);
  EXPECT_EQ(json["dashboard"]["figures"]["poor_flows"]["this_year_count"], 1);
  EXPECT_EQ(json["dashboard"]["figures"]["escaped_poverty"], 0);
  EXPECT_EQ(json["scorecard"]["scorecard"]["lines"].size(), 5u);

  run = Ansinh("history H1 --json", tokens_.auditor);
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["entries"][0]["event_type"], "registry.household_registered.v1");
  EXPECT_EQ(json["entries"][0]["actor"]["name"], "Trần Văn Bình");

  run = Ansinh("alerts --json --as-of 2026-06-01");
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["organizations"].size(), 1u);
  EXPECT_EQ(json["organizations"][0]["organization_id"], "womens-union");
  EXPECT_EQ(json["organizations"][0]["alerts"][0]["kind"], "KIND_NO_RECENT_VISIT");

  run = Ansinh("audit verify --json", tokens_.auditor);
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  EXPECT_EQ(nlohmann::json::parse(run.out)["verification"]["intact"], true);

  run = Ansinh("scorecard --json --as-of 2025-12-31");
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  EXPECT_EQ(nlohmann::json::parse(run.out)["scorecard"]["review_year"], 2025);

  run = Ansinh("events seen --json");
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  EXPECT_EQ(std::stoull(nlohmann::json::parse(run.out)["audit_entries"].get<std::string>()), 8u)
      << "7 events and one history read";

  // The tables of the same commands.
  run = Ansinh("dashboard --year 2025 --as-of 2025-12-31");
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  EXPECT_NE(run.out.find("Poor households by year"), std::string::npos);
  EXPECT_NE(run.out.find("How the lists changed from review year 2024 to 2025"), std::string::npos)
      << run.out;
  // The 2025 review decided the list of 2026 (docs/domain.md §3.0).
  EXPECT_NE(run.out.find("  on the lists for 2025"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("= on the lists for 2026"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Targets of the resolution"), std::string::npos);
  run = Ansinh("alerts --as-of 2026-06-01");
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  EXPECT_NE(run.out.find("no recent visit"), std::string::npos) << run.out;

  // A refused call says why on stderr and exits 1.
  run = Ansinh("audit verify", tokens_.womens_union_staff);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(Stderr().find("PERMISSION_DENIED"), std::string::npos) << Stderr();
}

TEST_F(MonitoringCliTest, TheDashboardSplitsPolicyCreditByProgramme) {
  Registered("H1", "TDP-05", "2025-01-02");
  Approved("H1", "R-2025", 2025, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-12-10");
  CaseOpened("H1", "womens-union", "2025-12-11");
  SupportRecorded("H1", "S1", v1::SUPPORT_TYPE_POLICY_CREDIT, "2025-12-20",
                  v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS);
  WaitForAllPublished();

  const CommandResult run = Ansinh("dashboard --year 2025 --as-of 2025-12-31");
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  const size_t section = run.out.find("Policy credit by programme, delivered up to 2025-12-31");
  ASSERT_NE(section, std::string::npos) << run.out;
  const std::vector<std::string> lines = Lines(run.out.substr(section));
  const auto row = std::find_if(lines.begin(), lines.end(),
                                [](const std::string& line) { return line.starts_with("Poor households"); });
  ASSERT_NE(row, lines.end()) << run.out;
  EXPECT_NE(row->find("50.000.000 đ"), std::string::npos) << *row;
}

TEST_F(MonitoringCliTest, AuditVerifyExitsTwoAndNamesTheEntryWhenTheLogWasChanged) {
  PublishWard();
  CommandResult run = Ansinh("audit checkpoint", tokens_.auditor);
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  const size_t at = run.out.find("--checkpoint-count ");
  ASSERT_NE(at, std::string::npos) << run.out;
  const std::string verify_line = run.out.substr(at, run.out.find('\n', at) - at);

  run = Ansinh("audit verify " + verify_line, tokens_.auditor);
  EXPECT_EQ(run.exit_code, 0) << Stderr();
  EXPECT_NE(run.out.find("INTACT: 7 entries checked"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("still holds the checkpoint of 7 entries"), std::string::npos) << run.out;

  run = Ansinh("audit export --format csv --output " + dir_.path() + "/audit.csv", tokens_.auditor);
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  std::ifstream exported(dir_.path() + "/audit.csv");
  std::string first_line;
  std::getline(exported, first_line);
  EXPECT_TRUE(first_line.starts_with("sequence,kind,event_id,")) << first_line;
  // The export holds personal data: the auditor's file alone (0600).
  EXPECT_EQ(std::filesystem::status(dir_.path() + "/audit.csv").permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);

  v1::AuditChainEntry entry;
  ASSERT_TRUE(monitoring::ParseAuditRecord(
      redis().Command({"LINDEX", "ansinh:{audit}:monitoring:audit:entries", "1"}).str, entry));
  entry.set_household_id("H9");
  redis().Command({"LSET", "ansinh:{audit}:monitoring:audit:entries", "1", entry.SerializeAsString()});
  run = Ansinh("audit verify " + verify_line, tokens_.auditor);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("NOT INTACT: CHANGED at entry 2 (position 2)"), std::string::npos) << run.out;
}

TEST_F(MonitoringCliTest, EventsTailPrintsEveryEventDecoded) {
  PublishWard();
  CommandResult run = Ansinh("events tail --from-start --no-follow --json");
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 7u) << run.out;
  for (const std::string& line : lines) {
    const nlohmann::json event = nlohmann::json::parse(line);
    EXPECT_FALSE(event["entry_id"].get<std::string>().empty());
    EXPECT_TRUE(event["envelope"]["payload"].contains("@type")) << line;
    EXPECT_FALSE(event["envelope"]["event_id"].get<std::string>().empty());
  }
  const nlohmann::json first = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(first["envelope"]["payload"]["household"]["members"][0]["full_name"], "Nguyễn Thị Hương");

  run = Ansinh("events tail --from-start --no-follow --type 'assignment.*'");
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 9u) << "three events, three lines each: " << run.out;
  EXPECT_NE(lines[0].find("assignment.case_opened.v1"), std::string::npos) << lines[0];
  EXPECT_NE(run.out.find("\"helper_name\":\"Lê Thị Mai\""), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("registry."), std::string::npos);

  run = Ansinh("events tail --from-start --no-follow --limit 2 --json");
  EXPECT_EQ(Lines(run.out).size(), 2u);

  // A live tail prints what is published after it started.
  const std::string live = dir_.path() + "/live.txt";
  const CommandResult started =
      Shell("timeout 20 " + kAnsinh + " events tail --json --limit 1 >" + live + " & echo started");
  ASSERT_EQ(started.exit_code, 0);
  // Published only once the tail waits in XREAD: a tail starts at the end of
  // the streams, so an event published before it reads is not for it (on a
  // busy machine the process can take seconds to get there).
  ASSERT_TRUE(testkit::Eventually(
      [&] {
        return redis().Command({"CLIENT", "LIST"}).str.find("cmd=xread ") != std::string::npos;
      },
      std::chrono::seconds(15)));
  VisitRecorded("H1", "2026-01-10");
  std::string tail;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline && tail.empty()) {
    std::ifstream in(live);
    tail.assign(std::istreambuf_iterator<char>(in), {});
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(tail.find("\"visited_on\":\"2026-01-10\""), std::string::npos) << tail;

  // One entry, decoded.
  const std::string stream = events::EventStream(events::kRegistrySource, 0);
  const std::string id =
      events::ParseEntryReply(redis().Command({"XRANGE", stream, "-", "+", "COUNT", "1"}).elements[0]).id;
  run = Ansinh("events show '" + stream + "' " + id);
  ASSERT_EQ(run.exit_code, 0) << Stderr();
  EXPECT_NE(run.out.find("registry.household_registered.v1  household/H1 v1"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace ansinh
