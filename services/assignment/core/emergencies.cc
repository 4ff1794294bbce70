#include "assignment/core/emergencies.h"

#include <set>
#include <string>

#include "assignment/core/permissions.h"
#include "assignment/core/request_checks.h"

namespace ansinh::assignment {
namespace {

std::string EmergencyPath(std::string_view prefix, std::string_view field) {
  return std::string(prefix) + std::string(field);
}

PublishedEvent EmergencyEvent(const v1::Emergency& emergency, std::string_view reason) {
  v1::EmergencyChanged payload;
  *payload.mutable_emergency() = emergency;
  payload.set_reason(std::string(reason));
  PublishedEvent event;
  event.event_type = std::string(EventTypeOf(payload));
  event.aggregate_type = std::string(kEmergencyAggregate);
  event.aggregate_id = emergency.emergency_id();
  event.aggregate_version = emergency.version();
  event.payload = std::move(payload);
  return event;
}

}  // namespace

FieldViolations ValidateEmergency(const v1::Emergency& emergency, CivilDate today, std::string_view prefix) {
  FieldViolations violations;
  if (emergency.kind() == v1::EMERGENCY_KIND_UNSPECIFIED || !v1::EmergencyKind_IsValid(emergency.kind())) {
    violations.push_back({EmergencyPath(prefix, "kind"), "must name a kind (FLOOD, STORM, EPIDEMIC, ...)"});
  }
  CheckRequiredText(emergency.name(), EmergencyPath(prefix, "name"), kMaxEmergencyNameLength, &violations);
  const std::optional<CivilDate> began_on =
      CheckDateNotInFuture(emergency.began_on(), EmergencyPath(prefix, "began_on"), today, &violations);
  if (!emergency.ended_on().empty()) {
    const std::optional<CivilDate> ended_on =
        CheckDateNotInFuture(emergency.ended_on(), EmergencyPath(prefix, "ended_on"), today, &violations);
    if (ended_on && began_on && *ended_on < *began_on) {
      violations.push_back(
          {EmergencyPath(prefix, "ended_on"), "must not be before it began on " + emergency.began_on()});
    }
  }
  if (emergency.residential_groups().empty()) {
    violations.push_back(
        {EmergencyPath(prefix, "residential_groups"), "must name at least one residential group"});
  }
  std::set<std::string> seen;
  for (int i = 0; i < emergency.residential_groups_size(); ++i) {
    const std::string& group = emergency.residential_groups(i);
    const std::string field = EmergencyPath(prefix, "residential_groups[" + std::to_string(i) + "]");
    if (IsBlank(group)) {
      violations.push_back({field, "must not be empty"});
    } else if (!seen.insert(group).second) {
      violations.push_back({field, "duplicates residential group \"" + group + "\""});
    }
  }
  if (emergency.kind() == v1::EMERGENCY_KIND_OTHER) {
    CheckRequiredText(emergency.description(), EmergencyPath(prefix, "description"),
                      kMaxEmergencyDescriptionLength, &violations);
  } else {
    CheckOptionalText(emergency.description(), EmergencyPath(prefix, "description"),
                      kMaxEmergencyDescriptionLength, &violations);
  }
  return violations;
}

std::string EmergencyIdOf(int year, std::uint64_t number) {
  return "EMG-" + std::to_string(year) + "-" + std::to_string(number);
}

std::optional<int> DeclarationYear(const v1::Emergency& emergency) {
  const std::optional<CivilDate> began_on = ParseIsoDate(emergency.began_on());
  if (!began_on) return std::nullopt;
  return static_cast<int>(began_on->year());
}

Result<EmergencyChange> DeclareEmergency(const v1::DeclareEmergencyRequest& request,
                                         const std::vector<v1::Emergency>& stored, std::uint64_t last_number,
                                         const OperationContext& context) {
  if (auto refusal = CheckEmergencyPermission(context.actor, kDeclareEmergencyAction)) return *refusal;
  FieldViolations violations;
  if (!request.has_emergency()) {
    violations.push_back({"emergency", "is required"});
  } else {
    violations = ValidateEmergency(request.emergency(), context.when.today, "emergency.");
  }
  CheckReason(request.reason(), &violations);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));

  const v1::Emergency& asked = request.emergency();
  for (const v1::Emergency& known : stored) {
    if (known.kind() == asked.kind() && known.name() == asked.name() &&
        known.began_on() == asked.began_on()) {
      return EmergencyChange{known, {}};
    }
  }
  EmergencyChange change;
  v1::Emergency& emergency = change.emergency;
  emergency = asked;
  emergency.set_emergency_id(EmergencyIdOf(*DeclarationYear(asked), last_number + 1));
  *emergency.mutable_declared_by() = context.actor;
  emergency.set_declared_on(FormatIsoDate(context.when.today));
  emergency.set_version(1);
  change.events.push_back(EmergencyEvent(emergency, request.reason()));
  return change;
}

Result<EmergencyChange> EndEmergency(const v1::EndEmergencyRequest& request, const v1::Emergency* stored,
                                     const OperationContext& context) {
  if (auto refusal = CheckEmergencyPermission(context.actor, kEndEmergencyAction)) return *refusal;
  FieldViolations violations;
  if (request.emergency_id().empty()) violations.push_back({"emergency_id", "is required"});
  const std::optional<CivilDate> ended_on =
      CheckDateNotInFuture(request.ended_on(), "ended_on", context.when.today, &violations);
  if (ended_on && stored != nullptr) {
    const std::optional<CivilDate> began_on = ParseIsoDate(stored->began_on());
    if (began_on && *ended_on < *began_on) {
      violations.push_back(
          {"ended_on", "must not be before " + stored->emergency_id() + " began on " + stored->began_on()});
    }
  }
  CheckReason(request.reason(), &violations);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  if (stored == nullptr) {
    return Error::NotFound("no emergency " + request.emergency_id() + " was declared")
        .WithKey("error.emergency.not_found", {{"emergency", request.emergency_id()}});
  }
  if (!stored->ended_on().empty()) {
    if (stored->ended_on() == request.ended_on()) return EmergencyChange{*stored, {}};
    return Error::FailedPrecondition("emergency " + stored->emergency_id() + " already ended on " +
                                     stored->ended_on())
        .WithKey("error.emergency.already_ended",
                 {{"emergency", stored->emergency_id()}, {"date", stored->ended_on()}});
  }
  EmergencyChange change;
  change.emergency = *stored;
  change.emergency.set_ended_on(request.ended_on());
  change.emergency.set_version(stored->version() + 1);
  change.events.push_back(EmergencyEvent(change.emergency, request.reason()));
  return change;
}

}  // namespace ansinh::assignment
