#include "browser_ward.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "ansinh/v1/accounts.grpc.pb.h"
#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "events/envelope_codec.h"
#include "events/stream_names.h"
#include "household_builders.h"
#include "kernel/ward_clock.h"
#include "outcome_ward.h"
#include "redis/redis_connection.h"

namespace ansinh::browser {
namespace {

using testkit::AuthorizedContext;

constexpr const char* kOrganizations = R"({
  "ward": "Phường thử nghiệm giao diện",
  "settings": {"fallback_organization_id": "fatherland-front", "follow_up_months": 36, "visit_overdue_days": 90},
  "organizations": [
    {"id": "fatherland-front", "name": "Ủy ban MTTQ phường", "residential_groups": ["TDP-04", "TDP-05"],
     "capacity": 50},
    {"id": "womens-union", "name": "Hội Liên hiệp Phụ nữ phường", "residential_groups": ["TDP-01", "TDP-02"],
     "capacity": 20},
    {"id": "farmers-union", "name": "Hội Nông dân phường", "residential_groups": ["TDP-03"], "capacity": 20}
  ],
  "helpers": [
    {"id": "women-01", "full_name": "Lê Thị Mai", "organization_id": "womens-union", "phone": "0900000101",
     "max_caseload": 5},
    {"id": "women-02", "full_name": "Đỗ Thị Ngọc", "organization_id": "womens-union", "phone": "0900000102",
     "max_caseload": 1},
    {"id": "women-03", "full_name": "Trần Thị Lan", "organization_id": "womens-union", "phone": "0900000103",
     "max_caseload": 5, "active": false},
    {"id": "farmers-01", "full_name": "Phạm Văn Lộc", "organization_id": "farmers-union", "phone": "0900000201",
     "max_caseload": 5},
    {"id": "front-01", "full_name": "Hoàng Văn Thắng", "organization_id": "fatherland-front",
     "phone": "0900000301", "max_caseload": 12}
  ]
})";

struct WardHousehold {
  const char* head;
  v1::Sex sex;
  const char* born;
  const char* address;
  const char* group;
  // The organization whose case the household gets; empty: no case.
  const char* case_organization;
  // Surveyed for the review the ward officer runs in the browser.
  bool for_review;
};

// TDP-01/02: Women's Union; TDP-03: Farmers' Union; TDP-05: the review's (TDP-04: outcome_ward.cc).
const WardHousehold kHouseholds[] = {
    {"Nguyễn Thị Hương", v1::SEX_FEMALE, "1978-03-02", "12 Kiệt 45 Nguyễn Sinh Cung", "TDP-01",
     "womens-union", false},
    {"Trần Thị Bích", v1::SEX_FEMALE, "1969-07-15", "7 Kiệt 3 Phạm Văn Đồng", "TDP-01", "womens-union",
     false},
    {"Lê Văn Tám", v1::SEX_MALE, "1958-11-20", "21 Kiệt 8 Hoàng Quốc Việt", "TDP-02", "womens-union", false},
    {"Phạm Thị Hoa", v1::SEX_FEMALE, "1985-01-09", "4 Kiệt 60 Tùng Thiện Vương", "TDP-02", "womens-union",
     false},
    {"Võ Văn Dũng", v1::SEX_MALE, "1972-05-30", "33 Kiệt 12 Dương Văn An", "TDP-03", "farmers-union", false},
    {"Nguyễn Văn Hưng", v1::SEX_MALE, "1990-09-09", "9 Kiệt 1 Nguyễn Lộ Trạch", "TDP-01", "", false},
    {"Hồ Thị Thu", v1::SEX_FEMALE, "1966-02-14", "15 Kiệt 22 Hồ Đắc Di", "TDP-05", "", true},
    {"Đặng Văn Lực", v1::SEX_MALE, "1961-12-01", "2 Kiệt 5 Võ Nguyên Giáp", "TDP-05", "", true},
};

// A survey that classifies as poor: a low income and several deprivations.
v1::Survey ReviewSurvey(const std::string& household_id, int review_year, const std::string& survey_date) {
  return testkit::PeriodicSurvey(household_id, {.review_year = review_year, .survey_date = survey_date});
}

// 18 random characters from the system's generator: a password nobody
// guesses, which the tests read from the launcher's output.
std::string NewPassword() {
  static const char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  unsigned char bytes[18];
  const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::read(fd, bytes, sizeof(bytes)) != static_cast<ssize_t>(sizeof(bytes))) {
    throw std::runtime_error("cannot read /dev/urandom");
  }
  ::close(fd);
  std::string password;
  for (unsigned char byte : bytes) password += kAlphabet[byte % (sizeof(kAlphabet) - 1)];
  return password;
}

struct DemoAccount {
  const char* username;
  const char* display_name;
  v1::Role role;
  const char* organization_id;
};

// The contract's four demo accounts (as `ansinh admin init-accounts` makes).
const DemoAccount kAccounts[] = {
    {"canbo.phuong", "Trần Văn Minh", v1::ROLE_WARD_OFFICER, ""},
    {"hoi.phunu", "Nguyễn Thị Lan", v1::ROLE_ORGANIZATION_STAFF, "womens-union"},
    {"hoi.nongdan", "Lê Văn Hùng", v1::ROLE_ORGANIZATION_STAFF, "farmers-union"},
    {"kiem.toan", "Phạm Thị Thu", v1::ROLE_AUDITOR, ""},
};

}  // namespace

