#pragma once

// Checks shared by the Monitoring RPCs. Each adds its violations to a list,
// so a request with several bad fields is refused naming all of them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/monitoring.pb.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"
#include "server/status_mapping.h"

namespace ansinh::monitoring {

// Appends the core's violations, their paths under `prefix` ("checkpoint.").
void AddCoreViolations(const FieldViolations& core, const std::string& prefix, FieldViolations& violations);

// 0 (the latest year with an approved status) or a plausible review year.
void CheckReviewYear(int review_year, const std::string& field, FieldViolations& violations);

// Empty (`today`, the ward's) or a date "YYYY-MM-DD"; returns the date meant.
CivilDate ResolveAsOf(const std::string& as_of, CivilDate today, const std::string& field,
                      FieldViolations& violations);

// FORMAT_CSV or FORMAT_JSON.
void CheckFormat(v1::ExportedDocument::Format format, const std::string& field, FieldViolations& violations);

void RequireText(const std::string& value, const std::string& field, FieldViolations& violations);

// A page request over an offset: its size (0 -> default) and where it starts.
struct PageWindow {
  int size = 0;
  std::int64_t offset = 0;
};
PageWindow ResolvePage(const v1::PageRequest& page, const std::string& field, FieldViolations& violations);
// The response's paging: total and, when more remain, the next offset.
v1::PageResponse PageAfter(const PageWindow& window, std::int64_t total);

}  // namespace ansinh::monitoring
