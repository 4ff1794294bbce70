// A staff case operation reads and WATCHes only the organizations and
// helpers it touches (directory_store.h, WatchAndReadEntries), not a
// province's directory: checked on the commands Redis receives (MONITOR)
// and on what aborts a transaction that read one organization's entries.
#include <gmock/gmock.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "assignment/adapters/assignment_keys.h"
#include "assignment/adapters/directory_store.h"
#include "assignment_test_fixture.h"
#include "eventually.h"
#include "redis/redis_error.h"
#include "redis/transaction.h"

namespace ansinh::assignment::testkit {
namespace {

using ansinh::testkit::ChildProcess;

class DirectoryReadsTest : public AssignmentServiceTest {
 protected:
  grpc::Status Assign(const std::string& case_id, const std::string& helper_id, const std::string& token) {
    v1::AssignHelperRequest request;
    request.set_case_id(case_id);
    request.set_helper_id(helper_id);
    request.set_reason("closest helper");
    v1::Case response;
    auto context = AuthorizedContext(token);
    return client().AssignHelper(context.get(), request, &response);
  }

  // Commits a transaction under a WATCH of `entries` (as a case operation
  // does); false when it was aborted.
  bool CommitsAfter(const DirectoryEntries& entries, const std::function<void()>& meanwhile) {
    redis::Connection watcher(redis_->Options("entries-watcher"));
    WatchAndReadEntries(watcher, AssignmentKeys(1), entries);
    meanwhile();
    redis::Transaction tx;
    tx.Add({"SET", "ansinh:{p0}:assignment:test:marker", "1"});
    try {
      tx.Exec(watcher);
      return true;
    } catch (const redis::TransactionAborted&) {
      return false;
    }
  }
};

// Every directory key the commands between the markers name, with the
// command (e.g. "HMGET ansinh:assignment:helpers women-01").
std::vector<std::string> DirectoryCommandsIn(const std::string& monitor_log) {
  std::vector<std::string> commands;
  std::istringstream lines(monitor_log);
  std::string line;
  bool inside = false;
  while (std::getline(lines, line)) {
    if (line.find("\"begin-of-call\"") != std::string::npos) inside = true;
    if (line.find("\"end-of-call\"") != std::string::npos) inside = false;
    if (!inside) continue;
    // 1700000000.123456 [0 127.0.0.1:1234] "HMGET" "ansinh:assignment:helpers" "women-01"
    const size_t first_quote = line.find('"');
    if (first_quote == std::string::npos) continue;
    std::string words;
    static const std::regex quoted("\"([^\"]*)\"");
    for (std::sregex_iterator it(line.begin() + static_cast<long>(first_quote), line.end(), quoted), end;
         it != end; ++it) {
      words += (words.empty() ? "" : " ") + (*it)[1].str();
    }
    for (const char* key : {"ansinh:{p0}:assignment:organizations", "ansinh:{p0}:assignment:helpers",
                            "ansinh:{p0}:assignment:load:", "ansinh:{p0}:assignment:changes:"}) {
      if (words.find(key) != std::string::npos) {
        commands.push_back(words);
        break;
      }
    }
  }
  return commands;
}

TEST_F(DirectoryReadsTest, AnAssignmentReadsOnlyItsOrganizationAndHelper) {
  StartService();
  const v1::Case opened = OpenCase("HH-000001", "TDP-01");
  ASSERT_EQ(opened.organization_id(), "womens-union");

  const std::string log = dir_.path() + "/monitor.log";
  ChildProcess monitor;
  monitor.Start({"/usr/bin/redis-cli", "-p", std::to_string(redis_->port()), "--no-auth-warning", "-a",
                 redis_->password(), "monitor"},
                log);
  // The markers bracket the call in the monitor's output.
  ASSERT_TRUE(ansinh::testkit::Eventually(
      [&] {
        redis().Command({"ECHO", "begin-of-call"});
        std::ifstream in(log);
        return std::string(std::istreambuf_iterator<char>(in), {}).find("begin-of-call") != std::string::npos;
      },
      std::chrono::seconds(10)));
  ASSERT_TRUE(Assign(opened.case_id(), "women-01", tokens_.womens_union_staff).ok());
  redis().Command({"ECHO", "end-of-call"});
  ASSERT_TRUE(ansinh::testkit::Eventually(
      [&] {
        std::ifstream in(log);
        return std::string(std::istreambuf_iterator<char>(in), {}).find("end-of-call") != std::string::npos;
      },
      std::chrono::seconds(10)));
  monitor.Kill();

  std::ifstream in(log);
  const std::vector<std::string> commands =
      DirectoryCommandsIn(std::string(std::istreambuf_iterator<char>(in), {}));
  // What it does read: its helper's record and load (women-01's record is
  // asked for once the core needs it).
  EXPECT_THAT(commands, ::testing::Contains("HMGET ansinh:{p0}:assignment:helpers women-01"));
  EXPECT_THAT(commands, ::testing::Contains("HMGET ansinh:{p0}:assignment:load:helpers women-01"));
  for (const std::string& command : commands) {
    EXPECT_EQ(command.find("HGETALL"), std::string::npos) << "the whole directory read: " << command;
    std::istringstream words(command);
    std::string verb, key;
    words >> verb >> key;
    std::vector<std::string> ids;
    if (key.starts_with("ansinh:{p0}:assignment:changes:")) {
      // WATCH k1 k2 ...: every key names an entry of its own.
      for (std::string watched = key; !watched.empty(); watched.clear(), words >> watched) {
        ids.push_back(watched.substr(watched.rfind(':') + 1));
      }
    } else if (verb == "HMGET" || verb == "HINCRBY" || verb == "HSET" || verb == "HGET") {
      std::string field;
      words >> field;
      ids.push_back(field);
    }
    for (const std::string& id : ids) {
      EXPECT_THAT(id, ::testing::AnyOf("womens-union", "women-01")) << "in " << command;
    }
  }
}

TEST_F(DirectoryReadsTest, OperationsOnDifferentOrganizationsDoNotAbortEachOther) {
  StartService();
  const v1::Case womens = OpenCase("HH-000001", "TDP-01");
  const v1::Case farmers = OpenCase("HH-000002", "TDP-02");
  ASSERT_EQ(farmers.organization_id(), "farmers-union");
  const DirectoryEntries womens_entries{{"womens-union"}, {"women-01"}};

  // The farmers' assignment claims farmers-01 and moves farmers-union's and
  // farmers-01's loads: a transaction that read only the women's union's
  // entries commits.
  EXPECT_TRUE(CommitsAfter(womens_entries, [&] {
    ASSERT_TRUE(Assign(farmers.case_id(), "farmers-01", tokens_.farmers_union_staff).ok());
  }));
  // The same read loses to an assignment in the women's union (it claims
  // women-01, helper_claims.h), so the WATCH does guard what was read.
  EXPECT_FALSE(CommitsAfter(womens_entries, [&] {
    ASSERT_TRUE(Assign(womens.case_id(), "women-01", tokens_.womens_union_staff).ok());
  }));
}

}  // namespace
}  // namespace ansinh::assignment::testkit
