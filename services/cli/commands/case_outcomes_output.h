#pragma once

// What a bulk case operation did to each household (models join, emergency
// mark): a table of the outcomes in the response's order and a count of
// each kind.

#include <google/protobuf/repeated_ptr_field.h>

#include "ansinh/v1/livelihood.pb.h"

namespace ansinh::cli {

void PrintCaseOperationOutcomes(const google::protobuf::RepeatedPtrField<v1::CaseOperationOutcome>& outcomes);

}  // namespace ansinh::cli
