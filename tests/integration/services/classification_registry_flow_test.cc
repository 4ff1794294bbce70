// From a survey recorded in the registry to the official status event: the
// real ansinh-registry and ansinh-classification binaries on one Redis. The
// survey goes through the registry's RecordSurvey, reaches classification as
// registry.survey_recorded.v1, is proposed, agreed at the meeting, posted and
// approved; the HouseholdStatusChanged event lands on the classification
// stream with the fields support assignment and outside services act on.
// Needs both binaries (tests/integration/CMakeLists.txt adds ansinh-registry
// to this test's dependencies).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "classification_test_fixture.h"

namespace ansinh::classification::testkit {
namespace {

using ::testing::HasSubstr;

v1::Household RegistryHousehold() {
  v1::Household household;
  household.set_address("12 Kiệt 45 Nguyễn Sinh Cung");
  household.set_residential_group("TDP-05");
  *household.add_members() = Adult("", "Nguyễn Văn An", v1::SEX_MALE, "1980-05-01");
  household.mutable_members(0)->set_relation_to_head(v1::RELATION_TO_HEAD_HEAD);
  household.mutable_members(0)->set_national_id("046180000101");
  *household.add_members() = Adult("", "Trần Thị Bình", v1::SEX_FEMALE, "1982-07-12");
  household.mutable_members(1)->set_relation_to_head(v1::RELATION_TO_HEAD_SPOUSE);
  household.mutable_members(1)->set_national_id("046182000102");
  return household;
}

// What a surveyor enters; the registry adds the member snapshot, the area type
// and the residential group. Poor under Decree 07/2021 (urban): income under
// the line, no telecom, unclean water, no latrine.
v1::Survey EnteredSurvey(const std::string& household_id) {
  v1::Survey survey = PoorSurvey(household_id, "");
  survey.clear_members();
  survey.clear_area_type();
  survey.clear_residential_group();
  return survey;
}

class ClassificationRegistryFlowTest : public ClassificationTest {
 protected:
  void SetUp() override {
    ClassificationTest::SetUp();
    registry_ = std::make_unique<ServiceProcess>("registry", *redis_, tokens_file_, dir_.path());
    registry_->Start();
    registry_stub_ = v1::Registry::NewStub(registry_->channel());
  }

  void TearDown() override {
    registry_stub_.reset();
    if (registry_) registry_->Terminate();
    ClassificationTest::TearDown();
  }

