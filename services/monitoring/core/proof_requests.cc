#include "monitoring/core/proof_requests.h"

#include <string>

namespace ansinh::monitoring {
namespace {

std::string LogSizeWords(std::uint64_t log_size) {
  return "the log has " + std::to_string(log_size) + " entries";
}

}  // namespace

FieldViolations CheckConsistencyRequest(std::uint64_t first_size, std::uint64_t second_size,
                                        std::uint64_t log_size) {
  FieldViolations violations;
  if (first_size == 0) violations.push_back({"first_size", "must be at least 1"});
  if (second_size < first_size) {
    violations.push_back({"second_size", "must be at least first_size"});
  } else if (second_size > log_size) {
    violations.push_back({"second_size", "must be at most the log's size: " + LogSizeWords(log_size)});
  }
  return violations;
}

FieldViolations CheckInclusionRequest(std::uint64_t sequence, std::uint64_t tree_size,
                                      std::uint64_t log_size) {
  FieldViolations violations;
  if (sequence == 0) violations.push_back({"sequence", "must be at least 1"});
  if (tree_size < sequence) {
    violations.push_back({"tree_size", "must be at least sequence"});
  } else if (tree_size > log_size) {
    violations.push_back({"tree_size", "must be at most the log's size: " + LogSizeWords(log_size)});
  }
  return violations;
}

int ResolveLeafCount(int count, FieldViolations& violations) {
  if (count == 0) return kDefaultLeafPage;
  if (count < 0 || count > kMaxLeafPage) {
    violations.push_back({"count", "must be 0 (" + std::to_string(kDefaultLeafPage) + ") or 1 to " +
                                       std::to_string(kMaxLeafPage)});
    return kDefaultLeafPage;
  }
  return count;
}

}  // namespace ansinh::monitoring
