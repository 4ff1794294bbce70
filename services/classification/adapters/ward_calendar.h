#pragma once

#include <optional>
#include <string>

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

 private:
  std::optional<Date> today_override_;
};

}  // namespace ansinh::classification
