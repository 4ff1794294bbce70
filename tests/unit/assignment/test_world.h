#pragma once

// Builders shared by the assignment core tests: a small ward, actors, dates
// and cases driven through the real lifecycle.

#include <string>
#include <vector>

#include "ansinh/v1/assignment.pb.h"
#include "assignment/core/case_events.h"
#include "assignment/core/directory.h"
#include "assignment/core/lifecycle.h"
#include "assignment/core/load_view.h"
#include "assignment/core/operation_context.h"
#include "assignment/core/settings.h"

namespace ansinh::assignment::testkit {

v1::Organization MakeOrganization(const std::string& id, std::vector<std::string> groups, int capacity,
                                  bool active = true);
v1::Helper MakeHelper(const std::string& id, const std::string& organization_id, int max_caseload = 5,
                      bool active = true);

v1::Actor Officer();
v1::Actor Staff(const std::string& organization_id);
v1::Actor Auditor();
v1::Actor Service();

// 09:00 in the ward on `date` ("YYYY-MM-DD").
When At(const std::string& date);
CivilDate D(const std::string& date);

StatusChange Status(const std::string& household_id, v1::PovertyCategory category,
                    v1::Transition transition = v1::TRANSITION_UNSPECIFIED,
                    const std::string& group = "TDP-01", int review_year = 2025);

// The fields named by an error's violations, in order.
std::vector<std::string> ViolationFields(const Error& error);

// The event types of a change, in order.
std::vector<std::string> EventTypes(const CaseChange& change);

// A small ward: womens-union covers TDP-01 (capacity 10), farmers-union
// TDP-02 (10), the fallback fatherland-front both (5, already carrying 4),
// so cases opened in TDP-01 go to womens-union. Helpers:
//   women-01, women-02 (womens-union, max 2), women-09 (inactive),
//   farmers-01 (farmers-union).
struct World {
  World();

  OperationContext Context(const v1::Actor& actor, const std::string& date = "2025-06-01") const;

  // A case opened by an official POOR status on `date`; the world's loads
  // include it afterwards.
  v1::Case Open(const std::string& household_id, const std::string& date = "2025-01-15");

  // Applies a change's load delta to the world.
  void Track(const v1::Case* before, const v1::Case& after);

  Directory directory;
  LoadView loads;
  AssignmentSettings settings;
};

}  // namespace ansinh::assignment::testkit
