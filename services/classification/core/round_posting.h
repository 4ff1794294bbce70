// Public posting of a round's results (niêm yết công khai) and the complaint
// window it opens.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "classification/core/round_states.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"

namespace ansinh::classification {

struct PostingPolicy {
  // How long complaints are accepted: docs/domain.md says "about 3; confirm", so
  // the service reads it from its configuration.
  int complaint_window_working_days = kDefaultComplaintWindowWorkingDays;
  // Public holidays that do not count as working days.
  std::vector<CivilDate> holidays;
};

struct PostingOutcome {
  v1::ReviewRound round;
  // Only the households this posting changed, now POSTED.
  std::vector<v1::RoundHousehold> posted;
  v1::ResultsPosted event;
  // Households shown that still await their meeting (PROPOSED).
  int awaiting_meeting = 0;
};

// Posts every MEETING_AGREED household of the round on `posted_date`; their
// complaint window closes at the end of the policy's working days, counted
// from the posting date. A round may be posted in batches (one residential
// group after another). FAILED_PRECONDITION when no household is agreed.
Result<PostingOutcome> PostResults(const v1::ReviewRound& round,
                                   std::span<const v1::RoundHousehold> households,
                                   std::string_view posted_date, const PostingPolicy& policy);

// One batch of a posting too large to hold (a province's round, read batch
// by batch): what PostResults does for `batch`, except that a batch with no
// agreed household is an outcome with nothing posted, not a refusal. Given
// no household it checks the request and the round alone, so a caller can
// refuse before reading anything. Each batch's event names its own
// households; together they post what PostResults posts.
Result<PostingOutcome> PostBatch(const v1::ReviewRound& round, std::span<const v1::RoundHousehold> batch,
                                 std::string_view posted_date, const PostingPolicy& policy);

// The refusal of a posting that found no agreed household in the round.
Error NothingToPost(const v1::ReviewRound& round, int awaiting_meeting);

}  // namespace ansinh::classification
