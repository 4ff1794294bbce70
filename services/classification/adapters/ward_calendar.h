#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "classification/core/iso_date.h"

namespace ansinh::classification {

// The ward's "today": the calendar day in Vietnam (UTC+7), which dates the
// posting of results, the approval and a complaint received "today". A fixed
// day can replace it (flag --today-override): a testing and rehearsal aid, so
// a complaint window can be seen closed without waiting for it.
class WardCalendar {
 public:
  explicit WardCalendar(std::optional<Date> today_override = std::nullopt)
      : today_override_(today_override) {}

  Date Today() const;
  std::string TodayText() const { return FormatIsoDate(Today()); }
  const std::optional<Date>& today_override() const { return today_override_; }

  // Steps happen on paper (the opening, the public posting) and officers
  // enter them afterwards, so a request may carry the day a step happened.
  // Empty when `text` may date a step: empty (meaning today) or an ISO date
  // not after today; otherwise why it may not.
  std::string StepDateProblem(std::string_view text) const;
  // The day a step happened: `text`, or today when it is empty.
  std::string StepDateOrToday(const std::string& text) const { return text.empty() ? TodayText() : text; }

 private:
  std::optional<Date> today_override_;
};

}  // namespace ansinh::classification
