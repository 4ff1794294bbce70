// A residential-group meeting recorded as one set of minutes: every household
// moves as a single meeting would move it, or none does.
#include "classification/core/group_meeting.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "classification/core/review_round.h"
#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testkit::DepriveDwelling;
using testkit::NonDeprivedSurvey;
using testkit::RealCatalog;

GroupMeetingInput Minutes(std::vector<GroupMeetingDecision> decisions,
                          const std::string& date = "2025-10-20") {
  GroupMeetingInput input;
  input.meeting_date = date;
  input.minutes_reference = "BB-T03-2025";
  input.recorded_by = "Lê Thị Thu";
  input.decisions = std::move(decisions);
  return input;
}

std::vector<std::string> Fields(const Error& error) {
  std::vector<std::string> fields;
  for (const FieldViolation& violation : error.violations) fields.push_back(violation.field);
  return fields;
}

TEST(GroupMeetingTest, EachHouseholdMovesByItsOwnVote) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold first = testkit::ProposedHousehold(round, "HH-1");
  const v1::RoundHousehold second = testkit::ProposedHousehold(round, "HH-2");
  const std::vector<const v1::RoundHousehold*> stored = {&first, &second};

  Result<std::vector<v1::RoundHousehold>> met =
      RecordGroupMeeting(round, stored, Minutes({{"HH-1", 20, 10}, {"HH-2", 20, 9}}));

  ASSERT_TRUE(met.ok()) << met.error().message;
  ASSERT_EQ(met->size(), 2u);
  // Exactly half agreeing is enough; one fewer is not.
  EXPECT_EQ((*met)[0].state(), v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED);
  EXPECT_EQ((*met)[1].state(), v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK);
  const v1::MeetingResult& minutes = (*met)[1].meetings(0);
  EXPECT_EQ(minutes.meeting_date(), "2025-10-20");
  EXPECT_EQ(minutes.minutes_reference(), "BB-T03-2025");
  EXPECT_EQ(minutes.recorded_by(), "Lê Thị Thu");
  EXPECT_EQ(minutes.survey_id(), "SV-HH-2");
  EXPECT_EQ(minutes.agreed(), 9);
}

TEST(GroupMeetingTest, NamesEveryBadFieldOfTheMinutes) {
  const FieldViolations violations =
      ValidateGroupMeeting(Minutes({{"HH-1", 10, 11}, {"", 0, 0}, {"HH-1", 5, -1}}, "10/20/2025"));

  std::vector<std::string> fields;
  for (const FieldViolation& violation : violations) fields.push_back(violation.field);
  EXPECT_THAT(fields,
              ElementsAre("meeting_date", "decisions[0].agreed", "decisions[1].household_id",
                          "decisions[1].attendees", "decisions[2].household_id", "decisions[2].agreed"));
  EXPECT_THAT(violations[4].description, HasSubstr("a second time"));
}

TEST(GroupMeetingTest, RefusesEmptyAndOversizedMinutes) {
  EXPECT_THAT(ValidateGroupMeeting(Minutes({})),
              ElementsAre(FieldViolation{"decisions", "must list at least one household discussed"}));
  std::vector<GroupMeetingDecision> many;
  for (size_t i = 0; i <= kMaxGroupMeetingDecisions; ++i) many.push_back({"HH-" + std::to_string(i), 10, 6});
  const FieldViolations violations = ValidateGroupMeeting(Minutes(many));
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "decisions");
  EXPECT_THAT(violations[0].description, HasSubstr("at most 1000"));
}

TEST(GroupMeetingTest, MeetingBeforeTheRoundOpenedIsInvalid) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold first = testkit::ProposedHousehold(round, "HH-1");
  const std::vector<const v1::RoundHousehold*> stored = {&first};

  Result<std::vector<v1::RoundHousehold>> met =
      RecordGroupMeeting(round, stored, Minutes({{"HH-1", 20, 15}}, "2025-08-31"));

  ASSERT_FALSE(met.ok());
  EXPECT_EQ(met.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(Fields(met.error()), ElementsAre("meeting_date"));
}

TEST(GroupMeetingTest, OneHouseholdThatCannotBeDiscussedRefusesTheWholeMeeting) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold proposed = testkit::ProposedHousehold(round, "HH-1");
  Result<v1::RoundHousehold> agreed = RecordMeeting(round, testkit::ProposedHousehold(round, "HH-2"),
                                                    MeetingInput{"2025-10-01", 10, 8, "BB-01", "Lê Thị Thu"});
  ASSERT_TRUE(agreed.ok());
  const std::vector<const v1::RoundHousehold*> stored = {&proposed, &agreed.value(), nullptr};

  Result<std::vector<v1::RoundHousehold>> met =
      RecordGroupMeeting(round, stored, Minutes({{"HH-1", 20, 15}, {"HH-2", 20, 15}, {"HH-9", 20, 15}}));

  ASSERT_FALSE(met.ok());
  EXPECT_EQ(met.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(Fields(met.error()), ElementsAre("decisions[1].household_id", "decisions[2].household_id"));
  EXPECT_THAT(met.error().violations[0].description, HasSubstr("already agreed"));
  EXPECT_THAT(met.error().violations[1].description, HasSubstr("not in round R-2025"));
  EXPECT_THAT(met.error().message, HasSubstr("2 of 3 households cannot be discussed"));
}

