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

#include <cstdint>

#include <grpcpp/support/status.h>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/household.pb.h"
#include "redis/redis_connection.h"
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
  // The households whose support the outcome screens show (outcome_ward.h),
  // ids by the head's full name.
  std::map<std::string, std::string> supported;
};

// A CCCD number that agrees with the holder's sex and year of birth (the
// registry checks both): province 046, then the sex-and-century digit, the
// year's last two digits and a serial (unique within the ward).
std::string NationalId(v1::Sex sex, const std::string& born, int serial);

// An official status as classification publishes it after a round's
// approval: `version` is the household's aggregate version (1 for its
// first status, 2 for the next...).
struct OfficialStatus {
  std::string household_id;
  std::string group;
  v1::PovertyCategory category = v1::POVERTY_CATEGORY_POOR;
  v1::Transition transition = v1::TRANSITION_NEWLY_POOR;
  std::string approved_date;
  std::uint64_t version = 1;
};

// Puts the status straight into classification's stream, as if a round had
// approved it on `approved_date`: assignment opens, moves or closes the case
// from it and monitoring records it, each as from a real approval.
void PublishOfficialStatus(redis::Connection& redis, const OfficialStatus& status);

// The id of the case assignment opened for the household (waits up to 30 s).
std::string WaitForCase(v1::Assignment::Stub& assignment, const std::string& officer,
                        const std::string& household_id);

// Throws std::runtime_error naming the step that failed.
LoadedWard LoadBrowserWard(testkit::WardStack& stack);

// Throws std::runtime_error saying what was being done (`doing`) and why the
// call failed, unless `status` is OK. The ward loader and the stack's queries
// (stack_queries.cc) both stop at the first failed call.
void ThrowUnlessOk(const grpc::Status& status, const std::string& doing);

}  // namespace ansinh::browser
