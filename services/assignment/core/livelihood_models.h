#pragma once

// Livelihood models (mô hình sinh kế, resolution §3.6): ward-wide records,
// created and replaced like the directory's entries. The version is
// incremented by each real change; an upsert identical to what is stored
// changes nothing and publishes nothing, so a retried request is harmless.

#include <optional>
#include <string_view>
#include <vector>

#include "ansinh/v1/livelihood.pb.h"
#include "assignment/core/case_events.h"
#include "assignment/core/directory.h"
#include "assignment/core/operation_context.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"

namespace ansinh::assignment {

inline constexpr std::size_t kMaxModelNameLength = 200;
inline constexpr std::size_t kMaxResourcesDescriptionLength = 500;
inline constexpr std::size_t kMaxModelDescriptionLength = 1000;

struct LivelihoodModelChange {
  // As to be stored, with its new version.
  v1::LivelihoodModel model;
  bool created = false;
  // Empty when nothing changed.
  std::vector<PublishedEvent> events;
};

// Every bad field of `model`, paths starting with `prefix` ("model."): the
// id's shape, the name, the kind, the organization (one of `directory`),
// started_on (not after `today`), ended_on (not before started_on), the
// resources, the groups, lengths, and a description for OTHER.
FieldViolations ValidateLivelihoodModel(const v1::LivelihoodModel& model, const Directory& directory,
                                        CivilDate today, std::string_view prefix);

// Ward officers any model; staff those their organization runs. `existing`
// is the stored model of the request's id, nullptr when there is none.
Result<LivelihoodModelChange> UpsertLivelihoodModel(const v1::UpsertLivelihoodModelRequest& request,
                                                    const v1::LivelihoodModel* existing,
                                                    const OperationContext& context);

// Whether the model's last day is before `today` (a model with no end, or
// one ending today or later, runs).
bool ModelHasEnded(const v1::LivelihoodModel& model, CivilDate today);

}  // namespace ansinh::assignment