TEST(GroupMeetingTest, ClosedRoundTakesNoMeeting) {
  v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold proposed = testkit::ProposedHousehold(round, "HH-1");
  round.set_status(v1::ROUND_STATUS_APPROVED);
  const std::vector<const v1::RoundHousehold*> stored = {&proposed};

  Result<std::vector<v1::RoundHousehold>> met =
      RecordGroupMeeting(round, stored, Minutes({{"HH-1", 20, 15}}));

  ASSERT_FALSE(met.ok());
  EXPECT_EQ(met.error().code, ErrorCode::kFailedPrecondition);
}

// With several partitions a group meeting commits one partition at a time:
// the same minutes recorded again after a stop part way find the households
// already done and record the rest, and nothing is recorded twice.
TEST(GroupMeetingTest, TheSameMinutesAgainKeepWhatTheyRecordedAndRecordTheRest) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const GroupMeetingInput minutes = Minutes({{"HH-1", 20, 15}, {"HH-2", 20, 5}, {"HH-3", 20, 12}});
  // HH-1 and HH-2 were recorded before the stop; HH-3 was not.
  const v1::RoundHousehold first = testkit::ProposedHousehold(round, "HH-1");
  const v1::RoundHousehold second = testkit::ProposedHousehold(round, "HH-2");
  const std::vector<const v1::RoundHousehold*> before_stop = {&first, &second};
  Result<std::vector<v1::RoundHousehold>> part =
      RecordGroupMeeting(round, before_stop, Minutes({{"HH-1", 20, 15}, {"HH-2", 20, 5}}));
  ASSERT_TRUE(part.ok()) << part.error().message;
  const v1::RoundHousehold third = testkit::ProposedHousehold(round, "HH-3");
  EXPECT_TRUE(MeetingAlreadyRecorded((*part)[0], minutes, minutes.decisions[0]));
  EXPECT_TRUE(MeetingAlreadyRecorded((*part)[1], minutes, minutes.decisions[1])) << "sent back by it";
  EXPECT_FALSE(MeetingAlreadyRecorded(third, minutes, minutes.decisions[2]));

  const std::vector<const v1::RoundHousehold*> stored = {&(*part)[0], &(*part)[1], &third};
  Result<std::vector<v1::RoundHousehold>> again = RecordGroupMeeting(round, stored, minutes);

  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ((*again)[0].meetings_size(), 1) << "kept as it is, no second meeting";
  EXPECT_EQ((*again)[1].meetings_size(), 1);
  EXPECT_EQ((*again)[1].state(), v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK);
  EXPECT_EQ((*again)[2].state(), v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED);
  EXPECT_EQ((*again)[2].meetings_size(), 1);
}

// Only this very meeting is recognised: other votes, another set of
// minutes, or a new survey since (a new proposal needs a new meeting) are a
// different meeting, which the household refuses as before.
TEST(GroupMeetingTest, AnotherMeetingIsNotMistakenForTheOneRecorded) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const GroupMeetingInput minutes = Minutes({{"HH-1", 20, 15}});
  const v1::RoundHousehold proposed = testkit::ProposedHousehold(round, "HH-1");
  Result<std::vector<v1::RoundHousehold>> met =
      RecordGroupMeeting(round, std::vector<const v1::RoundHousehold*>{&proposed}, minutes);
  ASSERT_TRUE(met.ok()) << met.error().message;
  const v1::RoundHousehold& agreed = (*met)[0];

  EXPECT_FALSE(MeetingAlreadyRecorded(agreed, minutes, {"HH-1", 20, 14}));
  GroupMeetingInput other_minutes = minutes;
  other_minutes.minutes_reference = "BB-T03-2025-bis";
  EXPECT_FALSE(MeetingAlreadyRecorded(agreed, other_minutes, minutes.decisions[0]));
  GroupMeetingInput other_day = minutes;
  other_day.meeting_date = "2025-10-21";
  EXPECT_FALSE(MeetingAlreadyRecorded(agreed, other_day, minutes.decisions[0]));
  v1::RoundHousehold resurveyed = agreed;
  resurveyed.set_state(v1::HOUSEHOLD_REVIEW_STATE_PROPOSED);
  resurveyed.mutable_proposed()->set_survey_id("SV-HH-1-2");
  EXPECT_FALSE(MeetingAlreadyRecorded(resurveyed, minutes, minutes.decisions[0]));
  v1::RoundHousehold posted = agreed;
  posted.set_state(v1::HOUSEHOLD_REVIEW_STATE_POSTED);
  EXPECT_FALSE(MeetingAlreadyRecorded(posted, minutes, minutes.decisions[0]));

  Result<std::vector<v1::RoundHousehold>> other =
      RecordGroupMeeting(round, std::vector<const v1::RoundHousehold*>{&agreed}, Minutes({{"HH-1", 20, 14}}));
  ASSERT_FALSE(other.ok());
  EXPECT_THAT(other.error().violations[0].description, HasSubstr("already agreed"));
}

}  // namespace
}  // namespace ansinh::classification
