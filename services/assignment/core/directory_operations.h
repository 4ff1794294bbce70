#pragma once

// Creating and replacing organizations and helpers. The stored version is
// incremented by each real change; an upsert identical to what is stored
// changes nothing and publishes nothing, so a retried request is harmless.

#include <vector>

#include "ansinh/v1/assignment.pb.h"
#include "assignment/core/case_events.h"
#include "assignment/core/operation_context.h"
#include "kernel/result.h"

namespace ansinh::assignment {

struct OrganizationChange {
  // As to be stored, with its new version.
  v1::Organization organization;
  bool created = false;
  // Empty when nothing changed.
  std::vector<PublishedEvent> events;
};

struct HelperChange {
  v1::Helper helper;
  bool created = false;
  std::vector<PublishedEvent> events;
};

// Ward officers only. Field paths start with "organization.".
Result<OrganizationChange> UpsertOrganization(const v1::UpsertOrganizationRequest& request,
                                              const OperationContext& context);

// Ward officers, or staff of the helper's organization. Field paths start
// with "helper.". Moving a helper who carries open cases to another
// organization is refused: their cases must be reassigned first.
Result<HelperChange> UpsertHelper(const v1::UpsertHelperRequest& request, const OperationContext& context);

}  // namespace ansinh::assignment
