#include "assignment/adapters/ward_clock.h"

#include <google/protobuf/util/time_util.h>

namespace ansinh::assignment {

When WardClock::Now() const {
  When when = When::At(google::protobuf::util::TimeUtil::GetCurrentTime());
  if (today_override_) when.today = *today_override_;
  return when;
}

}  // namespace ansinh::assignment
