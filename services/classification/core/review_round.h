// The per-household steps of a review round (docs/domain.md §4) as pure
// functions: each takes the stored messages, checks its preconditions and
// returns the updated message, or an Error the gRPC adapter maps to
// INVALID_ARGUMENT (bad input, with field violations) or FAILED_PRECONDITION
// (step out of order, the message says why). Nothing is stored here.
// See round_states.h for the state diagram.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/household.pb.h"
#include "classification/core/review_window.h"
#include "classification/core/round_states.h"
#include "kernel/result.h"
#include "standards/standard_catalog.h"

namespace ansinh::classification {

struct OpenRoundInput {
  // Chosen by the adapter (unique).
  std::string round_id;
  int review_year = 0;
  v1::ReviewKind kind = v1::REVIEW_KIND_UNSPECIFIED;
  // Regular review only: the household that applied.
  std::string household_id;
  std::string opened_by;
  std::string opened_date;
  int regular_deadline_days = kRegularReviewDeadlineDays;
  // The periodic review's window (configured) and, for a periodic round
  // opened outside it, why.
  ReviewWindow window;
  std::string outside_window_reason;
};

// Opens a round under the standard in force for its year. A periodic round
// records the window of its review year; opened outside it, it needs
// outside_window_reason (INVALID_ARGUMENT naming it), which is refused
// inside the window and for a regular review (held in any month). Refuses a
// second periodic round for a year (open or approved), a second open regular
// round for a household (`existing_rounds` are the stored rounds), a round
// id already used (kAlreadyExists) and a year no standard covers. The list a
// periodic round opens with is drawn up by OpeningOf (round_list.h).
Result<v1::ReviewRound> OpenRound(const OpenRoundInput& input, const StandardCatalog& catalog,
                                  std::span<const v1::ReviewRound> existing_rounds);

// Records a survey for the round and classifies it: the household becomes
// PROPOSED. `current` is the household's record in the round, null for its
// first survey; a LISTED household (or one decided without a survey, whose
// decision the survey replaces) keeps why it is listed, a household first
// brought in by its survey is SURVEYED (APPLIED in a regular review). A survey the standard cannot classify
// for lack of a fact (Classify's FAILED_PRECONDITION with violations) is recorded too: the household becomes
// UNCLASSIFIABLE with the reason and each fact to correct, and keeps any earlier proposal for reference.
// Refused after posting (a posted result changes only through a complaint), for a survey of another review
// year or, in a regular round, of another household, and when no loaded standard covers the year;
// kAlreadyExists when this survey is already the household's latest in the round (a replayed event).
Result<v1::RoundHousehold> RecordSurvey(const v1::ReviewRound& round, const v1::RoundHousehold* current,
                                        const v1::Survey& survey, const StandardCatalog& catalog);

struct MeetingInput {
  std::string meeting_date;
  int attendees = 0;
  int agreed = 0;
  std::string minutes_reference;
  std::string recorded_by;
};

// Field violations of a meeting: attendees > 0, 0 <= agreed <= attendees,
// an ISO meeting date. Empty when valid.
FieldViolations ValidateMeeting(const MeetingInput& input);

// Records the residential-group meeting about a PROPOSED household: at least
// 50% of attendees agreeing gives MEETING_AGREED, less gives SENT_BACK.
Result<v1::RoundHousehold> RecordMeeting(const v1::ReviewRound& round, const v1::RoundHousehold& household,
                                         const MeetingInput& input);

struct ComplaintInput {
  std::string received_date;
  std::string complainant;
  std::string content;
  std::string recorded_by;
};

// Records a complaint about a POSTED household received within its window:
// the household becomes COMPLAINED and needs a new survey and meeting.
Result<v1::RoundHousehold> FileComplaint(const v1::ReviewRound& round, const v1::RoundHousehold& household,
                                         const ComplaintInput& input);

}  // namespace ansinh::classification
