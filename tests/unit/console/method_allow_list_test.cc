#include "console/method_allow_list.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace ansinh::console {
namespace {

TEST(AllowList, EveryEntryIsARealUnaryMethod) {
  std::set<std::string> seen;
  for (const AllowedMethod& allowed : AllowedMethods()) {
    const std::string name = std::string(allowed.service) + "/" + std::string(allowed.method);
    EXPECT_TRUE(seen.insert(name).second) << name << " is listed twice";
    const google::protobuf::MethodDescriptor* method = FindAllowedMethod(allowed.service, allowed.method);
    ASSERT_NE(method, nullptr) << name << " is not a unary method of ansinh.v1." << allowed.service;
    EXPECT_EQ(method->full_name(),
              "ansinh.v1." + std::string(allowed.service) + "." + std::string(allowed.method));
  }
  EXPECT_GT(seen.size(), 50u);
}

TEST(AllowList, TheHouseholdPagesCallsAreAllowed) {
  EXPECT_NE(FindAllowedMethod("Registry", "GetHousehold"), nullptr);
  EXPECT_NE(FindAllowedMethod("Classification", "GetOfficialStatus"), nullptr);
  EXPECT_NE(FindAllowedMethod("Assignment", "GetCaseByHousehold"), nullptr);
  EXPECT_NE(FindAllowedMethod("Monitoring", "GetHouseholdTimeline"), nullptr);
}

TEST(AllowList, RealMethodsLeftOffTheListAreNotReachable) {
  // Streaming, sign-in (its own route), bearer secrets, the auditor's tools.
  for (const auto& [service, method] :
       std::vector<std::pair<std::string, std::string>>{{"Registry", "ImportHouseholds"},
                                                        {"Monitoring", "StreamAuditExport"},
                                                        {"Accounts", "SignIn"},
                                                        {"Accounts", "SignOut"},
                                                        {"TokenAdmin", "IssueToken"},
                                                        {"Monitoring", "ListAuditLeaves"},
                                                        {"Operations", "ReplayDeadLetters"}}) {
    EXPECT_EQ(FindAllowedMethod(service, method), nullptr) << service << "/" << method;
  }
  // The services themselves exist: the refusal is the list's, not a typo's.
  EXPECT_NE(FindConsoleService("Registry")->FindMethodByName("ImportHouseholds"), nullptr);
  EXPECT_NE(FindConsoleService("Accounts")->FindMethodByName("SignIn"), nullptr);
}

TEST(AllowList, UnknownNamesAreNotFound) {
  EXPECT_EQ(FindAllowedMethod("Registry", "DropEverything"), nullptr);
  EXPECT_EQ(FindAllowedMethod("registry", "GetHousehold"), nullptr);
  EXPECT_EQ(FindAllowedMethod("ansinh.v1.Registry", "GetHousehold"), nullptr);
  EXPECT_EQ(FindAllowedMethod("", ""), nullptr);
  EXPECT_EQ(FindConsoleService("Health"), nullptr);
}

}  // namespace
}  // namespace ansinh::console
