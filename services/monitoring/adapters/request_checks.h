#pragma once

// Checks shared by the Monitoring RPCs. Each adds its violations to a list,
// so a request with several bad fields is refused naming all of them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/monitoring.pb.h"
#include "monitoring/core/date.h"
#include "monitoring/core/result.h"
#include "server/status_mapping.h"

namespace ansinh::monitoring {

using Violations = std::vector<server::FieldViolation>;

// The core's violations as the gRPC layer's.
void AddCoreViolations(const std::vector<FieldViolation>& core, const std::string& prefix,
                       Violations& violations);

// 0 (the latest year with an approved status) or a plausible review year.
void CheckReviewYear(int review_year, const std::string& field, Violations& violations);

// Empty (today in the ward) or a date "YYYY-MM-DD"; returns the date meant.
Date ResolveAsOf(const std::string& as_of, const std::string& field, Violations& violations);

// FORMAT_CSV or FORMAT_JSON.
void CheckFormat(v1::ExportedDocument::Format format, const std::string& field, Violations& violations);

void RequireText(const std::string& value, const std::string& field, Violations& violations);

// A page request over an offset: its size (0 -> default) and where it starts.
struct PageWindow {
  int size = 0;
  std::int64_t offset = 0;
};
PageWindow ResolvePage(const v1::PageRequest& page, const std::string& field, Violations& violations);
// The response's paging: total and, when more remain, the next offset.
v1::PageResponse PageAfter(const PageWindow& window, std::int64_t total);

}  // namespace ansinh::monitoring
