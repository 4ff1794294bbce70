#pragma once

#include "ansinh/v1/household.pb.h"

namespace ansinh::registry {

// The stored form of a survey: its id ("SV-<review year>-<household
// number>-<sequence>", `sequence` being its place among the household's
// surveys, from 1), the household, and the snapshot of area type,
// residential group and the members as they were on the survey date (those
// born after it are left out).
v1::Survey SnapshotSurvey(v1::Survey survey, const v1::Household& household, int sequence);

}  // namespace ansinh::registry
