#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "ansinh/v1/classification.grpc.pb.h"
#include "client_options.h"

namespace ansinh::cli {

// The round's list (docs/domain.md §4, step 1):
//   ansinh review add ROUND HOUSEHOLD --reason applied|added --note TEXT
//   ansinh review decide ROUND HOUSEHOLD --kind moved-away|dissolved|carried-over --reason TEXT [--date D]
//   ansinh review households ROUND [--list-only] [--state S] [--page-size N] [--page-token T]
void AddReviewListCommands(CLI::App& review, const ClientOptions& options, int& exit_code);

// The lines `ansinh review progress` adds about the list: the listed
// households still awaiting a survey or a decision, and those decided
// without a survey, each with why it is listed (at most one page of each).
void PrintListAwaiting(v1::Classification::Stub& stub, const ClientOptions& options,
                       const std::string& round_id);

// "poor", "near-poor", "applied", "added", "surveyed".
std::string ListReasonLabel(v1::ListReason reason);
// "moved-away", "dissolved", "carried-over".
std::string ListDecisionLabel(v1::ListDecisionKind kind);

}  // namespace ansinh::cli
