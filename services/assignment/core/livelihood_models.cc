#include "assignment/core/livelihood_models.h"

#include <google/protobuf/util/message_differencer.h>

#include <set>
#include <string>

#include "assignment/core/directory_validation.h"
#include "assignment/core/permissions.h"
#include "assignment/core/request_checks.h"

namespace ansinh::assignment {
namespace {

std::string ModelPath(std::string_view prefix, std::string_view field) {
  return std::string(prefix) + std::string(field);
}

// Equal apart from the server-managed version.
bool SameModelContent(v1::LivelihoodModel a, v1::LivelihoodModel b) {
  a.clear_version();
  b.clear_version();
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

}  // namespace

FieldViolations ValidateLivelihoodModel(const v1::LivelihoodModel& model, const Directory& directory,
                                        CivilDate today, std::string_view prefix) {
  FieldViolations violations;
  if (!IsValidId(model.model_id())) {
    violations.push_back({ModelPath(prefix, "model_id"),
                          "must be lowercase letters and digits in dash-separated words, e.g. "
                          "\"bo-giong-tdp05\""});
  }
  CheckRequiredText(model.name(), ModelPath(prefix, "name"), kMaxModelNameLength, &violations);
  if (model.kind() == v1::LIVELIHOOD_MODEL_KIND_UNSPECIFIED ||
      !v1::LivelihoodModelKind_IsValid(model.kind())) {
    violations.push_back({ModelPath(prefix, "kind"), "must name a kind (LIVESTOCK, CROPS, TRADE, ...)"});
  }
  if (model.organization_id().empty()) {
    violations.push_back(
        {ModelPath(prefix, "organization_id"), "is required (the organization that runs it)"});
  } else if (directory.FindOrganization(model.organization_id()) == nullptr) {
    violations.push_back({ModelPath(prefix, "organization_id"),
                          "names no organization (\"" + model.organization_id() + "\")"});
  }
  const std::optional<CivilDate> started_on =
      CheckDateNotInFuture(model.started_on(), ModelPath(prefix, "started_on"), today, &violations);
  if (!model.ended_on().empty()) {
    const std::optional<CivilDate> ended_on = ParseIsoDate(model.ended_on());
    if (!ended_on) {
      violations.push_back({ModelPath(prefix, "ended_on"),
                            "must be a calendar date YYYY-MM-DD (got \"" + model.ended_on() + "\")"});
    } else if (started_on && *ended_on < *started_on) {
      violations.push_back(
          {ModelPath(prefix, "ended_on"), "must not be before the model started on " + model.started_on()});
    }
  }
  if (model.resources_vnd() < 0) {
    violations.push_back({ModelPath(prefix, "resources_vnd"),
                          "must not be negative (got " + std::to_string(model.resources_vnd()) + ")"});
  }
  CheckOptionalText(model.resources_description(), ModelPath(prefix, "resources_description"),
                    kMaxResourcesDescriptionLength, &violations);
  std::set<std::string> seen;
  for (int i = 0; i < model.residential_groups_size(); ++i) {
    const std::string& group = model.residential_groups(i);
    const std::string field = ModelPath(prefix, "residential_groups[" + std::to_string(i) + "]");
    if (IsBlank(group)) {
      violations.push_back({field, "must not be empty"});
    } else if (!seen.insert(group).second) {
      violations.push_back({field, "duplicates residential group \"" + group + "\""});
    }
  }
  if (model.kind() == v1::LIVELIHOOD_MODEL_KIND_OTHER) {
    CheckRequiredText(model.description(), ModelPath(prefix, "description"), kMaxModelDescriptionLength,
                      &violations);
  } else {
    CheckOptionalText(model.description(), ModelPath(prefix, "description"), kMaxModelDescriptionLength,
                      &violations);
  }
  return violations;
}

Result<LivelihoodModelChange> UpsertLivelihoodModel(const v1::UpsertLivelihoodModelRequest& request,
                                                    const v1::LivelihoodModel* existing,
                                                    const OperationContext& context) {
  if (auto refusal = CheckUpsertLivelihoodModelPermission(context.actor, request.model(), existing)) {
    return *refusal;
  }
  FieldViolations violations;
  if (!request.has_model()) {
    violations.push_back({"model", "is required"});
  } else {
    violations = ValidateLivelihoodModel(request.model(), context.directory, context.when.today, "model.");
  }
  CheckReason(request.reason(), &violations);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));

  LivelihoodModelChange change;
  change.created = existing == nullptr;
  if (existing != nullptr && SameModelContent(*existing, request.model())) {
    change.model = *existing;
    return change;
  }
  change.model = request.model();
  change.model.set_version(existing == nullptr ? 1 : existing->version() + 1);

  v1::LivelihoodModelUpserted payload;
  *payload.mutable_model() = change.model;
  payload.set_created(change.created);
  payload.set_reason(request.reason());
  PublishedEvent event;
  event.event_type = std::string(EventTypeOf(payload));
  event.aggregate_type = std::string(kLivelihoodModelAggregate);
  event.aggregate_id = change.model.model_id();
  event.aggregate_version = change.model.version();
  event.payload = std::move(payload);
  change.events.push_back(std::move(event));
  return change;
}

bool ModelHasEnded(const v1::LivelihoodModel& model, CivilDate today) {
  if (model.ended_on().empty()) return false;
  const std::optional<CivilDate> ended_on = ParseIsoDate(model.ended_on());
  return ended_on && *ended_on < today;
}

}  // namespace ansinh::assignment
