// The lean form of approved results (status_storage.h): stored lean only
// when the survey re-derives the result exactly, read back equal, and facts
// with a reason when the explanation cannot be re-derived.
#include "classification/core/status_storage.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "classification/core/classifier.h"
#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using google::protobuf::util::MessageDifferencer;
using testkit::RealCatalog;

// Survey SV-2025-1 of HH-1, POOR with 3 dwelling deprivations, approved by R-2025.
struct ApprovedWithSurvey {
  v1::Survey survey;
  v1::ApprovedResult approved;
};

ApprovedWithSurvey PoorApproved() {
  ApprovedWithSurvey made;
  made.survey = testkit::NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  testkit::DepriveDwelling(made.survey, 3);
  Result<v1::ClassificationResult> result = ClassifySurvey(made.survey, RealCatalog());
  EXPECT_TRUE(result.ok()) << result.error().message;
  made.approved.set_household_id(made.survey.household_id());
  made.approved.set_residential_group(made.survey.residential_group());
  made.approved.set_round_id("R-2025");
  made.approved.set_review_year(2025);
  made.approved.set_list_year(2026);
  made.approved.set_review_kind(v1::REVIEW_KIND_PERIODIC);
  made.approved.set_approved_by("Trần Văn Bình (ward officer)");
  made.approved.set_approved_date("2025-11-24");
  made.approved.set_decision_number("125/QĐ-UBND");
  made.approved.set_transition(v1::TRANSITION_NEWLY_POOR);
  *made.approved.mutable_result() = std::move(result).value();
  return made;
}

TEST(StatusStorageTest, AResultTheSurveyReDerivesIsStoredLeanAndReadBackEqual) {
  const ApprovedWithSurvey made = PoorApproved();
  ASSERT_EQ(made.approved.result().category(), v1::POVERTY_CATEGORY_POOR);
  const v1::StoredApprovedResult stored = StoredFormOf(made.approved, &made.survey, RealCatalog());
  EXPECT_TRUE(IsLean(stored));
  EXPECT_EQ(stored.deprived_indicators_size(), 3);
  EXPECT_LT(stored.ByteSizeLong() * 5, made.approved.ByteSizeLong());

  const v1::ApprovedResult read = ExplainApprovedResult("HH-1", stored, &made.survey, RealCatalog());
  EXPECT_TRUE(MessageDifferencer::Equals(read, made.approved)) << read.DebugString();
  // Without re-derivation, the facts lists read.
  const v1::ApprovedResult facts = FactsOf("HH-1", stored);
  EXPECT_EQ(facts.result().category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(facts.result().deprivation_count(), 3);
  EXPECT_EQ(facts.transition(), v1::TRANSITION_NEWLY_POOR);
  EXPECT_TRUE(facts.result().category_reason().empty());
}

TEST(StatusStorageTest, AResultNotReDerivedExactlyIsKeptWhole) {
  const ApprovedWithSurvey made = PoorApproved();
  EXPECT_TRUE(StoredFormOf(made.approved, nullptr, RealCatalog()).has_whole_result()) << "no survey";

  v1::Survey other = made.survey;
  other.set_survey_id("SV-2025-2");
  EXPECT_TRUE(StoredFormOf(made.approved, &other, RealCatalog()).has_whole_result()) << "another survey";

  v1::ApprovedResult reworded = made.approved;
  reworded.mutable_result()->set_category_reason("worded by an earlier version");
  const v1::StoredApprovedResult whole = StoredFormOf(reworded, &made.survey, RealCatalog());
  ASSERT_TRUE(whole.has_whole_result());
  EXPECT_TRUE(
      MessageDifferencer::Equals(ExplainApprovedResult("HH-1", whole, nullptr, RealCatalog()), reworded));
}

TEST(StatusStorageTest, AStatusInTheFormBeforeReadsAsItWas) {
  v1::OfficialStatus legacy;
  legacy.set_household_id("HH-1");
  *legacy.add_history() = PoorApproved().approved;
  const v1::StoredOfficialStatus stored = StoredFormOfLegacy(legacy);
  ASSERT_EQ(stored.history_size(), 1);
  EXPECT_TRUE(stored.history(0).has_whole_result());
  EXPECT_TRUE(MessageDifferencer::Equals(FactsOf(stored), legacy));
}

TEST(StatusStorageTest, AnExplanationThatCannotBeReDerivedGivesTheFactsAndWhy) {
  const ApprovedWithSurvey made = PoorApproved();
  v1::StoredApprovedResult stored = LeanFormOf(made.approved);

  const v1::ApprovedResult no_survey = ExplainApprovedResult("HH-1", stored, nullptr, RealCatalog());
  EXPECT_EQ(no_survey.explanation_unavailable_text().key(), "status.explanation_unavailable.survey");
  EXPECT_EQ(no_survey.result().category(), v1::POVERTY_CATEGORY_POOR);

  // The survey now classifies otherwise (as if the rules changed): its
  // explanation would contradict the approved facts.
  v1::Survey richer = made.survey;
  richer.set_income_per_capita_vnd(9000000);
  const v1::ApprovedResult differs = ExplainApprovedResult("HH-1", stored, &richer, RealCatalog());
  EXPECT_EQ(differs.explanation_unavailable_text().key(), "status.explanation_unavailable.differs");
  EXPECT_EQ(differs.result().category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_TRUE(differs.result().income_reason().empty());

  stored.set_standard_version(stored.standard_version() + 1);
  const v1::ApprovedResult other_version = ExplainApprovedResult("HH-1", stored, &made.survey, RealCatalog());
  EXPECT_EQ(other_version.explanation_unavailable_text().key(), "status.explanation_unavailable.standard");
  EXPECT_NE(other_version.explanation_unavailable().find("is not loaded"), std::string::npos);
}

}  // namespace
}  // namespace ansinh::classification
