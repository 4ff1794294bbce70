// GetRoundProgress answers from the round's counters (round_counters.h),
// moved in every step's transaction: after each step of a round driven over
// gRPC, the progress equals the reference count (ComputeProgress) over the
// households ListRoundHouseholds lists; a round stored before counters were
// kept is counted once on its first read.
#include <gmock/gmock.h>

#include <google/protobuf/util/message_differencer.h>
#include <set>

#include "classification/adapters/classification_keys.h"
#include "classification/core/round_progress.h"
#include "classification_test_fixture.h"

namespace ansinh::classification::testkit {
namespace {

class RoundProgressTest : public ClassificationTest {
 protected:
  // The progress the service answers, held to the count over the listed
  // households on the service's today.
  void ExpectProgressMatchesHouseholds(const std::string& round_id, const std::string& after_step) {
    SCOPED_TRACE("after " + after_step);
    const v1::GetRoundProgressResponse answer = Progress(round_id);
    const std::vector<v1::RoundHousehold> households = RoundHouseholds(round_id);
    v1::RoundProgress expected = ComputeProgress(answer.round(), households, *ParseIsoDate(today_));
    expected.set_earlier_surveys_joining(answer.progress().earlier_surveys_joining());
    std::string difference;
    google::protobuf::util::MessageDifferencer differencer;
    differencer.ReportDifferencesToString(&difference);
    EXPECT_TRUE(differencer.Compare(answer.progress(), expected)) << difference;
  }

  static v1::Survey MissingFactSurvey(const std::string& household_id, const std::string& survey_id) {
    v1::Survey survey = PoorSurvey(household_id, survey_id, "TDP-05", 2026);
    v1::Member* child = survey.add_members();
    *child = Adult("M3", "Nguyễn Văn Út", v1::SEX_MALE, "2019-04-04");
    child->set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
    child->set_enrolled_in_school(true);
    child->set_education_level(v1::EDUCATION_LEVEL_NONE);
    child->set_national_id("");
    child->set_nutrition(v1::NUTRITION_UNSPECIFIED);
    return survey;
  }

