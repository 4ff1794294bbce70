#pragma once

#include <string>
#include <vector>

#include "ansinh/v1/common.pb.h"
#include "server/status_mapping.h"

namespace ansinh::server {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

// The page size a list RPC serves: 0 means kDefaultPageSize; a negative size
// or one above kMaxPageSize adds a violation on "<field>.page_size".
int ResolvePageSize(const v1::PageRequest& page, const std::string& field, FieldViolations& violations);

}  // namespace ansinh::server
