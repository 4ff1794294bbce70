#include "registry/adapters/import_reactor.h"

#include <grpcpp/support/error_details.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "registry/adapters/registry_service.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
namespace {

// RESOURCE_EXHAUSTED for an import that went past `max_rows`, carrying the
// results of the rows it did process.
grpc::Status RowLimitStatus(int64_t max_rows, const v1::ImportHouseholdsResponse& processed) {
  google::rpc::Status rich;
  rich.set_code(grpc::StatusCode::RESOURCE_EXHAUSTED);
  rich.set_message("an import carries at most " + std::to_string(max_rows) +
                   " rows (max_import_rows); rows 1-" + std::to_string(max_rows) + " were processed (" +
                   std::to_string(processed.imported_count()) + " imported, " +
                   std::to_string(processed.rejected_count()) +
                   " rejected) and nothing after them was read: send the rest in another import");
  google::rpc::ErrorInfo info;
  info.set_reason("IMPORT_ROW_LIMIT");
  info.set_domain("registry.ansinh");
  (*info.mutable_metadata())["max_import_rows"] = std::to_string(max_rows);
  rich.add_details()->PackFrom(info);
  rich.add_details()->PackFrom(processed);
  grpc::Status status;
  grpc::SetErrorDetails(rich, &status);
  return status;
}

}  // namespace

ImportReactor::ImportReactor(server::RequestExecutor& executor, const RegistryKeys& keys, WardSettings ward,
                             std::string correlation_id, v1::ImportHouseholdsResponse* response)
    : executor_(executor),
      keys_(keys),
      ward_(ward),
      correlation_id_(std::move(correlation_id)),
      response_(response) {}

void ImportReactor::Start(std::optional<v1::Actor> actor, grpc::Status refusal) {
  if (actor) refusal = server::RequireRole(*actor, {v1::ROLE_WARD_OFFICER}, "import households");
  if (!actor || !refusal.ok()) {
    {
      std::lock_guard lock(mutex_);
      finished_ = true;
    }
    Finish(refusal);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    actor_ = std::move(*actor);
    reading_ = true;
  }
  StartRead(&incoming_);
}

void ImportReactor::OnReadDone(bool ok) {
  Actions actions;
  {
    std::lock_guard lock(mutex_);
    reading_ = false;
    if (finished_) return;
    if (!ok) {
      stream_ended_ = true;
    } else if (rows_seen_ >= ward_.max_import_rows) {
      // Treated as the end of the stream: what was read is still registered.
      over_row_limit_ = true;
      stream_ended_ = true;
      incoming_.Clear();
    } else {
      ++rows_seen_;
      RegistrationRow row;
      row.row_number = incoming_.row_number() != 0 ? incoming_.row_number() : rows_seen_;
      row.household = std::move(*incoming_.mutable_household());
      if (incoming_.has_survey()) row.survey = std::move(*incoming_.mutable_survey());
      incoming_.Clear();
      buffer_.push_back(std::move(row));
    }
    AdvanceLocked(actions);
  }
  Run(actions);
}

void ImportReactor::AdvanceLocked(Actions& actions) {
  if (finished_) return;
  const bool batch_ready = buffer_.size() >= kBatchSize || (stream_ended_ && !buffer_.empty());
  if (failure_.ok() && batch_ready && !preparing_ && !prepared_) SubmitPrepareLocked();
  if (failure_.ok() && !stream_ended_ && !reading_ && buffer_.size() < kBatchSize) {
    reading_ = true;
    actions.start_read = true;
  }
  // Finish never races a read: none is outstanding, and after a failure
  // none is started.
  const bool idle = !preparing_ && !committing_ && !reading_;
  if (!failure_.ok() && idle) {
    // Rows of batches already committed have landed and stay; the client
    // learns how many from the message and can re-send the rest.
    finished_ = true;
    actions.finish = grpc::Status(failure_.error_code(), failure_.error_message() + " (after " +
                                                             std::to_string(response_->imported_count()) +
                                                             " rows imported)");
  } else if (stream_ended_ && idle && !prepared_ && buffer_.empty()) {
    finished_ = true;
    spdlog::info("import by '{}': {} imported, {} rejected{}", actor_.name(), response_->imported_count(),
                 response_->rejected_count(), over_row_limit_ ? ", ended at the row limit" : "");
    actions.finish = over_row_limit_ ? RowLimitStatus(ward_.max_import_rows, *response_) : grpc::Status::OK;
  }
}

void ImportReactor::SubmitPrepareLocked() {
  preparing_ = true;
  executor_.Submit([this, rows = std::move(buffer_)](redis::Connection& redis) mutable {
    std::optional<PreparedRegistrations> batch;
    grpc::Status status;
    try {
      HouseholdStore store(redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
      server::CallScope call{actor_, correlation_id_, redis};
      batch = PrepareRegistrations(call, store, ward_, std::move(rows));
    } catch (...) {
      status = server::StatusFromCurrentException("Registry.ImportHouseholds");
    }
    OnPrepared(std::move(batch), status);
  });
  buffer_.clear();
}

void ImportReactor::SubmitCommitLocked(PreparedRegistrations batch) {
  committing_ = true;
  // std::function needs a copyable callable: the batch travels by pointer.
  auto shared = std::make_shared<PreparedRegistrations>(std::move(batch));
  executor_.Submit([this, shared](redis::Connection& redis) {
    std::vector<RegistrationResult> results;
    grpc::Status status;
    try {
      HouseholdStore store(redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
      server::CallScope call{actor_, correlation_id_, redis};
      results = CommitRegistrations(call, store, std::move(*shared));
    } catch (...) {
      status = server::StatusFromCurrentException("Registry.ImportHouseholds");
    }
    OnCommitted(std::move(results), status);
  });
}

void ImportReactor::Fail(const grpc::Status& status) {
  if (failure_.ok()) failure_ = status;
}

void ImportReactor::OnPrepared(std::optional<PreparedRegistrations> batch, grpc::Status status) {
  Actions actions;
  {
    std::lock_guard lock(mutex_);
    preparing_ = false;
    if (!status.ok()) {
      Fail(status);
    } else if (failure_.ok()) {
      if (committing_) {
        prepared_ = std::move(batch);
      } else {
        SubmitCommitLocked(std::move(*batch));
      }
    }
    AdvanceLocked(actions);
  }
  Run(actions);
}

void ImportReactor::OnCommitted(std::vector<RegistrationResult> results, grpc::Status status) {
  Actions actions;
  {
    std::lock_guard lock(mutex_);
    committing_ = false;
    if (!status.ok()) {
      Fail(status);
      prepared_.reset();
    }
    for (auto& result : results) {
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
    if (prepared_ && failure_.ok()) {
      SubmitCommitLocked(std::move(*prepared_));
      prepared_.reset();
    }
    AdvanceLocked(actions);
  }
  Run(actions);
}

void ImportReactor::Run(const Actions& actions) {
  if (actions.finish) {
    Finish(*actions.finish);
  } else if (actions.start_read) {
    StartRead(&incoming_);
  }
}

grpc::ServerReadReactor<v1::ImportHouseholdsRequest>* RegistryService::ImportHouseholds(
    grpc::CallbackServerContext* context, v1::ImportHouseholdsResponse* response) {
  auto* reactor = new ImportReactor(executor_, keys_, ward_, server::CorrelationIdOf(*context), response);
  executor_.AuthenticateAsync(context, [reactor](std::optional<v1::Actor> actor, grpc::Status refusal) {
    reactor->Start(std::move(actor), std::move(refusal));
  });
  return reactor;
}

}  // namespace ansinh::registry
