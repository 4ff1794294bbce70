// Official statuses stored lean (docs/classification.md, "Official statuses"):
// each approved result keeps its facts and references its survey and standard,
// and GetOfficialStatus re-derives the explanation. These tests hold the
// re-derived results to the ones the households had at approval, field by
// field, across the category edges, after later surveys of the same
// households, and for statuses stored in the form before.
#include <google/protobuf/util/message_differencer.h>

#include "ansinh/v1/classification_storage.pb.h"
#include "classification/adapters/classification_keys.h"
#include "classification_test_fixture.h"
#include "redis/compressed_value.h"

namespace ansinh::classification::testkit {
namespace {

using google::protobuf::util::MessageDifferencer;

// Decree 07/2021 urban: NOT_POOR (income above 1.5 times the line).
v1::Survey NotPoorSurvey(const std::string& household_id, const std::string& survey_id) {
  return UrbanSurvey(household_id, survey_id, 5000000, 0);
}

// Decree 07/2021 urban: POOR on score A (no measured income; 160 <= 175).
v1::Survey ScoreASurvey(const std::string& household_id, const std::string& survey_id) {
  v1::Survey survey = UrbanSurvey(household_id, survey_id, 0, 3);
  survey.set_has_income_per_capita(false);
  survey.set_income_per_capita_vnd(0);
  survey.set_has_score_a(true);
  survey.set_score_a(160);
  return survey;
}

class StatusStorageTest : public ClassificationTest {
 protected:
  // The results the round proposed, by household, as the meetings answered
  // them: what the households had at approval (a result is approved as
  // proposed). Events carry only the facts (docs/events.md).
  std::map<std::string, v1::ClassificationResult> ClassifiedResults() { return proposed_at_meeting_; }

  // The status as stored in Redis, in the lean form.
  v1::StoredOfficialStatus StoredStatus(const std::string& household_id) {
    redis::Connection redis = Redis();
    const redis::Reply reply = redis.Command({"HGET", ClassificationKeys(1).Status(household_id), "lean"});
    v1::StoredOfficialStatus stored;
    EXPECT_FALSE(reply.IsNil()) << household_id << " has no lean status";
    if (!reply.IsNil()) EXPECT_TRUE(redis::ParseStoredMessage(reply.str, stored));
    return stored;
  }

  void WriteStoredStatus(const v1::StoredOfficialStatus& stored) {
    redis::Connection redis = Redis();
    redis.Command(
        {"HSET", ClassificationKeys(1).Status(stored.household_id()), "lean", redis::StoredMessage(stored)});
  }

  // Waits until the service keeps `survey` as its household's survey of its year.
  bool WaitForSurveyKept(const v1::Survey& survey) {
    return WaitFor([&] {
      redis::Connection redis = Redis();
      const redis::Reply reply = redis.Command({"HGET", ClassificationKeys(1).Surveys(survey.household_id()),
                                                std::to_string(survey.review_year())});
      v1::Survey kept;
      return !reply.IsNil() && kept.ParseFromString(reply.str) && kept.survey_id() == survey.survey_id();
    });
  }