  std::unique_ptr<ServiceProcess> registry_;
  std::unique_ptr<v1::Registry::Stub> registry_stub_;
};

TEST_F(ClassificationRegistryFlowTest, ASurveyRecordedInTheRegistryEndsAsAnOfficialStatusEvent) {
  v1::CreateHouseholdRequest create;
  *create.mutable_household() = RegistryHousehold();
  v1::CreateHouseholdResponse created;
  grpc::Status status =
      registry_stub_->CreateHousehold(AuthorizedContext(tokens_.officer).get(), create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string household_id = created.household().household_id();

  v1::ReviewRound round;
  ASSERT_TRUE(Open(2025, &round).ok());
  v1::RecordSurveyRequest record;
  *record.mutable_survey() = EnteredSurvey(household_id);
  v1::RecordSurveyResponse recorded;
  status = registry_stub_->RecordSurvey(AuthorizedContext(tokens_.officer).get(), record, &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string survey_id = recorded.survey().survey_id();

  // Proposed automatically from the registry's event.
  ASSERT_TRUE(WaitForSurveyed(round.round_id(), 1)) << service_->log();
  EXPECT_EQ(Progress(round.round_id()).progress().proposed(), 1);
  v1::ClassifyHouseholdRequest classify;
  classify.set_household_id(household_id);
  v1::ClassifyHouseholdResponse explained;
  ASSERT_TRUE(stub_->ClassifyHousehold(AuthorizedContext(tokens_.auditor).get(), classify, &explained).ok());
  EXPECT_EQ(explained.result().survey_id(), survey_id);
  EXPECT_EQ(explained.result().category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(explained.result().income_basis(), v1::INCOME_BASIS_MEASURED_INCOME);
  EXPECT_THAT(explained.result().income_reason(), HasSubstr("1,500,000"));

  v1::RoundHousehold agreed;
  ASSERT_TRUE(Meeting(round.round_id(), household_id, 15, 12, &agreed).ok());
  EXPECT_EQ(agreed.state(), v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED);
  ASSERT_TRUE(Post(round.round_id()).ok());
  EXPECT_TRUE(ClassificationEvents("classification.household_status_changed.v1").empty())
      << "nothing is official before the chairman's approval";

  StartClassification("2025-10-06");
  v1::ApproveRoundResponse approved;
  status = Approve(round.round_id(), &approved);
  ASSERT_TRUE(status.ok()) << status.error_message();

  const std::vector<v1::EventEnvelope> published =
      ClassificationEvents("classification.household_status_changed.v1");
  ASSERT_EQ(published.size(), 1u);
  const v1::EventEnvelope& envelope = published[0];
  EXPECT_EQ(envelope.aggregate_type(), "household-status");
  EXPECT_EQ(envelope.aggregate_id(), household_id);
  EXPECT_EQ(envelope.household_id(), household_id);
  EXPECT_EQ(envelope.aggregate_version(), 1u);
  EXPECT_EQ(envelope.actor().role(), v1::ROLE_WARD_OFFICER);
  v1::HouseholdStatusChanged event;
  ASSERT_TRUE(envelope.payload().UnpackTo(&event));
  EXPECT_EQ(event.household_id(), household_id);
  EXPECT_EQ(event.residential_group(), "TDP-05");
  EXPECT_EQ(event.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(event.previous_category(), v1::POVERTY_CATEGORY_UNSPECIFIED);
  EXPECT_EQ(event.transition(), v1::TRANSITION_NEWLY_POOR);
  EXPECT_FALSE(event.without_labour_capacity());
  EXPECT_EQ(event.indicators_size(), 12);
  EXPECT_EQ(event.deprivation_count(), 3);
  EXPECT_EQ(event.standard_id(), "decree-07-2021");
  EXPECT_EQ(event.standard_version(), 2);
  EXPECT_EQ(event.round_id(), round.round_id());
  EXPECT_EQ(event.review_year(), 2025);
  EXPECT_EQ(event.list_year(), 2026);
  EXPECT_EQ(event.approved_date(), "2025-10-06");

  // The registry's event history caused the proposal; the approval caused the status.
  const std::vector<v1::EventEnvelope> classified =
      ClassificationEvents("classification.survey_classified.v1");
  ASSERT_EQ(classified.size(), 1u);
  EXPECT_EQ(classified[0].actor().role(), v1::ROLE_SERVICE);
  const std::vector<v1::EventEnvelope> round_approved =
      ClassificationEvents("classification.round_approved.v1");
  ASSERT_EQ(round_approved.size(), 1u);
  EXPECT_EQ(envelope.causation_id(), round_approved[0].event_id());

  const v1::GetOfficialStatusResponse official = OfficialStatus(household_id);
  ASSERT_TRUE(official.has_current());
  EXPECT_EQ(official.current().result().survey_id(), survey_id);
  EXPECT_EQ(DeadLetters(), 0);
}

// The two years end to end (docs/domain.md §3.0): a survey recorded in the
// registry for a review held in one year is classified, in its round, under
// the standard of the list year that review decides. One urban household
// with 2,500,000 đồng a month and three deprivations tells the standards
// apart: not poor under Decision 59/2015, average under Decree 07/2021, poor
// under Decree 351/2025 (urban line 2,800,000).
struct YearsCase {
  int held_year;
  v1::ReviewKind kind;
  int list_year;
  std::string standard_id;
  v1::PovertyCategory category;
};

TEST_F(ClassificationRegistryFlowTest, TheListYearChoosesTheStandardAtBothPeriodBoundaries) {
  const std::vector<YearsCase> cases = {
      {2020, v1::REVIEW_KIND_PERIODIC, 2021, "decision-59-2015", v1::POVERTY_CATEGORY_NOT_POOR},
      {2021, v1::REVIEW_KIND_REGULAR, 2021, "decision-59-2015", v1::POVERTY_CATEGORY_NOT_POOR},
      {2021, v1::REVIEW_KIND_PERIODIC, 2022, "decree-07-2021", v1::POVERTY_CATEGORY_AVERAGE},
      {2026, v1::REVIEW_KIND_REGULAR, 2026, "decree-07-2021", v1::POVERTY_CATEGORY_AVERAGE},
      {2026, v1::REVIEW_KIND_PERIODIC, 2027, "decree-351-2025", v1::POVERTY_CATEGORY_POOR},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const YearsCase& c = cases[i];
    SCOPED_TRACE(v1::ReviewKind_Name(c.kind) + " review held in " + std::to_string(c.held_year));
    v1::CreateHouseholdRequest create;
    *create.mutable_household() = RegistryHousehold();
    create.mutable_household()->mutable_members(0)->set_national_id("04618000020" + std::to_string(i));
    create.mutable_household()->mutable_members(1)->set_national_id("04618200020" + std::to_string(i));
    v1::CreateHouseholdResponse created;
    grpc::Status status =
        registry_stub_->CreateHousehold(AuthorizedContext(tokens_.officer).get(), create, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    const std::string household_id = created.household().household_id();

    v1::ReviewRound round;
    const bool regular = c.kind == v1::REVIEW_KIND_REGULAR;
    // Every periodic round here opens on the fixture's today (2025-10-01),
    // outside its own year's window: the reason is on the record.
    status = Open(c.held_year, &round, regular ? household_id : "", "",
                  regular ? "" : "list years checked out of season");
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(round.review_year(), c.held_year);
    EXPECT_EQ(round.list_year(), c.list_year);
    EXPECT_EQ(round.standard_id(), c.standard_id);

    v1::RecordSurveyRequest record;
    *record.mutable_survey() = EnteredSurvey(household_id);
    record.mutable_survey()->set_review_year(c.held_year);
    record.mutable_survey()->set_kind(c.kind);
    record.mutable_survey()->set_survey_date(std::to_string(c.held_year) + "-10-07");
    record.mutable_survey()->set_income_per_capita_vnd(2500000);
    // Decision 59/2015's access-to-health-services indicator asks it; the others ignore it.
    record.mutable_survey()->set_untreated_illness(v1::UNTREATED_ILLNESS_NONE);
    v1::RecordSurveyResponse recorded;
    status = registry_stub_->RecordSurvey(AuthorizedContext(tokens_.officer).get(), record, &recorded);
    ASSERT_TRUE(status.ok()) << status.error_message();

    v1::SurveyClassified classified;
    ASSERT_TRUE(WaitFor([&] {
      for (const v1::EventEnvelope& envelope : ClassificationEvents("classification.survey_classified.v1")) {
        if (envelope.household_id() == household_id) return envelope.payload().UnpackTo(&classified);
      }
      return false;
    })) << service_->log();
    EXPECT_EQ(classified.round_id(), round.round_id());
    EXPECT_EQ(classified.result().standard_id(), c.standard_id);
    EXPECT_EQ(classified.result().review_year(), c.held_year);
    EXPECT_EQ(classified.result().list_year(), c.list_year);
    EXPECT_EQ(classified.result().category(), c.category)
        << v1::PovertyCategory_Name(classified.result().category()) << " with "
        << classified.result().deprivation_count() << " indicators deprived";
  }
}

}  // namespace
}  // namespace ansinh::classification::testkit