  // A round driven through every step, the progress held to the households
  // after each; the same answers whatever the partition count.
  void DriveEveryStep() {
    const v1::ApproveRoundResponse approved =
        ApproveSurveys({PoorSurvey("HH-000001", "SV-1"), NearPoorSurvey("HH-000002", "SV-2"),
                        PoorSurvey("HH-000003", "SV-3"), PoorSurvey("HH-000004", "SV-4")});
    ASSERT_EQ(approved.approved_size(), 4);
    ExpectProgressMatchesHouseholds("R-2025", "the 2025 approval");
    EXPECT_EQ(Progress("R-2025").progress().approved(), 4);

    StartClassification("2026-10-01");
    ASSERT_TRUE(Open(2026, nullptr).ok());
    ExpectProgressMatchesHouseholds("R-2026", "the opening with its list");
    EXPECT_EQ(Progress("R-2026").progress().listed(), 4);

    PublishRegistered("HH-000005");
    ASSERT_TRUE(WaitFor(
        [&] { return AddToList("R-2026", "HH-000005", v1::LIST_REASON_ADDED, "lost her job").ok(); }));
    ExpectProgressMatchesHouseholds("R-2026", "an addition to the list");

    PublishSurvey(PoorSurvey("HH-000001", "SV-2026-1", "TDP-05", 2026));
    PublishSurvey(NearPoorSurvey("HH-000002", "SV-2026-2", "TDP-05"));
    PublishSurvey(PoorSurvey("HH-000002", "SV-2026-2b", "TDP-05", 2026));
    PublishSurvey(PoorSurvey("HH-000005", "SV-2026-5", "TDP-05", 2026));
    PublishSurvey(MissingFactSurvey("HH-000006", "SV-2026-6"));
    ASSERT_TRUE(WaitForSurveyed("R-2026", 4));
    ExpectProgressMatchesHouseholds("R-2026", "surveys, one unclassifiable");
    EXPECT_EQ(Progress("R-2026").progress().unclassifiable_households_size(), 1);

    ASSERT_TRUE(
        DecideListed("R-2026", "HH-000004", v1::LIST_DECISION_KIND_CARRIED_OVER, "away working").ok());
    ExpectProgressMatchesHouseholds("R-2026", "a list decision");

    ASSERT_TRUE(Meeting("R-2026", "HH-000001", 10, 9).ok());
    ASSERT_TRUE(Meeting("R-2026", "HH-000005", 10, 9).ok());
    ASSERT_TRUE(Meeting("R-2026", "HH-000002", 10, 3).ok());
    ExpectProgressMatchesHouseholds("R-2026", "meetings, one sending back");

    ASSERT_TRUE(Post("R-2026").ok());
    ExpectProgressMatchesHouseholds("R-2026", "posting");
    ASSERT_TRUE(Complain("R-2026", "HH-000005").ok());
    ExpectProgressMatchesHouseholds("R-2026", "a complaint");

    // The unclassifiable household's corrected survey, and a recheck.
    PublishSurvey(PoorSurvey("HH-000006", "SV-2026-6b", "TDP-05", 2026));
    PublishSurvey(PoorSurvey("HH-000005", "SV-2026-5b", "TDP-05", 2026));
    // HH-000002 stays sent back: it waits for a new survey of its own.
    ASSERT_TRUE(WaitFor([&] { return Progress("R-2026").progress().proposed() == 2; }));
    ExpectProgressMatchesHouseholds("R-2026", "a corrected survey and a recheck");
    EXPECT_EQ(Progress("R-2026").progress().unclassifiable_households_size(), 0);

    // Days later, with the window closed: ready for approval is counted on the
    // new day without any step in between.
    StartClassification("2026-10-09");
    ExpectProgressMatchesHouseholds("R-2026", "the complaint window closing");
    EXPECT_EQ(Progress("R-2026").progress().ready_for_approval(), 1);
  }
};

TEST_F(RoundProgressTest, EveryStepKeepsTheCountersEqualToTheHouseholds) { DriveEveryStep(); }

// Four partitions: each household's share of the round (its record, proposal,
// counters, unclassifiable entry) lives in its own partition's keys, and the
// progress sums them and the lists merge them to the same answers as with one.
class RoundProgressOverPartitionsTest : public RoundProgressTest {
 protected:
  RoundProgressOverPartitionsTest() { partitions_ = 4; }
};

TEST_F(RoundProgressOverPartitionsTest, EveryStepKeepsTheSummedCountersEqualToTheHouseholds) {
  DriveEveryStep();
  redis::Connection redis = Redis();
  const ClassificationKeys keys(partitions_);
  std::set<int> used;
  for (const v1::RoundHousehold& household : RoundHouseholds("R-2026")) {
    const int partition = keys.PartitionOf(household.household_id());
    used.insert(partition);
    EXPECT_EQ(redis
                  .Command({"HEXISTS", ClassificationKeys::RoundHouseholds("R-2026", partition),
                            household.household_id()})
                  .AsInteger(),
              1)
        << household.household_id() << " in its partition's share of the round";
  }
  EXPECT_GE(used.size(), 2u) << "the round's households should span partitions";
}

TEST_F(RoundProgressTest, ARoundStoredBeforeCountersIsCountedOnceOnItsFirstRead) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  PublishSurvey(NearPoorSurvey("HH-000002", "SV-2"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 2));
  ASSERT_TRUE(Meeting("R-2025", "HH-000001", 10, 9).ok());
  const v1::RoundProgress before = Progress("R-2025").progress();

  // As an older version left it: no counters; a step meanwhile moves what
  // is there, which the count replaces.
  redis::Connection redis = Redis();
  redis.Command({"DEL", ClassificationKeys::RoundProgress("R-2025", 0),
                 ClassificationKeys::RoundUnclassifiable("R-2025", 0)});
  ASSERT_TRUE(Meeting("R-2025", "HH-000002", 10, 9).ok());
  EXPECT_EQ(redis.Command({"HEXISTS", ClassificationKeys::RoundProgress("R-2025", 0), "counted"}).AsInteger(),
            0);

  ExpectProgressMatchesHouseholds("R-2025", "the first read counts the round");
  EXPECT_EQ(Progress("R-2025").progress().agreed(), before.agreed() + 1);
  EXPECT_EQ(redis.Command({"HEXISTS", ClassificationKeys::RoundProgress("R-2025", 0), "counted"}).AsInteger(),
            1);
  ASSERT_TRUE(Post("R-2025").ok());
  ExpectProgressMatchesHouseholds("R-2025", "a step after the count");
}

}  // namespace
}  // namespace ansinh::classification::testkit
