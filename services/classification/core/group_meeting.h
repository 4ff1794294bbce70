// A residential-group meeting discusses the proposed households of its group
// together and keeps one set of minutes (docs/domain.md §4, step 3). Recording it
// is all or nothing: the minutes are one document, so a meeting either goes
// in whole or the officer corrects it and records it again.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "kernel/result.h"

namespace ansinh::classification {

// A residential group is a few hundred households at most; the bound keeps a
// request, its transaction and its reply small.
inline constexpr size_t kMaxGroupMeetingDecisions = 1000;

struct GroupMeetingDecision {
  std::string household_id;
  int attendees = 0;
  int agreed = 0;
};

struct GroupMeetingInput {
  std::string meeting_date;
  std::string minutes_reference;
  std::string recorded_by;
  std::vector<GroupMeetingDecision> decisions;
};

// Field violations of the minutes, each named as in the request
// ("decisions[3].agreed"): an ISO meeting date, 1 to kMaxGroupMeetingDecisions
// decisions, each with a household listed once, attendees > 0 and
// 0 <= agreed <= attendees. Empty when valid.
FieldViolations ValidateGroupMeeting(const GroupMeetingInput& input);

// Whether the household already carries this meeting's decision about it:
// its latest meeting is the one of the minutes (date, minutes reference,
// votes, recorder), about the proposal it still holds, and it is in the
// state that meeting left it in. With several partitions a group meeting
// commits one partition at a time, so minutes recorded again after a stop
// part way find some households done: those are kept as they are.
bool MeetingAlreadyRecorded(const v1::RoundHousehold& household, const GroupMeetingInput& input,
                            const GroupMeetingDecision& decision);

// Applies the meeting to every listed household: `households[i]` is the
// round's record of decisions[i], null when the household is not in the
// round. Each moves as RecordMeeting moves it; one that already carries this
// meeting (MeetingAlreadyRecorded) is returned as it is. When any cannot be
// discussed (not in the round, not PROPOSED) nothing is recorded:
// FAILED_PRECONDITION with one violation per such decision, saying why.
Result<std::vector<v1::RoundHousehold>> RecordGroupMeeting(
    const v1::ReviewRound& round, std::span<const v1::RoundHousehold* const> households,
    const GroupMeetingInput& input);

}  // namespace ansinh::classification
