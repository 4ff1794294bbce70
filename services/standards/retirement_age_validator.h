// Checks the statutory retirement ages (retirement-ages.textproto) before any
// standard may use them: a wrong schedule would misjudge who can work.
#pragma once

#include "ansinh/v1/standard.pb.h"
#include "kernel/field_violation.h"

namespace ansinh {

// Every problem found, each naming its field ("ages[1].yearly_step_months")
// and what is wrong; empty when the schedule is valid.
FieldViolations ValidateRetirementAgeSchedule(const v1::RetirementAgeSchedule& schedule);

}  // namespace ansinh
