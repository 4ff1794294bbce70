#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include "ansinh/v1/household.pb.h"
#include "kernel/civil_date.h"
#include "kernel/field_violation.h"

namespace ansinh::registry {

// Validation reports every bad field at once, so an officer fixes a form in
// one round trip. It checks what one household's data can tell; whether a
// CCCD is already registered in another household, or whether a household
// exists, is for the adapter that can see the store.

// The earliest accepted birth date: nobody alive was born before it, so an
// earlier one is a typing mistake.
inline constexpr CivilDate kEarliestBirthDate{std::chrono::year(1900), std::chrono::January,
                                              std::chrono::day(1)};

// The age from which a CCCD is required; younger children may have none.
inline constexpr int kNationalIdRequiredFromAge = 14;

// The age from which the completed education level is required.
inline constexpr int kEducationRequiredFromAge = 6;

// Children younger than this need a nutrition status: the standards in force
// from review year 2022 (Decree 07/2021, Decree 351/2025) have the nutrition
// indicator for children under 16, and a survey takes its member snapshot
// from the registry, so the registry keeps it for every child.
inline constexpr int kNutritionRequiredUnderAge = 16;

// One member's own fields; paths relative to the member ("national_id").
// `today` bounds the birth date and gives the age.
FieldViolations ValidateMember(const v1::Member& member, CivilDate today);

// A list of members: each member (paths "members[2].national_id"), exactly
// one head, and no member id or CCCD given twice.
FieldViolations ValidateMembers(const google::protobuf::RepeatedPtrField<v1::Member>& members,
                                CivilDate today);

// A household and its members; paths relative to the household
// ("address", "members[2].national_id"). head_member_id may be empty (the
// registry fills it when registering); when set it must name the head.
FieldViolations ValidateHousehold(const v1::Household& household, CivilDate today);

}  // namespace ansinh::registry