std::string NationalId(v1::Sex sex, const std::string& born, int serial) {
  const int year = std::stoi(born.substr(0, 4));
  const int century_digit = (year >= 2000 ? 2 : 0) + (sex == v1::SEX_FEMALE ? 1 : 0);
  char id[16];
  std::snprintf(id, sizeof(id), "046%d%02d%06d", century_digit, year % 100, serial);
  return id;
}

void PublishOfficialStatus(redis::Connection& redis, const OfficialStatus& status) {
  const int year = std::stoi(status.approved_date.substr(0, 4));
  v1::HouseholdStatusChanged payload;
  payload.set_household_id(status.household_id);
  payload.set_residential_group(status.group);
  payload.set_category(status.category);
  payload.set_transition(status.transition);
  payload.set_review_year(year);
  payload.set_list_year(year + 1);
  payload.set_round_id("R-" + std::to_string(year));
  payload.set_approved_date(status.approved_date);
  payload.set_decision_number("125/QĐ-UBND");
  payload.set_decision_date(status.approved_date);
  v1::Actor actor;
  actor.set_role(v1::ROLE_SERVICE);
  actor.set_name("classification");
  // Each household's statuses are versions of its aggregate, in order.
  const v1::EventEnvelope envelope =
      events::MakeEnvelope(events::EventContext{actor, "", ""},
                           events::EventIdentity{"classification.household_status_changed.v1", "household",
                                                 status.household_id, status.version, status.household_id},
                           payload);
  redis.Command(events::XAddCommand(events::EventStream(events::kClassificationSource, 0), envelope));
}

std::string WaitForCase(v1::Assignment::Stub& assignment, const std::string& officer,
                        const std::string& household_id) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    v1::GetCaseByHouseholdRequest request;
    request.set_household_id(household_id);
    v1::Case found;
    if (assignment.GetCaseByHousehold(AuthorizedContext(officer).get(), request, &found).ok()) {
      return found.case_id();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw std::runtime_error("assignment opened no case for " + household_id);
}

std::string WriteOrganizationsFile(const std::string& dir) {
  const std::string path = dir + "/browser-organizations.json";
  std::ofstream(path) << kOrganizations;
  return path;
}

LoadedWard LoadBrowserWard(testkit::WardStack& stack) {
  const std::string officer = stack.tokens().officer;
  auto registry = v1::Registry::NewStub(stack.service("registry").channel());
  auto assignment = v1::Assignment::NewStub(stack.service("assignment").channel());
  auto accounts = v1::Accounts::NewStub(stack.service("registry").channel());
  redis::Connection redis(stack.redis().Options());

  const CivilDate today = WardClock().Today();
  // Cases opened a month ago, so a visit dated today or a few days back is
  // after the opening.
  const std::string approved_date = FormatIsoDate(AddDays(today, -30));
  LoadedWard ward;
  ward.review_year = kReviewYear;

  int serial = 0;
  for (const WardHousehold& entry : kHouseholds) {
    testkit::SampleHead head;
    head.full_name = entry.head;
    head.sex = entry.sex;
    head.date_of_birth = entry.born;
    head.national_id = NationalId(entry.sex, entry.born, ++serial);
    v1::CreateHouseholdRequest create;
    *create.mutable_household() = testkit::OneMemberHousehold(head, {entry.address, entry.group});
    v1::CreateHouseholdResponse created;
    ThrowUnlessOk(registry->CreateHousehold(AuthorizedContext(officer).get(), create, &created),
                  std::string("registering the household of ") + entry.head);
    const std::string household_id = created.household().household_id();
    ward.households[entry.head] = household_id;
    if (entry.for_review) {
      v1::RecordSurveyRequest record;
      *record.mutable_survey() = ReviewSurvey(household_id, ward.review_year, kReviewSurveyDate);
      v1::RecordSurveyResponse recorded;
      ThrowUnlessOk(registry->RecordSurvey(AuthorizedContext(officer).get(), record, &recorded),
                    std::string("recording the survey of ") + entry.head);
      ward.review_households.push_back(household_id);
    }
    if (*entry.case_organization != '\0') {
      PublishOfficialStatus(redis, {household_id, entry.group, v1::POVERTY_CATEGORY_POOR,
                                    v1::TRANSITION_NEWLY_POOR, approved_date, 1});
    }
  }
  for (const WardHousehold& entry : kHouseholds) {
    if (*entry.case_organization == '\0') continue;
    ward.cases[entry.case_organization].push_back(
        WaitForCase(*assignment, officer, ward.households.at(entry.head)));
  }

  LoadOutcomeHouseholds(stack, redis, ward);

  for (const DemoAccount& demo : kAccounts) {
    v1::CreateAccountRequest create;
    v1::Account& account = *create.mutable_account();
    account.set_username(demo.username);
    account.set_display_name(demo.display_name);
    account.set_role(demo.role);
    account.set_organization_id(demo.organization_id);
    account.set_active(true);
    create.set_password(NewPassword());
    v1::CreateAccountResponse created;
    ThrowUnlessOk(accounts->CreateAccount(AuthorizedContext(officer).get(), create, &created),
                  std::string("creating the account ") + demo.username);
    ward.passwords[demo.username] = create.password();
  }
  return ward;
}

void ThrowUnlessOk(const grpc::Status& status, const std::string& doing) {
  if (!status.ok()) throw std::runtime_error(doing + ": " + status.error_message());
}

}  // namespace ansinh::browser
