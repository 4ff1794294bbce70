#pragma once

#include <grpcpp/grpcpp.h>
#include <CLI/CLI.hpp>

#include "ansinh/v1/classification.grpc.pb.h"
#include "client_options.h"

namespace ansinh::cli {

// ansinh review group-meeting ROUND --date D [--minutes REF]
//     (--decision HOUSEHOLD ATTENDEES AGREED ... | --json-file MINUTES.json)
// Records one residential-group meeting about several households at once.
void AddReviewGroupMeeting(CLI::App& review, const ClientOptions& options, int& exit_code);

struct GroupMeetingOutcome {
  int recorded = 0;
  // Households the round refused (not in it, or not awaiting a meeting).
  int skipped = 0;
  grpc::Status status;
};

// Records `request`; when the round refuses some of its households
// (FAILED_PRECONDITION naming decisions[i].household_id), records the others
// in a second call. For scripts that meet every household of a group without
// knowing which ones still await their meeting, such as `ansinh review demo`.
GroupMeetingOutcome RecordGroupMeetingSkippingRefused(v1::Classification::Stub& stub,
                                                      const ClientOptions& options,
                                                      v1::RecordGroupMeetingRequest request);

}  // namespace ansinh::cli
