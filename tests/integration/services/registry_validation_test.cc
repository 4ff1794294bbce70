// Refused requests: every kind of bad input gets INVALID_ARGUMENT with a
// BadRequest naming the bad fields, a CCCD held by another active household
// gets ALREADY_EXISTS naming it, and a refused request changes nothing in
// Redis (records, indexes, counters, events).
#include <gmock/gmock.h>

#include <functional>

#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;

class RegistryValidationTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    existing_ = Register(Family(1));
    v1::RecordSurveyRequest record;
    *record.mutable_survey() = Survey2025(existing_.household_id());
    v1::RecordSurveyResponse recorded;
    ASSERT_TRUE(stub_->RecordSurvey(Officer().get(), record, &recorded).ok());
  }

  grpc::Status Create(const v1::Household& household) {
    v1::CreateHouseholdRequest request;
    *request.mutable_household() = household;
    v1::CreateHouseholdResponse response;
    return stub_->CreateHousehold(Officer().get(), request, &response);
  }

  grpc::Status Survey(const v1::Survey& survey) {
    v1::RecordSurveyRequest request;
    *request.mutable_survey() = survey;
    v1::RecordSurveyResponse response;
    return stub_->RecordSurvey(Officer().get(), request, &response);
  }

  grpc::Status AddMember(const v1::Member& member) {
    v1::AddMemberRequest request;
    request.set_household_id(existing_.household_id());
    request.set_expected_version(existing_.version());
    *request.mutable_member() = member;
    v1::AddMemberResponse response;
    return stub_->AddMember(Officer().get(), request, &response);
  }

  grpc::Status UpdateMember(const v1::Member& member) {
    v1::UpdateMemberRequest request;
    request.set_household_id(existing_.household_id());
    request.set_expected_version(existing_.version());
    *request.mutable_member() = member;
    v1::UpdateMemberResponse response;
    return stub_->UpdateMember(Officer().get(), request, &response);
  }

  grpc::Status Update(const std::function<void(v1::UpdateHouseholdRequest&)>& fill) {
    v1::UpdateHouseholdRequest request;
    request.set_household_id(existing_.household_id());
    request.set_expected_version(existing_.version());
    fill(request);
    v1::UpdateHouseholdResponse response;
    return stub_->UpdateHousehold(Officer().get(), request, &response);
  }

  v1::Household existing_;
};

class BadInputTest;

struct BadInput {
  std::string name;
  std::function<grpc::Status(BadInputTest&)> call;
  std::vector<std::string> fields;
};

v1::Household WithMember(int index, const std::function<void(v1::Member&)>& spoil) {
  v1::Household household = Family(100);
  spoil(*household.mutable_members(index));
  return household;
}

class BadInputTest : public RegistryValidationTest, public ::testing::WithParamInterface<BadInput> {
 public:
  const v1::Household& existing() const { return existing_; }
  using RegistryValidationTest::AddMember;
  using RegistryValidationTest::Create;
  using RegistryValidationTest::Survey;
  using RegistryValidationTest::Update;
  using RegistryValidationTest::UpdateMember;
  v1::Registry::Stub& stub() { return *stub_; }
  std::unique_ptr<grpc::ClientContext> officer() { return Officer(); }
};

TEST_P(BadInputTest, IsRefusedNamingEveryBadFieldAndChangesNothing) {
  const auto before = Snapshot();
  const grpc::Status status = GetParam().call(*this);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_THAT(ViolatedFields(status), IsSupersetOf(GetParam().fields)) << status.error_message();
  EXPECT_EQ(ViolatedFields(status).size(), GetParam().fields.size()) << status.error_message();
  EXPECT_EQ(Snapshot(), before);
}

v1::Survey SurveyOf(BadInputTest& test, const std::function<void(v1::Survey&)>& spoil) {
  v1::Survey survey = Survey2025(test.existing().household_id());
  spoil(survey);
  return survey;
}

