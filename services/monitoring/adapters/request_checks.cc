#include "monitoring/adapters/request_checks.h"

#include <charconv>

#include "monitoring/core/household_updates.h"
#include "server/paging.h"

namespace ansinh::monitoring {

void AddCoreViolations(const FieldViolations& core, const std::string& prefix, FieldViolations& violations) {
  for (const FieldViolation& violation : core) {
    violations.push_back({prefix + violation.field, violation.description});
  }
}

void CheckReviewYear(int review_year, const std::string& field, FieldViolations& violations) {
  if (review_year == 0) return;
  if (review_year < kEarliestReviewYear || review_year > kLatestReviewYear) {
    violations.push_back({field, "must be 0 (the latest reviewed year) or between " +
                                     std::to_string(kEarliestReviewYear) + " and " +
                                     std::to_string(kLatestReviewYear)});
  }
}

CivilDate ResolveAsOf(const std::string& as_of, CivilDate today, const std::string& field,
                      FieldViolations& violations) {
  if (as_of.empty()) return today;
  if (std::optional<CivilDate> date = ParseIsoDate(as_of)) return *date;
  violations.push_back({field, "must be a date YYYY-MM-DD (or empty for today), got \"" + as_of + "\""});
  return today;
}

void CheckFormat(v1::ExportedDocument::Format format, const std::string& field, FieldViolations& violations) {
  if (format != v1::ExportedDocument::FORMAT_CSV && format != v1::ExportedDocument::FORMAT_JSON) {
    violations.push_back({field, "must be FORMAT_CSV or FORMAT_JSON"});
  }
}

void RequireText(const std::string& value, const std::string& field, FieldViolations& violations) {
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
    violations.push_back({field, "must not be empty"});
  }
}

PageWindow ResolvePage(const v1::PageRequest& page, const std::string& field, FieldViolations& violations) {
  PageWindow window;
  window.size = server::ResolvePageSize(page, field, violations);
  const std::string& token = page.page_token();
  if (!token.empty()) {
    auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), window.offset);
    if (error != std::errc() || end != token.data() + token.size() || window.offset < 0) {
      violations.push_back({field + ".page_token", "is not a token this service gave out"});
      window.offset = 0;
    }
  }
  return window;
}

v1::PageResponse PageAfter(const PageWindow& window, std::int64_t total) {
  v1::PageResponse page;
  page.set_total_size(total);
  if (window.offset + window.size < total) {
    page.set_next_page_token(std::to_string(window.offset + window.size));
  }
  return page;
}

}  // namespace ansinh::monitoring
