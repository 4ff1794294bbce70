#pragma once

// Every household id a ListHouseholds filter returns, page after page, as a
// client pages through them: what the tests of the merged per-partition
// indexes compare with the ids they registered.

#include <cstdint>
#include <string>
#include <vector>

#include "ansinh/v1/registry.grpc.pb.h"

namespace ansinh::testkit {

// Pages through `filter` (its page fields are set here) with the given
// token; each failed call or page over `page_size` is a test failure. When
// `total` is given it receives the last page's total_size.
std::vector<std::string> ListAllHouseholdIds(v1::Registry::Stub& stub, const std::string& token,
                                             v1::ListHouseholdsRequest filter, int page_size,
                                             int64_t* total = nullptr);

}  // namespace ansinh::testkit
