#pragma once

// The outside consumer's rate (docs/events.md, "Outside consumers"): the
// policy bank's example consumer (docs/examples/policy-bank-consumer.sh), a
// shell loop over one `ansinh events subscribe`, handles every official status
// the cycle's approval published, through the registry's Events service with
// its own token and grant; and `ansinh events subscribe` alone does the same
// for a second consumer, printing to /dev/null. The grants are set before
// the cycle (the streams keep a consumer's events from its grant on), the
// consumers run after it.

#include <nlohmann/json.hpp>

#include <string>

#include "ward_stack.h"

namespace ansinh::bench {

struct OutsideConsumers {
  std::string script_token_file;
  std::string cli_token_file;
};

// Grants "policy-bank" (status changes with the head's name, CCCD and
// address) and "bench-cli" (the same), and writes their tokens into the
// stack's directory.
OutsideConsumers GrantOutsideConsumers(testkit::WardStack& stack);

// Runs both consumers once over everything waiting (ONCE=1, --no-follow);
// returns {"script": {...}, "cli": {...}}, each with "events", "seconds" and
// "events_per_second".
nlohmann::json RunOutsideConsumers(testkit::WardStack& stack, const OutsideConsumers& consumers);

}  // namespace ansinh::bench