  void ExpectSameResult(const v1::ClassificationResult& read, const v1::ClassificationResult& approved,
                        const std::string& household_id) {
    std::string differences;
    MessageDifferencer differencer;
    differencer.ReportDifferencesToString(&differences);
    EXPECT_TRUE(differencer.Compare(read, approved)) << household_id << ":\n" << differences;
  }
};

TEST_F(StatusStorageTest, ReDerivedResultsEqualTheResultsApprovedAcrossTheCategories) {
  const std::vector<v1::Survey> surveys{
      PoorSurvey("HH-000001", "SV-1"),    NearPoorSurvey("HH-000002", "SV-2"),
      AverageSurvey("HH-000003", "SV-3"), NotPoorSurvey("HH-000004", "SV-4"),
      ScoreASurvey("HH-000005", "SV-5"),  PoorElderlySurvey("HH-000006", "SV-6"),
  };
  const v1::ApproveRoundResponse approval = ApproveSurveys(surveys);
  ASSERT_EQ(approval.approved_size(), 6);
  const std::map<std::string, v1::ClassificationResult> classified = ClassifiedResults();
  ASSERT_EQ(classified.size(), 6u);
  // The edges are really covered.
  EXPECT_EQ(classified.at("HH-000001").category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(classified.at("HH-000002").category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  EXPECT_EQ(classified.at("HH-000003").category(), v1::POVERTY_CATEGORY_AVERAGE);
  EXPECT_EQ(classified.at("HH-000004").category(), v1::POVERTY_CATEGORY_NOT_POOR);
  EXPECT_EQ(classified.at("HH-000005").income_basis(), v1::INCOME_BASIS_SCORE_A);
  EXPECT_EQ(classified.at("HH-000005").category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_TRUE(classified.at("HH-000006").without_labour_capacity());

  for (const v1::ApprovedResult& approved : approval.approved()) {
    ExpectSameResult(approved.result(), classified.at(approved.household_id()), approved.household_id());
  }
  for (const auto& [household_id, result] : classified) {
    const v1::GetOfficialStatusResponse status = OfficialStatus(household_id);
    ASSERT_TRUE(status.has_current()) << household_id;
    EXPECT_TRUE(status.current().explanation_unavailable().empty())
        << status.current().explanation_unavailable();
    ExpectSameResult(status.current().result(), result, household_id);

    // Stored lean: no explanation in words, a reference and the facts.
    const v1::StoredOfficialStatus stored = StoredStatus(household_id);
    ASSERT_EQ(stored.history_size(), 1) << household_id;
    const v1::StoredApprovedResult& lean = stored.history(0);
    EXPECT_FALSE(lean.has_whole_result()) << household_id;
    EXPECT_EQ(lean.survey_id(), result.survey_id());
    EXPECT_EQ(lean.standard_id(), "decree-07-2021");
    EXPECT_EQ(lean.category(), result.category());
    EXPECT_EQ(lean.deprivation_count(), result.deprivation_count());
    EXPECT_EQ(lean.deprived_indicators_size(), result.deprivation_count());
    EXPECT_LT(stored.ByteSizeLong(), 200u) << household_id;
    EXPECT_GT(result.ByteSizeLong(), 1000u) << household_id << ": the explanation not stored";
  }
  redis::Connection redis = Redis();
  EXPECT_TRUE(redis.Command({"HGET", ClassificationKeys(1).Status("HH-000001"), "record"}).IsNil());
}

TEST_F(StatusStorageTest, ReDerivationUsesTheSurveyApprovedNotALaterOne) {
  ApproveSurveys({PoorSurvey("HH-000001", "SV-1"), NearPoorSurvey("HH-000002", "SV-2")});
  const std::map<std::string, v1::ClassificationResult> classified = ClassifiedResults();

  // A corrected survey of the same year replaces the one approved, and next
  // year's review brings another.
  const v1::Survey corrected = NotPoorSurvey("HH-000001", "SV-1-corrected");
  PublishSurvey(corrected);
  v1::Survey next_year = NotPoorSurvey("HH-000002", "SV-2-2026");
  next_year.set_review_year(2026);
  next_year.set_survey_date("2026-09-15");
  PublishSurvey(next_year);
  ASSERT_TRUE(WaitForSurveyKept(corrected));
  ASSERT_TRUE(WaitForSurveyKept(next_year));

  for (const char* household_id : {"HH-000001", "HH-000002"}) {
    const v1::GetOfficialStatusResponse status = OfficialStatus(household_id);
    EXPECT_TRUE(status.current().explanation_unavailable().empty())
        << status.current().explanation_unavailable();
    ExpectSameResult(status.current().result(), classified.at(household_id), household_id);
  }
  // The replaced survey is kept beside the latest, for the status alone.
  redis::Connection redis = Redis();
  EXPECT_FALSE(redis.Command({"HGET", ClassificationKeys(1).Surveys("HH-000001"), "kept:SV-1"}).IsNil());
  EXPECT_TRUE(redis.Command({"HGET", ClassificationKeys(1).Surveys("HH-000002"), "kept:SV-2"}).IsNil())
      << "next year's survey replaces nothing";

  // A third survey of the year replaces one no status references: nothing
  // more is kept.
  const v1::Survey third = PoorSurvey("HH-000001", "SV-1-third");
  PublishSurvey(third);
  ASSERT_TRUE(WaitForSurveyKept(third));
  EXPECT_EQ(redis.Command({"HLEN", ClassificationKeys(1).Surveys("HH-000001")}).AsInteger(), 2);
  ExpectSameResult(OfficialStatus("HH-000001").current().result(), classified.at("HH-000001"), "HH-000001");
}

TEST_F(StatusStorageTest, AResultWhoseSurveyWasReplacedBeforeTheApprovalIsKeptWhole) {
  v1::ReviewRound round;
  ASSERT_TRUE(Open(2025, &round).ok());
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  ASSERT_TRUE(WaitForSurveyed(round.round_id(), 1));
  v1::RoundHousehold met;
  ASSERT_TRUE(Meeting(round.round_id(), "HH-000001", 10, 9, &met).ok());
  const v1::ClassificationResult approved_result = met.proposed();
  ASSERT_EQ(approved_result.survey_id(), "SV-1");
  ASSERT_FALSE(approved_result.category_reason().empty()) << "the meeting answers the whole proposal";
  ASSERT_TRUE(Post(round.round_id()).ok());
  // Recorded for a POSTED household: kept as its latest, not in the round.
  const v1::Survey later = NotPoorSurvey("HH-000001", "SV-1-later");
  PublishSurvey(later);
  ASSERT_TRUE(WaitForSurveyKept(later));
  StartClassification("2025-10-06");
  ASSERT_TRUE(Approve(round.round_id()).ok());

  const v1::StoredOfficialStatus stored = StoredStatus("HH-000001");
  ASSERT_EQ(stored.history_size(), 1);
  EXPECT_TRUE(stored.history(0).has_whole_result())
      << "its survey is no longer kept: the result is kept whole";
  ExpectSameResult(OfficialStatus("HH-000001").current().result(), approved_result, "HH-000001");
}

TEST_F(StatusStorageTest, AStatusStoredInTheFormBeforeReadsTheSameAndTakesTheNextApproval) {
  // The form before: a whole OfficialStatus under "record".
  v1::OfficialStatus legacy;
  legacy.set_household_id("HH-000001");
  v1::ApprovedResult* earlier = legacy.add_history();
  earlier->set_household_id("HH-000001");
  earlier->set_residential_group("TDP-05");
  earlier->set_round_id("R-2024");
  earlier->set_review_year(2024);
  earlier->set_list_year(2025);
  earlier->set_review_kind(v1::REVIEW_KIND_PERIODIC);
  earlier->set_approved_by("Trần Văn Bình (ward officer)");
  earlier->set_approved_date("2024-11-25");
  earlier->set_decision_number("98/QĐ-UBND");
  earlier->set_transition(v1::TRANSITION_NEWLY_NEAR_POOR);
  v1::ClassificationResult* result = earlier->mutable_result();
  result->set_household_id("HH-000001");
  result->set_survey_id("SV-2024-1");
  result->set_standard_id("decree-07-2021");
  result->set_standard_version(1);
  result->set_review_year(2024);
  result->set_category(v1::POVERTY_CATEGORY_NEAR_POOR);
  result->set_income_reason("measured income 1,800,000 VND is above the urban poverty line 1,500,000 VND");
  result->set_category_reason("near-poor: income between the lines");
  {
    redis::Connection redis = Redis();
    redis.Command({"HSET", ClassificationKeys(1).Status("HH-000001"), "record", redis::StoredMessage(legacy),
                   "events", "1"});
  }
  const v1::GetOfficialStatusResponse read = OfficialStatus("HH-000001");
  EXPECT_TRUE(MessageDifferencer::Equals(read.current(), *earlier)) << read.current().DebugString();
  EXPECT_EQ(read.history_size(), 0);

  // The next approval writes the lean form: the earlier result whole, as it
  // was, the new one lean; the form before is gone.
  ApproveSurveys({PoorSurvey("HH-000001", "SV-1")});
  const v1::ClassificationResult approved_result = ClassifiedResults().at("HH-000001");
  const v1::GetOfficialStatusResponse after = OfficialStatus("HH-000001");
  ASSERT_EQ(after.history_size(), 1);
  EXPECT_TRUE(MessageDifferencer::Equals(after.history(0), *earlier)) << after.history(0).DebugString();
  ExpectSameResult(after.current().result(), approved_result, "HH-000001");
  EXPECT_EQ(after.current().previous_category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  EXPECT_EQ(after.current().transition(), v1::TRANSITION_NEAR_POOR_TO_POOR);

  const v1::StoredOfficialStatus stored = StoredStatus("HH-000001");
  ASSERT_EQ(stored.history_size(), 2);
  EXPECT_TRUE(stored.history(0).has_whole_result());
  EXPECT_FALSE(stored.history(1).has_whole_result());
  redis::Connection redis = Redis();
  EXPECT_TRUE(redis.Command({"HGET", ClassificationKeys(1).Status("HH-000001"), "record"}).IsNil());
  EXPECT_EQ(redis.Command({"HGET", ClassificationKeys(1).Status("HH-000001"), "events"}).str, "2");
}

TEST_F(StatusStorageTest, AResultWhoseStandardVersionIsNoLongerLoadedAnswersItsFactsAndSaysWhy) {
  ApproveSurveys({PoorElderlySurvey("HH-000001", "SV-1")});
  const v1::ClassificationResult approved_result = ClassifiedResults().at("HH-000001");
  v1::StoredOfficialStatus stored = StoredStatus("HH-000001");
  ASSERT_EQ(stored.history_size(), 1);
  // As if the standard file had been corrected (a new version) since.
  stored.mutable_history(0)->set_standard_version(99);
  WriteStoredStatus(stored);

  const v1::ApprovedResult current = OfficialStatus("HH-000001").current();
  EXPECT_NE(current.explanation_unavailable().find("standard decree-07-2021 version 99 is not loaded"),
            std::string::npos)
      << current.explanation_unavailable();
  EXPECT_EQ(current.explanation_unavailable_text().key(), "status.explanation_unavailable.standard");
  EXPECT_EQ(current.result().category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_TRUE(current.result().without_labour_capacity());
  EXPECT_EQ(current.result().deprivation_count(), approved_result.deprivation_count());
  ASSERT_EQ(current.result().indicators_size(), approved_result.deprivation_count()) << "the deprived ones";
  for (const v1::IndicatorResult& indicator : current.result().indicators())
    EXPECT_TRUE(indicator.deprived());
  EXPECT_TRUE(current.result().category_reason().empty()) << "no explanation from another version";
  EXPECT_EQ(current.round_id(), "R-2025");
}

}  // namespace
}  // namespace ansinh::classification::testkit
