#pragma once

// The small ward the browser tests work on, loaded into a running WardStack
// through the services' own APIs (and, for the official statuses that open
// cases, through the classification stream, as the assignment tests do):
// households of four residential groups, four open Women's Union cases
// without a helper, one Farmers' Union case, households surveyed for a
// review the ward officer runs in the browser, and one account per role.

#include <map>
#include <string>
#include <vector>

#include <grpcpp/support/status.h>

#include "ward_stack.h"

namespace ansinh::browser {

// The review the ward officer runs in the browser is held in November 2026
// on classification's calendar (--today-override kReviewToday): opened,
// met, posted and approved on dates typed into the forms, the complaint
// window closed in between, whatever the day the tests run.
inline constexpr int kReviewYear = 2026;
inline constexpr const char* kReviewSurveyDate = "2026-11-02";
inline constexpr const char* kReviewToday = "2026-11-27";

// Written into the stack's directory and given to assignment with
// --organizations-file: TDP-01 and TDP-02 belong to the Women's Union only,
// TDP-03 to the Farmers' Union only, so each case's organization is known.
std::string WriteOrganizationsFile(const std::string& dir);

struct LoadedWard {
  // Household ids by the head's full name.
  std::map<std::string, std::string> households;
  // Case ids by organization id.
  std::map<std::string, std::vector<std::string>> cases;
  // Households surveyed for the review year and not yet in any round.
  std::vector<std::string> review_households;
  int review_year = 0;
  // Usernames and their passwords.
  std::map<std::string, std::string> passwords;
};

// Throws std::runtime_error naming the step that failed.
LoadedWard LoadBrowserWard(testkit::WardStack& stack);

// Throws std::runtime_error saying what was being done (`doing`) and why the
// call failed, unless `status` is OK. The ward loader and the stack's queries
// (stack_queries.cc) both stop at the first failed call.
void ThrowUnlessOk(const grpc::Status& status, const std::string& doing);

}  // namespace ansinh::browser
