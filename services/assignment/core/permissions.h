#pragma once

// Who may do what, as pure functions of the actor and the case.
//
//   - Ward officers act on every case and manage the directory.
//   - Organization staff act only on cases their organization is responsible
//     for, except accept/decline, which only the organization a pending
//     transfer is addressed to may do. They manage their own organization's
//     helpers and read their own cases plus the ones offered to them.
//   - Auditors and services read everything and never write through staff
//     operations (services change cases only by publishing official events).
//
// Every staff operation checks this itself before looking at the request.

#include <optional>
#include <string_view>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/livelihood.pb.h"
#include "kernel/result.h"

namespace ansinh::assignment {

enum class CaseOperation {
  kAssignHelper,
  kRequestTransfer,
  kAcceptTransfer,
  kDeclineTransfer,
  kRecordNeed,
  kUpdateNeedStatus,
  kRecordSupport,
  kRecordVisit,
  kJoinLivelihoodModel,
  kLeaveLivelihoodModel,
  kMarkAffected,
};

// "assign a helper", "record support", ... for messages.
std::string_view OperationName(CaseOperation operation);

// nullopt when allowed; PERMISSION_DENIED saying why otherwise.
std::optional<Error> CheckCasePermission(const v1::Actor& actor, CaseOperation operation,
                                         const v1::Case& target);

bool CanReadCase(const v1::Actor& actor, const v1::Case& target);

// Organizations: ward officers only.
std::optional<Error> CheckUpsertOrganizationPermission(const v1::Actor& actor);

// Helpers: ward officers, or staff of the helper's organization (both the
// requested one and, for an existing helper, the current one).
std::optional<Error> CheckUpsertHelperPermission(const v1::Actor& actor, const v1::Helper& requested,
                                                 const v1::Helper* existing);

// Livelihood models: ward officers any; staff only models their organization
// runs (both the requested one and, for an existing model, the stored one).
std::optional<Error> CheckUpsertLivelihoodModelPermission(const v1::Actor& actor,
                                                          const v1::LivelihoodModel& requested,
                                                          const v1::LivelihoodModel* existing);

// Declaring and ending an emergency: ward officers only (the ward's People's
// Committee decides that a disaster struck; the organizations act on it).
std::optional<Error> CheckEmergencyPermission(const v1::Actor& actor, std::string_view what);

}  // namespace ansinh::assignment
