#include "classification/core/review_window.h"

#include <charconv>
#include <cstdio>

namespace ansinh::classification {
namespace {

// "MM-DD" naming a day that exists in every year (a common year, so 02-29
// is refused: a window must not move from one year to the next).
std::optional<MonthDay> ParseMonthDay(std::string_view text) {
  if (text.size() != 5 || text[2] != '-') return std::nullopt;
  unsigned month = 0;
  unsigned day = 0;
  const auto read = [](std::string_view digits, unsigned& value) {
    if (digits[0] < '0' || digits[0] > '9' || digits[1] < '0' || digits[1] > '9') return false;
    return std::from_chars(digits.data(), digits.data() + digits.size(), value).ec == std::errc();
  };
  if (!read(text.substr(0, 2), month) || !read(text.substr(3, 2), day)) return std::nullopt;
  const CivilDate in_common_year{std::chrono::year{2001}, std::chrono::month{month}, std::chrono::day{day}};
  if (!in_common_year.ok()) return std::nullopt;
  return MonthDay{month, day};
}

CivilDate InYear(const MonthDay& day, int year) {
  return CivilDate{std::chrono::year{year}, std::chrono::month{day.month}, std::chrono::day{day.day}};
}

std::string FormatMonthDay(const MonthDay& day) {
  char text[8];
  std::snprintf(text, sizeof(text), "%02u-%02u", day.month % 100, day.day % 100);
  return text;
}

}  // namespace

Result<ReviewWindow> ParseReviewWindow(std::string_view text) {
  const size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    return Error::InvalidArgument(
        "the periodic review window must be MM-DD..MM-DD, e.g. 09-01..12-14, not \"" + std::string(text) +
        "\"");
  }
  const std::optional<MonthDay> start = ParseMonthDay(text.substr(0, dots));
  const std::optional<MonthDay> end = ParseMonthDay(text.substr(dots + 2));
  if (!start || !end) {
    return Error::InvalidArgument(
        "the periodic review window must be two days MM-DD..MM-DD that exist in "
        "every year (no 02-29), not \"" +
        std::string(text) + "\"");
  }
  if (InYear(*end, 2001) < InYear(*start, 2001)) {
    return Error::InvalidArgument("the periodic review window \"" + std::string(text) +
                                  "\" ends before it starts; it lies within one year");
  }
  return ReviewWindow{*start, *end};
}

std::string FormatReviewWindow(const ReviewWindow& window) {
  return FormatMonthDay(window.start) + ".." + FormatMonthDay(window.end);
}

CivilDate WindowStart(const ReviewWindow& window, int year) { return InYear(window.start, year); }

CivilDate WindowEnd(const ReviewWindow& window, int year) { return InYear(window.end, year); }

}  // namespace ansinh::classification