INSTANTIATE_TEST_SUITE_P(
    EveryKindOfBadInput, BadInputTest,
    ::testing::Values(
        BadInput{"CccdOfElevenDigits",
                 [](auto& t) {
                   return t.Create(WithMember(0, [](auto& m) { m.set_national_id("04608000010"); }));
                 },
                 {"household.members[0].national_id"}},
        BadInput{"BirthDateInTheFuture",
                 [](auto& t) {
                   return t.Create(WithMember(2, [](auto& m) { m.set_date_of_birth("2099-01-01"); }));
                 },
                 {"household.members[2].date_of_birth"}},
        BadInput{"UnknownEnumValue",
                 [](auto& t) {
                   return t.Create(WithMember(1, [](auto& m) { m.set_sex(static_cast<v1::Sex>(9)); }));
                 },
                 {"household.members[1].sex"}},
        BadInput{"EmptyName",
                 [](auto& t) { return t.Create(WithMember(0, [](auto& m) { m.set_full_name(" "); })); },
                 {"household.members[0].full_name"}},
        BadInput{"ChildWithoutNutrition",
                 [](auto& t) { return t.Create(WithMember(2, [](auto& m) { m.clear_nutrition(); })); },
                 {"household.members[2].nutrition"}},
        BadInput{"NoHead",
                 [](auto& t) {
                   return t.Create(WithMember(
                       0, [](auto& m) { m.set_relation_to_head(v1::RELATION_TO_HEAD_OTHER_RELATIVE); }));
                 },
                 {"household.members"}},
        BadInput{"SameCccdTwiceInOneHousehold",
                 [](auto& t) {
                   return t.Create(WithMember(1, [](auto& m) { m.set_national_id("046080000100"); }));
                 },
                 {"household.members[1].national_id"}},
        BadInput{"AreaTypeOfAnotherWard",
                 [](auto& t) {
                   v1::Household household = Family(100);
                   household.set_area_type(v1::AREA_TYPE_RURAL);
                   return t.Create(household);
                 },
                 {"household.area_type"}},
        BadInput{"EveryProblemAtOnce",
                 [](auto& t) {
                   v1::Household household = Family(100);
                   household.clear_address();
                   household.set_residential_group("TDP");
                   household.mutable_members(0)->set_national_id("12345");
                   household.mutable_members(1)->set_date_of_birth("1975-02-30");
                   household.mutable_members(1)->set_monthly_social_allowance_vnd(-1);
                   household.mutable_members(2)->set_education_level(static_cast<v1::EducationLevel>(77));
                   return t.Create(household);
                 },
                 {"household.address", "household.residential_group", "household.members[0].national_id",
                  "household.members[1].date_of_birth", "household.members[1].monthly_social_allowance_vnd",
                  "household.members[2].education_level"}},
        BadInput{
            "NegativeIncome",
            [](auto& t) { return t.Survey(SurveyOf(t, [](auto& s) { s.set_income_per_capita_vnd(-5); })); },
            {"survey.income_per_capita_vnd"}},
        BadInput{"NegativeArea",
                 [](auto& t) { return t.Survey(SurveyOf(t, [](auto& s) { s.set_floor_area_m2(-1); })); },
                 {"survey.floor_area_m2"}},
        BadInput{
            "SurveyOfAHouseholdThatDoesNotExist",
            [](auto& t) { return t.Survey(SurveyOf(t, [](auto& s) { s.set_household_id("HH-000999"); })); },
            {"survey.household_id"}},
        BadInput{"SurveyWithUnknownWaterSourceForNoHousehold",
                 [](auto& t) {
                   return t.Survey(SurveyOf(t, [](auto& s) {
                     s.set_household_id("HH-000999");
                     s.set_water_source(static_cast<v1::WaterSource>(42));
                   }));
                 },
                 {"survey.household_id", "survey.water_source"}},
        BadInput{
            "SurveyDateInTheFuture",
            [](auto& t) { return t.Survey(SurveyOf(t, [](auto& s) { s.set_survey_date("2099-10-07"); })); },
            {"survey.survey_date"}},
        BadInput{"ScoreAAloneUnderDecision59",
                 [](auto& t) {
                   return t.Survey(SurveyOf(t, [](auto& s) {
                     // Held at the end of 2020: the 2021 list, the last under Decision 59/2015.
                     s.set_review_year(2020);
                     s.set_survey_date("2020-10-07");
                     s.set_untreated_illness(v1::UNTREATED_ILLNESS_NONE);
                     s.set_has_income_per_capita(false);
                     s.set_income_per_capita_vnd(0);
                     s.set_has_score_a(true);
                     s.set_score_a(120);
                   }));
                 },
                 {"survey.income_per_capita_vnd"}},
        BadInput{"UntreatedIllnessUnansweredUnderDecision59",
                 [](auto& t) {
                   return t.Survey(SurveyOf(t, [](auto& s) {
                     // A regular review during 2021 amends the 2021 list: Decision 59/2015.
                     s.set_review_year(2021);
                     s.set_kind(v1::REVIEW_KIND_REGULAR);
                     s.set_survey_date("2021-10-07");
                   }));
                 },
                 {"survey.untreated_illness"}},
        BadInput{"CorrectionOfAnotherYear",
                 [](auto& t) {
                   return t.Survey(SurveyOf(t, [](auto& s) {
                     s.set_review_year(2024);
                     s.set_survey_date("2024-10-07");
                     s.set_corrects_survey_id("SV-2025-000001-1");
                   }));
                 },
                 {"survey.corrects_survey_id"}},
        BadInput{"NewMemberAsHeadWithNegativeAllowance",
                 [](auto& t) {
                   v1::Member member = Adult("Lê Văn Tư", v1::SEX_MALE, "1950-01-01",
                                             v1::RELATION_TO_HEAD_HEAD, NationalId(200));
                   member.set_monthly_social_allowance_vnd(-500000);
                   return t.AddMember(member);
                 },
                 {"member.relation_to_head", "member.monthly_social_allowance_vnd"}},
        BadInput{"NewMemberWithAHouseholdMembersCccd",
                 [](auto& t) {
                   return t.AddMember(Adult("Lê Văn Tư", v1::SEX_MALE, "1950-01-01",
                                            v1::RELATION_TO_HEAD_PARENT, NationalId(1)));
                 },
                 {"member.national_id"}},
        BadInput{"MemberUpdateWithLettersInTheCccd",
                 [](auto& t) {
                   v1::Member member = t.existing().members(1);
                   member.set_national_id("04608000000A");
                   return t.UpdateMember(member);
                 },
                 {"member.national_id"}},
        BadInput{"HeadChangeWithUnknownRelation",
                 [](auto& t) {
                   return t.Update([](auto& r) {
                     r.set_head_member_id("M2");
                     v1::MemberRelation* relation = r.add_relations();
                     relation->set_member_id("M1");
                     relation->set_relation_to_head(static_cast<v1::RelationToHead>(31));
                   });
                 },
                 {"relations[0].relation_to_head"}},
        BadInput{"HeadChangeLeavingTwoHeads",
                 [](auto& t) { return t.Update([](auto& r) { r.set_head_member_id("M2"); }); },
                 {"relations"}},
        BadInput{"GroupWithoutANumber",
                 [](auto& t) { return t.Update([](auto& r) { r.set_residential_group("Tổ dân phố"); }); },
                 {"residential_group"}},
        BadInput{"RemovalWithoutAReason",
                 [](auto& t) {
                   v1::RemoveMemberRequest request;
                   request.set_household_id(t.existing().household_id());
                   request.set_expected_version(1);
                   request.set_member_id("M3");
                   v1::RemoveMemberResponse response;
                   return t.stub().RemoveMember(t.officer().get(), request, &response);
                 },
                 {"reason"}},
        BadInput{"MoveOutWithoutVersionOrReason",
                 [](auto& t) {
                   v1::MoveOutRequest request;
                   request.set_household_id(t.existing().household_id());
                   v1::MoveOutResponse response;
                   return t.stub().MoveOut(t.officer().get(), request, &response);
                 },
                 {"expected_version", "reason"}},
        BadInput{"ListWithUnknownStatusAndHugePage",
                 [](auto& t) {
                   v1::ListHouseholdsRequest request;
                   request.set_status(static_cast<v1::HouseholdStatus>(8));
                   request.mutable_page()->set_page_size(501);
                   v1::ListHouseholdsResponse response;
                   return t.stub().ListHouseholds(t.officer().get(), request, &response);
                 },
                 {"status", "page.page_size"}},
        BadInput{"SearchWithoutWords",
                 [](auto& t) {
                   v1::SearchHouseholdsRequest request;
                   request.set_query("  ");
                   v1::SearchHouseholdsResponse response;
                   return t.stub().SearchHouseholds(t.officer().get(), request, &response);
                 },
                 {"query"}}),
    [](const auto& info) { return info.param.name; });

