// Classification that changes nothing: a household's explained result, and
// what-if under another standard (one household or the whole ward).
#include <unordered_set>

#include "classification/adapters/classification_service.h"
#include "classification/adapters/status_store.h"
#include "classification/adapters/survey_store.h"
#include "classification/core/classifier.h"
#include "classification/core/what_if.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::classification {
namespace {

// Households classified per batch of a ward-wide what-if: their surveys are
// held in memory together.
constexpr int kWhatIfBatch = 500;

grpc::Status NoSurvey(const std::string& household_id) {
  return server::KeyedStatus(
      grpc::StatusCode::NOT_FOUND,
      "household " + household_id + " has no survey recorded (surveys come from the registry's RecordSurvey)",
      "error.household.no_survey", {{"household", household_id}});
}

}  // namespace

grpc::ServerUnaryReactor* ClassificationService::ClassifyHousehold(
    grpc::CallbackServerContext* context, const v1::ClassifyHouseholdRequest* request,
    v1::ClassifyHouseholdResponse* response) {
  return executor_.Handle(
      context, "Classification.ClassifyHousehold", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "classify households");
            !denied.ok()) {
          return denied;
        }
        if (request->household_id().empty())
          return server::ToStatus(Error::InvalidArgument({{"household_id", "must name a household"}}));
        const std::optional<v1::Survey> survey =
            SurveyStore(call.redis, environment_.keys).Latest(request->household_id());
        if (!survey) return NoSurvey(request->household_id());
        Result<v1::ClassificationResult> result = ClassifySurvey(*survey, environment_.catalog);
        if (!result.ok()) return server::ToStatus(result.error());
        *response->mutable_result() = std::move(result).value();
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* ClassificationService::WhatIf(grpc::CallbackServerContext* context,
                                                        const v1::WhatIfRequest* request,
                                                        v1::WhatIfResponse* response) {
  return executor_.Handle(context, "Classification.WhatIf", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "run what-if classifications");
        !denied.ok()) {
      return denied;
    }
    if (request->standard_id().empty()) {
      return server::ToStatus(
          Error::InvalidArgument({{"standard_id", "must name a loaded standard, e.g. decree-351-2025"}}));
    }
    const v1::Standard* standard = environment_.catalog.FindById(request->standard_id());
    if (standard == nullptr) {
      return server::KeyedStatus(
          grpc::StatusCode::NOT_FOUND,
          "no loaded standard " + request->standard_id() +
              " (loaded: " + environment_.catalog.CoverageDescription() + ")",
          "error.standard.not_loaded",
          {{"standard", request->standard_id()}, {"loaded", environment_.catalog.CoverageDescription()}});
    }
    SurveyStore surveys(call.redis, environment_.keys);
    StatusStore statuses(call.redis, environment_.keys);

    if (!request->household_id().empty()) {
      const std::optional<v1::Survey> survey = surveys.Latest(request->household_id());
      if (!survey) return NoSurvey(request->household_id());
      const StoredStatus official = statuses.Load(request->household_id());
      WhatIfHousehold household{&*survey};
      if (!official.status.history().empty()) {
        const v1::ClassificationResult& current = official.status.history().rbegin()->result();
        household.official_category = current.category();
        household.official_without_labour_capacity = current.without_labour_capacity();
      }
      *response->mutable_report() = RunWhatIf(*standard, std::span(&household, 1));
      Result<v1::ClassificationResult> result = Classify(*survey, *standard);
      if (result.ok()) *response->mutable_result() = std::move(result).value();
      return grpc::Status::OK;
    }

    // The whole ward, in batches: every household with a survey that is still
    // in the ward, compared with its current official category.
    v1::WhatIfReport report;
    MergeWhatIfReports(report, RunWhatIf(*standard, {}));
    // Partition by partition: each holds its households' surveyed set.
    std::unordered_set<std::string> seen;
    for (int partition = 0; partition < environment_.keys.partitions(); ++partition) {
      std::string cursor = "0";
      do {
        auto [next, scanned] = surveys.ScanSurveyed(partition, cursor, kWhatIfBatch);
        cursor = std::move(next);
        std::vector<std::string> ids;
        for (std::string& id : scanned) {
          if (seen.insert(id).second) ids.push_back(std::move(id));
        }
        if (ids.empty()) continue;
        const std::vector<std::optional<v1::Survey>> latest = surveys.LatestOfMany(ids);
        const std::vector<std::optional<v1::HouseholdStatusSummary>> official = statuses.LoadSummaries(ids);
        std::vector<WhatIfHousehold> batch;
        for (size_t i = 0; i < ids.size(); ++i) {
          if (!latest[i]) continue;
          WhatIfHousehold household{&*latest[i]};
          if (official[i]) {
            household.official_category = official[i]->category();
            household.official_without_labour_capacity = official[i]->without_labour_capacity();
          }
          batch.push_back(household);
        }
        MergeWhatIfReports(report, RunWhatIf(*standard, batch));
      } while (cursor != "0");
    }
    *response->mutable_report() = std::move(report);
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::classification
