#pragma once

// The checks of the transparency log's proof requests (GetConsistencyProof,
// GetInclusionProof, ListAuditLeaves) against the log's current size. Each
// names every bad field.

#include <cstdint>

#include "kernel/result.h"

namespace ansinh::monitoring {

inline constexpr int kDefaultLeafPage = 1000;
inline constexpr int kMaxLeafPage = 10000;

// 1 <= first_size <= second_size <= log_size.
FieldViolations CheckConsistencyRequest(std::uint64_t first_size, std::uint64_t second_size,
                                        std::uint64_t log_size);
// 1 <= sequence <= tree_size <= log_size.
FieldViolations CheckInclusionRequest(std::uint64_t sequence, std::uint64_t tree_size,
                                      std::uint64_t log_size);
// 0 (the default page) or 1..kMaxLeafPage; the count meant.
int ResolveLeafCount(int count, FieldViolations& violations);

}  // namespace ansinh::monitoring
