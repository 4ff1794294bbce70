#include "test_world.h"

#include <stdexcept>

namespace ansinh::assignment::testkit {

v1::Organization MakeOrganization(const std::string& id, std::vector<std::string> groups, int capacity,
                                  bool active) {
  v1::Organization organization;
  organization.set_id(id);
  organization.set_name("Tổ chức " + id);
  for (const std::string& group : groups) organization.add_residential_groups(group);
  organization.set_capacity(capacity);
  organization.set_active(active);
  return organization;
}

v1::Helper MakeHelper(const std::string& id, const std::string& organization_id, int max_caseload,
                      bool active) {
  v1::Helper helper;
  helper.set_id(id);
  helper.set_full_name("Nguyễn Thị " + id);
  helper.set_organization_id(organization_id);
  helper.set_phone("0900000001");
  helper.set_max_caseload(max_caseload);
  helper.set_active(active);
  return helper;
}

v1::Actor Officer() {
  v1::Actor actor;
  actor.set_role(v1::ROLE_WARD_OFFICER);
  actor.set_name("officer.lan");
  return actor;
}

v1::Actor Staff(const std::string& organization_id) {
  v1::Actor actor;
  actor.set_role(v1::ROLE_ORGANIZATION_STAFF);
  actor.set_name("staff." + organization_id);
  actor.set_organization_id(organization_id);
  return actor;
}

v1::Actor Auditor() {
  v1::Actor actor;
  actor.set_role(v1::ROLE_AUDITOR);
  actor.set_name("auditor.binh");
  return actor;
}

v1::Actor Service() {
  v1::Actor actor;
  actor.set_role(v1::ROLE_SERVICE);
  actor.set_name("assignment");
  return actor;
}

CivilDate D(const std::string& date) {
  const std::optional<CivilDate> parsed = ParseIsoDate(date);
  if (!parsed) throw std::invalid_argument("bad test date " + date);
  return *parsed;
}

When At(const std::string& date) {
  google::protobuf::Timestamp now;
  // 09:00 at UTC+7 is 02:00 UTC.
  now.set_seconds(static_cast<std::int64_t>(std::chrono::sys_days{D(date)}.time_since_epoch().count()) *
                      86400 +
                  2 * 3600);
  return When{now, D(date)};
}

StatusChange Status(const std::string& household_id, v1::PovertyCategory category, v1::Transition transition,
                    const std::string& group, int review_year) {
  return StatusChange{household_id, group, category, transition, review_year, review_year + 1};
}

std::vector<std::string> ViolationFields(const Error& error) {
  std::vector<std::string> fields;
  for (const FieldViolation& violation : error.violations) fields.push_back(violation.field);
  return fields;
}

std::vector<std::string> EventTypes(const CaseChange& change) {
  std::vector<std::string> types;
  for (const PublishedEvent& event : change.events) types.push_back(event.event_type);
  return types;
}

World::World()
    : directory({MakeOrganization("fatherland-front", {"TDP-01", "TDP-02"}, 5),
                 MakeOrganization("womens-union", {"TDP-01"}, 10),
                 MakeOrganization("farmers-union", {"TDP-02"}, 10)},
                {MakeHelper("women-01", "womens-union", 2), MakeHelper("women-02", "womens-union", 2),
                 MakeHelper("women-09", "womens-union", 2, /*active=*/false),
                 MakeHelper("farmers-01", "farmers-union")}) {
  // The fallback also covers TDP-01; with load 4/5 it stays behind
  // womens-union (0/10) so that cases opened in TDP-01 go to womens-union.
  loads.open_cases_by_organization["fatherland-front"] = 4;
}

OperationContext World::Context(const v1::Actor& actor, const std::string& date) const {
  return OperationContext{directory, loads, settings, actor, At(date)};
}

v1::Case World::Open(const std::string& household_id, const std::string& date) {
  Result<CaseChange> change =
      ApplyStatusChange(nullptr, Status(household_id, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR),
                        Context(Service(), date));
  if (!change.ok()) throw std::runtime_error(change.error().message);
  Track(nullptr, change.value().updated_case);
  return change.value().updated_case;
}

void World::Track(const v1::Case* before, const v1::Case& after) {
  loads.Apply(ComputeLoadDelta(before, after));
}

}  // namespace ansinh::assignment::testkit
