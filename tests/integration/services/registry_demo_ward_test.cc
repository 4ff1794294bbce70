// The demo ward `make run` loads: generated and streamed through
// ImportHouseholds by the same code as `ansinh demo load`, it lands whole,
// with the counts docs/registry.md states, one classifiable 2025 survey per
// household, and --if-empty leaves a loaded registry alone.
#include <gmock/gmock.h>

#include <chrono>
#include <map>

#include "kernel/ward_clock.h"
#include "registry/client/demo_ward_loader.h"
#include "registry/core/survey_validation.h"
#include "registry_test_fixture.h"
#include "standards/standard_loader.h"

namespace ansinh::registry::testkit {
namespace {

using ::testing::IsEmpty;

class RegistryDemoWardTest : public RegistryTest {
 protected:
  client::DemoLoadResult Load(bool if_empty) {
    client::DemoLoadOptions options;  // the defaults of `ansinh demo load`
    options.if_empty = if_empty;
    options.today = WardClock().Today();
    return client::LoadDemoWard(
        *stub_, [this] { return AuthorizedContext(tokens_.officer, std::chrono::seconds(300)); }, options,
        {});
  }
};

// What the repository's standards need a survey to record, as the registry loads them.
const SurveyRules& RepositoryRules() {
  static const SurveyRules rules(*LoadStandardsFromDirectory(ANSINH_STANDARDS_DIR));
  return rules;
}

TEST_F(RegistryDemoWardTest, LoadsWithTheStatedCounts) {
  const client::DemoLoadResult result = Load(true);
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  EXPECT_FALSE(result.skipped);
  EXPECT_EQ(result.existing_households, 0);
  EXPECT_EQ(result.import.response.imported_count(), 2000);
  EXPECT_EQ(result.import.response.rejected_count(), 0);

  // The counts docs/registry.md ("The demo ward") states for seed 2025.
  const client::DemoWardCounts& intended = result.intended;
  EXPECT_EQ(intended.households, 2000);
  EXPECT_EQ(intended.residential_groups, 18);
  EXPECT_EQ(intended.members, 6774);
  EXPECT_EQ(intended.review_year, 2025);
  EXPECT_EQ(intended.poor, 80);
  EXPECT_EQ(intended.poor_without_labour_capacity, 28);
  EXPECT_EQ(intended.near_poor, 90);
  EXPECT_EQ(intended.average, 160);
  EXPECT_EQ(intended.not_poor, 1670);

  // What the registry holds, read back by listing.
  int64_t households = 0;
  int64_t members = 0;
  std::map<std::string, int64_t> per_group;
  std::string token;
  do {
    const v1::ListHouseholdsResponse page = List("", v1::HOUSEHOLD_STATUS_ACTIVE, 500, token);
    EXPECT_EQ(page.page().total_size(), 2000);
    for (const v1::Household& household : page.households()) {
      ++households;
      members += household.members_size();
      ++per_group[household.residential_group()];
    }
    token = page.page().next_page_token();
  } while (!token.empty());
  EXPECT_EQ(households, 2000);
  EXPECT_EQ(members, 6774);
  ASSERT_EQ(per_group.size(), 18u);
  EXPECT_EQ(per_group.begin()->first, "TDP-01");
  EXPECT_EQ(per_group.rbegin()->first, "TDP-18");
  for (const auto& [group, count] : per_group) {
    EXPECT_EQ(List(group, v1::HOUSEHOLD_STATUS_UNSPECIFIED, 1).page().total_size(), count) << group;
  }

  // One registration and one survey per household: 2025, Decree 07/2021,
  // with every fact the classifier needs.
  int64_t registrations = 0;
  int64_t surveys = 0;
  for (const v1::EventEnvelope& event : Events()) {
    if (event.event_type() == "registry.household_registered.v1") ++registrations;
    if (event.event_type() != "registry.survey_recorded.v1") continue;
    ++surveys;
    v1::SurveyRecorded recorded;
    ASSERT_TRUE(event.payload().UnpackTo(&recorded));
    EXPECT_EQ(recorded.survey().review_year(), 2025);
    EXPECT_EQ(event.aggregate_version(), 2u);
    EXPECT_THAT(ValidateRecordedSurvey(recorded.survey(), WardClock().Today(), RepositoryRules()), IsEmpty())
        << recorded.survey().survey_id();
  }
  EXPECT_EQ(registrations, 2000);
  EXPECT_EQ(surveys, 2000);
}

TEST_F(RegistryDemoWardTest, IfEmptyLeavesALoadedRegistryAlone) {
  const v1::Household registered = Register(Family(1));
  auto before = Snapshot();
  const size_t events_before = Events().size();
  const client::DemoLoadResult result = Load(true);
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  EXPECT_TRUE(result.skipped);
  EXPECT_EQ(result.existing_households, 1);
  // Nothing changed but the read log: looking for a household, the loader
  // read the first one, sensitive facts included, and that read is recorded
  // (docs/monitoring.md, "Personal-data reads are logged").
  auto after = Snapshot();
  after.erase(kRegistryStream);
  before.erase(kRegistryStream);
  EXPECT_EQ(after, before);
  const std::vector<v1::EventEnvelope> events = Events();
  ASSERT_EQ(events.size(), events_before + 1);
  EXPECT_EQ(events.back().event_type(), "registry.personal_data_read.v1");
  EXPECT_EQ(events.back().household_id(), registered.household_id());
}

}  // namespace
}  // namespace ansinh::registry::testkit