TEST_F(RegistryValidationTest, ASurveyIsRefusedWhenTheHouseholdLacksAFactTheStandardNeeds) {
  // The child's nutrition is missing from the stored record (written before
  // the registry required it): the classifier could not classify the
  // survey, so the registry does not take it.
  v1::Household stored = existing_;
  stored.mutable_members(2)->clear_nutrition();
  Redis().Command({"HSET", "ansinh:{p0}:registry:household:" + stored.household_id(), "record",
                   stored.SerializeAsString()});
  const auto before = Snapshot();
  const grpc::Status status = Survey(Survey2025(existing_.household_id()));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto violations = Violations(status);
  ASSERT_EQ(violations.size(), 1u) << status.error_message();
  EXPECT_EQ(violations[0].first, "survey.household_id");
  EXPECT_THAT(violations[0].second, HasSubstr("nutrition required for member M3 (Trần Minh Khôi"));
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(RegistryValidationTest, ACccdOfAnotherActiveHouseholdIsRefusedNamingIt) {
  const auto before = Snapshot();
  // A new household claiming the head of HH-000001 (T05-001).
  v1::Household claimant = Family(300);
  claimant.mutable_members(1)->set_national_id(NationalId(1));
  const grpc::Status created = Create(claimant);
  EXPECT_EQ(created.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(created.error_message(), HasSubstr(NationalId(1)));
  EXPECT_THAT(created.error_message(), HasSubstr("HH-000001 (T05-001)"));
  EXPECT_EQ(Snapshot(), before);

  // Through AddMember and UpdateMember of another household too.
  const v1::Household other = Register(Family(400));
  const auto after_other = Snapshot();
  v1::AddMemberRequest add;
  add.set_household_id(other.household_id());
  add.set_expected_version(1);
  *add.mutable_member() =
      Adult("Trần Văn Bình", v1::SEX_MALE, "1975-11-20", v1::RELATION_TO_HEAD_SIBLING, NationalId(2));
  v1::AddMemberResponse added;
  const grpc::Status adding = stub_->AddMember(Officer().get(), add, &added);
  EXPECT_EQ(adding.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(adding.error_message(), HasSubstr("HH-000001 (T05-001)"));
  v1::UpdateMemberRequest change;
  change.set_household_id(other.household_id());
  change.set_expected_version(1);
  *change.mutable_member() = other.members(0);
  change.mutable_member()->set_national_id(NationalId(2));
  v1::UpdateMemberResponse changed;
  EXPECT_EQ(stub_->UpdateMember(Officer().get(), change, &changed).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Snapshot(), after_other);
  // No id or code was used up by the refusals: the next household is HH-000003, T05-003.
  const v1::Household next = Register(Family(500));
  EXPECT_EQ(next.household_id(), "HH-000003");
  EXPECT_EQ(next.code(), "T05-003");
}

}  // namespace
}  // namespace ansinh::registry::testkit
