#pragma once

// What each reader of the registry sees of a household.
//
// Organization staff (the Front and the mass organizations) visit and help
// households: they need who lives there, where, and the facts that say what
// help is missing (insurance, schooling, education, employment, working
// capacity, disability, nutrition, housing, water, latrine, information).
// They do not need, and so never receive, what identifies a person to the
// state or measures the household's means:
//   - members' citizen ID numbers (national_id) and dates of birth;
//   - members' monthly social allowance;
//   - a survey's measured income per capita and its proxy score A (and the
//     has_* flags that would tell that a figure exists).
// Ward officers, auditors and services (the policy bank lends by citizen ID)
// read the full record.

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/household.pb.h"

namespace ansinh::registry {

// True when `reader` sees households redacted.
bool ReadsRedacted(const v1::Actor& reader);

// The redactions above, in place.
void RedactMember(v1::Member& member);
void RedactHousehold(v1::Household& household);
void RedactSurvey(v1::Survey& survey);

// RedactHousehold / RedactSurvey when ReadsRedacted(reader); unchanged otherwise.
void RedactHouseholdFor(const v1::Actor& reader, v1::Household& household);
void RedactSurveyFor(const v1::Actor& reader, v1::Survey& survey);

}  // namespace ansinh::registry
