#include "server/paging.h"

namespace ansinh::server {

int ResolvePageSize(const v1::PageRequest& page, const std::string& field, FieldViolations& violations) {
  if (page.page_size() == 0) return kDefaultPageSize;
  if (page.page_size() < 0 || page.page_size() > kMaxPageSize) {
    violations.push_back({field + ".page_size", "must be between 1 and " + std::to_string(kMaxPageSize) +
                                                    " (0 for " + std::to_string(kDefaultPageSize) + ")"});
    return kDefaultPageSize;
  }
  return page.page_size();
}

}  // namespace ansinh::server
