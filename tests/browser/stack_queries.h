#pragma once

// What the browser tests ask the launcher on its stdin, answered on stdout as
// one JSON line each, straight from the services over gRPC with the ward
// officer's token: the tests check what a browser action changed without
// trusting the console they are testing.
//   cases     {"cases": [Case...]}  every case, with its history and visits
//   rounds    {"rounds": [ReviewRound...]}
//   accounts  {"accounts": [Account...]}
//   streams   {"streams": {"<stream>": <length>, ...}}

#include <string>

#include "ward_stack.h"

namespace ansinh::browser {

// The answer to one command line; {"error": "..."} for an unknown command or
// a failed call.
std::string AnswerQuery(testkit::WardStack& stack, const std::string& command);

}  // namespace ansinh::browser
