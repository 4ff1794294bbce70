#pragma once

#include <iosfwd>

#include "ansinh/v1/monitoring.pb.h"

namespace ansinh::cli {

// The dashboard's table of how the poor and near-poor lists changed from the
// previous review year (CategoryFlows in monitoring.proto, docs/domain.md
// §3.5): last year's count, each inflow and outflow, this year's count.
void PrintListFlows(const v1::WardFigures& figures, std::ostream& out);

}  // namespace ansinh::cli
