#include "registry/adapters/import_reactor.h"

#include <spdlog/spdlog.h>

#include "registry/adapters/registry_service.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::registry {

ImportReactor::ImportReactor(server::RequestExecutor& executor, const RegistryKeys& keys,
                             WardSettings ward, v1::Actor actor, std::string correlation_id,
                             v1::ImportHouseholdsResponse* response)
    : executor_(executor),
      keys_(keys),
      ward_(ward),
      actor_(std::move(actor)),
      correlation_id_(std::move(correlation_id)),
      response_(response) {
  StartRead(&incoming_);
}

void ImportReactor::OnReadDone(bool ok) {
  if (!ok) {
    Flush(true);
    return;
  }
  ++rows_seen_;
  const int64_t row_number = incoming_.row_number() != 0 ? incoming_.row_number() : rows_seen_;
  if (rows_seen_ > kMaxRowsPerImport) {
    v1::ImportRowResult* result = response_->add_results();
    result->set_row_number(row_number);
    auto* violation = result->mutable_rejected()->add_field_violations();
    violation->set_field("row");
    violation->set_description("beyond the limit of " + std::to_string(kMaxRowsPerImport) +
                               " rows per import; send the rest in another import");
    response_->set_rejected_count(response_->rejected_count() + 1);
    StartRead(&incoming_);
    return;
  }
  RegistrationRow row;
  row.row_number = row_number;
  row.household = std::move(*incoming_.mutable_household());
  if (incoming_.has_survey()) row.survey = std::move(*incoming_.mutable_survey());
  incoming_.Clear();
  buffer_.push_back(std::move(row));
  if (buffer_.size() >= kBatchSize) {
    Flush(false);
  } else {
    StartRead(&incoming_);
  }
}

void ImportReactor::Flush(bool last) {
  executor_.Submit([this, last, rows = std::move(buffer_)](redis::Connection& redis) mutable {
    grpc::Status status;
    try {
      if (!rows.empty()) {
        HouseholdStore store(redis, keys_);
        server::CallScope call{actor_, correlation_id_, redis};
        for (auto& result : RegisterHouseholds(call, store, ward_, std::move(rows))) {
          v1::ImportRowResult* out = response_->add_results();
          out->set_row_number(result.row_number);
          if (result.household) {
            out->mutable_imported()->set_household_id(result.household->household_id());
            out->mutable_imported()->set_code(result.household->code());
            if (result.survey) out->mutable_imported()->set_survey_id(result.survey->survey_id());
            response_->set_imported_count(response_->imported_count() + 1);
          } else {
            for (const auto& violation : result.violations) {
              auto* item = out->mutable_rejected()->add_field_violations();
              item->set_field(violation.field);
              item->set_description(violation.description);
            }
            response_->set_rejected_count(response_->rejected_count() + 1);
          }
        }
      }
    } catch (...) {
      status = server::StatusFromCurrentException("Registry.ImportHouseholds");
    }
    if (!status.ok()) {
      // Rows of earlier batches have landed and stay; the client learns
      // which from the error message and can re-send the rest.
      Finish(grpc::Status(status.error_code(),
                          status.error_message() + " (after " +
                              std::to_string(response_->imported_count()) + " rows imported)"));
      return;
    }
    if (last) {
      spdlog::info("import by '{}': {} imported, {} rejected", actor_.name(),
                   response_->imported_count(), response_->rejected_count());
      Finish(grpc::Status::OK);
    } else {
      StartRead(&incoming_);
    }
  });
  buffer_.clear();
}

grpc::ServerReadReactor<v1::ImportHouseholdsRequest>* RegistryService::ImportHouseholds(
    grpc::CallbackServerContext* context, v1::ImportHouseholdsResponse* response) {
  grpc::Status refusal;
  std::optional<v1::Actor> actor = executor_.Authenticate(context, &refusal);
  if (actor) refusal = server::RequireRole(*actor, {v1::ROLE_WARD_OFFICER}, "import households");
  if (!actor || !refusal.ok()) {
    // A reactor that refuses at once: it finishes without reading.
    class Refused final : public grpc::ServerReadReactor<v1::ImportHouseholdsRequest> {
     public:
      explicit Refused(grpc::Status status) { Finish(std::move(status)); }
      void OnDone() override { delete this; }
    };
    return new Refused(refusal);
  }
  return new ImportReactor(executor_, keys_, ward_, std::move(*actor), server::CorrelationIdOf(*context),
                           response);
}

}  // namespace ansinh::registry
