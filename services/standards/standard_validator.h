// Checks a parsed standard before it may classify anything: a standard that
// would classify wrongly must never load.
#pragma once

#include <vector>

#include "ansinh/v1/standard.pb.h"
#include "kernel/result.h"

namespace ansinh {

// Every problem found, each naming its field ("lines[1].near_poverty_line_vnd")
// and what is wrong; empty when the standard is valid.
FieldViolations ValidateStandard(const v1::Standard& standard);

}  // namespace ansinh
