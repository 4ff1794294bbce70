// Correction requests: recorded, accepted through the registry's normal
// update path, or rejected; every step an event on the household's partition.
#include "registry/adapters/correction_service.h"

#include <charconv>
#include <map>

#include "events/envelope_codec.h"
#include "personal_data/envelope_sealing.h"
#include "redis/redis_error.h"
#include "registry/adapters/correction_store.h"
#include "registry/adapters/household_mutation.h"
#include "registry/adapters/household_store.h"
#include "registry/adapters/registry_service.h"
#include "registry/core/correction_requests.h"
#include "server/authorization.h"
#include "server/paging.h"
#include "server/status_mapping.h"
#include "time/timestamps.h"

namespace ansinh::registry {
namespace {

constexpr std::initializer_list<v1::Role> kCorrectionReaders = {v1::ROLE_WARD_OFFICER, v1::ROLE_AUDITOR};
constexpr std::string_view kCorrectionAggregate = "correction-request";

// The event of one step of a request: version 1 when recorded, 2 when
// handled; on the household's partition, caused by the request's first event;
// its personal fields (the value asked for, who asked, why) sealed with the
// household's data key like every registry event (docs/data-protection.md).
v1::EventEnvelope CorrectionEvent(const server::CallScope& call, std::string_view event_type,
                                  const v1::CorrectionRequest& request, uint64_t version,
                                  const google::protobuf::Message& payload,
                                  const std::optional<personal_data::AesKey>& data_key) {
  events::EventContext context{call.actor, call.correlation_id, request.requested_event_id()};
  events::EventIdentity identity{std::string(event_type), std::string(kCorrectionAggregate),
                                 request.request_id(), version, request.household_id()};
  v1::EventEnvelope envelope = events::MakeEnvelope(context, identity, payload);
  if (data_key) personal_data::SealEnvelope(envelope, *data_key);
  return envelope;
}

grpc::Status NoSuchHousehold(const std::string& household_id) {
  return server::ToStatus(Error::NotFound("household " + household_id + " does not exist")
                              .WithKey("error.household.not_found", {{"household", household_id}}));
}

grpc::Status NoSuchRequest(const std::string& request_id) {
  return server::ToStatus(Error::NotFound("no correction request " + request_id)
                              .WithKey("error.correction.not_found", {{"request", request_id}}));
}

// The request id's household, or the violation naming request_id.
std::optional<std::string> RequestHousehold(const std::string& request_id, FieldViolations& violations) {
  if (request_id.empty()) {
    violations.push_back({"request_id", "required: the request to handle"});
    return std::nullopt;
  }
  std::optional<std::string> household_id = HouseholdOfCorrectionRequest(request_id);
  if (!household_id) {
    violations.push_back(
        {"request_id", "not a correction request id (<household id>-C<n>): \"" + request_id + "\""});
  }
  return household_id;
}

std::optional<long long> ParseOffset(const std::string& token) {
  if (token.empty()) return 0;
  long long value = 0;
  auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

CorrectionService::CorrectionService(server::RequestExecutor& executor, WardSettings ward)
    : executor_(executor), ward_(std::move(ward)), keys_(ward_.partitions) {}

CorrectionService::~CorrectionService() = default;

grpc::ServerUnaryReactor* CorrectionService::RecordCorrectionRequest(
    grpc::CallbackServerContext* context, const v1::RecordCorrectionRequestRequest* request,
    v1::RecordCorrectionRequestResponse* response) {
  return executor_.Handle(
      context, "Corrections.RecordCorrectionRequest", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "record correction requests");
            !denied.ok()) {
          return denied;
        }
        const CivilDate today = ward_.clock.Today();
        if (FieldViolations violations = ValidateCorrectionRequest(*request, today); !violations.empty()) {
          return server::ToStatus(Error::InvalidArgument(std::move(violations)));
        }
        const std::string& household_id = request->household_id();
        HouseholdStore households(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
        CorrectionStore corrections(call.redis, keys_);
        for (int attempt = 0; attempt < kMaxHouseholdWriteAttempts; ++attempt) {
          call.redis.Command({"WATCH", keys_.Household(household_id), keys_.Corrections(household_id)});
          const std::optional<StoredHousehold> stored = households.Load(household_id);
          if (!stored) {
            call.redis.Command({"UNWATCH"});
            return NoSuchHousehold(household_id);
          }
          v1::CorrectionRequest recorded = NewCorrectionRequest(
              *request, CorrectionRequestId(household_id, corrections.Count(household_id) + 1), call.actor,
              TimestampOf(ward_.clock.Now()));
          // The value must be one the registry would take for the field
          // now; whether it can still be applied when handled (the
          // household moved out, a member left) is for the officer then.
          Result<HouseholdChange> trial = ApplyCorrection(stored->household, recorded, today);
          if (!trial.ok() && (trial.error().code == ErrorCode::kInvalidArgument ||
                              trial.error().code == ErrorCode::kNotFound)) {
            call.redis.Command({"UNWATCH"});
            if (trial.error().code == ErrorCode::kNotFound) {
              return server::ToStatus(Error::InvalidArgument(
                  {{"member_id", "household " + household_id + " has no member " + request->member_id()}}));
            }
            return server::ToStatus(trial.error());
          }
          v1::CorrectionRequested payload;
          *payload.mutable_request() = recorded;
          const v1::EventEnvelope event = CorrectionEvent(call, "registry.correction_requested.v1", recorded,
                                                          1, payload, stored->data_key);
          recorded.set_requested_event_id(event.event_id());
          redis::Transaction commit;
          corrections.QueueSave(commit, recorded, stored->data_key);
          keys_.publisher().Append(commit, event);
          try {
            commit.Exec(call.redis);
          } catch (const redis::TransactionAborted&) {
            continue;
          }
          *response->mutable_request() = std::move(recorded);
          return grpc::Status::OK;
        }
        throw redis::TransactionAborted();
      });
}

grpc::ServerUnaryReactor* CorrectionService::AcceptCorrectionRequest(
    grpc::CallbackServerContext* context, const v1::AcceptCorrectionRequestRequest* request,
    v1::AcceptCorrectionRequestResponse* response) {
  return executor_.Handle(
      context, "Corrections.AcceptCorrectionRequest", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "accept correction requests");
            !denied.ok()) {
          return denied;
        }
        FieldViolations violations;
        const std::optional<std::string> household_id = RequestHousehold(request->request_id(), violations);
        if (request->expected_version() == 0) {
          violations.push_back({"expected_version", "must be the version of the household you read"});
        }
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(std::move(violations)));

        const CivilDate today = ward_.clock.Today();
        HouseholdStore households(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
        CorrectionStore corrections(call.redis, keys_);
        const std::optional<StoredHousehold> seen = households.Load(*household_id);
        if (!seen) return NoSuchRequest(request->request_id());
        const std::optional<v1::CorrectionRequest> first =
            corrections.Load(request->request_id(), *household_id, seen->data_key);
        if (!first) return NoSuchRequest(request->request_id());
        // Handled already: said before the version is compared, which the
        // handling changed.
        if (Result<v1::CorrectionRequest> still = AcceptCorrection(*first, call.actor, today, 0);
            !still.ok()) {
          return server::ToStatus(still.error());
        }

        v1::CorrectionRequest closed;
        MutationRequest mutation{*household_id, request->expected_version(), true};
        // The household's change is caused by the request: its events say so.
        mutation.causation_id = first->requested_event_id();
        mutation.watch_too = {keys_.Corrections(*household_id)};
        mutation.queue_too = [&](redis::Transaction& tx, const HouseholdChange&,
                                 const std::optional<personal_data::AesKey>& data_key) {
          corrections.QueueSave(tx, closed, data_key);
          v1::CorrectionAccepted payload;
          *payload.mutable_request() = closed;
          keys_.publisher().Append(
              tx, CorrectionEvent(call, "registry.correction_accepted.v1", closed, 2, payload, data_key));
        };
        HouseholdChange change;
        const grpc::Status status = MutateHousehold(
            call, households, mutation,
            [&](const v1::Household& current) -> Result<HouseholdChange> {
              // Read again under the WATCH: handled meanwhile, it is not open.
              const std::optional<v1::CorrectionRequest> open =
                  corrections.Load(request->request_id(), *household_id, seen->data_key);
              if (!open) return Error::NotFound("no correction request " + request->request_id());
              Result<HouseholdChange> applied = ApplyCorrection(current, *open, today);
              if (!applied.ok()) {
                if (applied.error().code != ErrorCode::kInvalidArgument) return applied.error();
                // The request is well formed; the registry refuses what it asks.
                std::string why;
                for (const FieldViolation& violation : applied.error().violations) {
                  why += (why.empty() ? "" : "; ") + violation.description;
                }
                return Error::FailedPrecondition("the registry refuses the value asked for (" + why +
                                                 "); reject the request with the reason")
                    .WithKey("error.correction.refused", {{"request", open->request_id()}, {"why", why}});
              }
              Result<v1::CorrectionRequest> accepted =
                  AcceptCorrection(*open, call.actor, today, applied->after.version());
              if (!accepted.ok()) return accepted.error();
              closed = std::move(accepted).value();
              return applied;
            },
            &change);
        if (status.ok()) *response->mutable_request() = std::move(closed);
        return status;
      });
}

grpc::ServerUnaryReactor* CorrectionService::RejectCorrectionRequest(
    grpc::CallbackServerContext* context, const v1::RejectCorrectionRequestRequest* request,
    v1::RejectCorrectionRequestResponse* response) {
  return executor_.Handle(
      context, "Corrections.RejectCorrectionRequest", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "reject correction requests");
            !denied.ok()) {
          return denied;
        }
        FieldViolations violations;
        const std::optional<std::string> household_id = RequestHousehold(request->request_id(), violations);
        if (request->reason().find_first_not_of(" \t\r\n") == std::string::npos) {
          violations.push_back({"reason", "required: why the request is rejected"});
        }
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(std::move(violations)));

        const CivilDate today = ward_.clock.Today();
        HouseholdStore households(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
        CorrectionStore corrections(call.redis, keys_);
        for (int attempt = 0; attempt < kMaxHouseholdWriteAttempts; ++attempt) {
          call.redis.Command({"WATCH", keys_.Household(*household_id), keys_.Corrections(*household_id)});
          const std::optional<StoredHousehold> stored = households.Load(*household_id);
          const std::optional<v1::CorrectionRequest> open =
              stored ? corrections.Load(request->request_id(), *household_id, stored->data_key)
                     : std::nullopt;
          if (!open) {
            call.redis.Command({"UNWATCH"});
            return NoSuchRequest(request->request_id());
          }
          Result<v1::CorrectionRequest> rejected =
              RejectCorrection(*open, call.actor, today, request->reason());
          if (!rejected.ok()) {
            call.redis.Command({"UNWATCH"});
            return server::ToStatus(rejected.error());
          }
          v1::CorrectionRejected payload;
          *payload.mutable_request() = *rejected;
          redis::Transaction commit;
          corrections.QueueSave(commit, *rejected, stored->data_key);
          keys_.publisher().Append(commit, CorrectionEvent(call, "registry.correction_rejected.v1", *rejected,
                                                           2, payload, stored->data_key));
          try {
            commit.Exec(call.redis);
          } catch (const redis::TransactionAborted&) {
            continue;
          }
          *response->mutable_request() = std::move(rejected).value();
          return grpc::Status::OK;
        }
        throw redis::TransactionAborted();
      });
}

grpc::ServerUnaryReactor* CorrectionService::ListCorrectionRequests(
    grpc::CallbackServerContext* context, const v1::ListCorrectionRequestsRequest* request,
    v1::ListCorrectionRequestsResponse* response) {
  return executor_.Handle(
      context, "Corrections.ListCorrectionRequests", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, kCorrectionReaders, "list correction requests");
            !denied.ok()) {
          return denied;
        }
        FieldViolations violations;
        const int page_size = server::ResolvePageSize(request->page(), "page", violations);
        const std::optional<long long> offset = ParseOffset(request->page().page_token());
        if (!offset) violations.push_back({"page.page_token", "is not a token this service gave out"});
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(std::move(violations)));

        HouseholdStore households(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
        CorrectionStore corrections(call.redis, keys_);
        std::vector<v1::CorrectionRequest> listed;
        if (!request->household_id().empty()) {
          const std::optional<StoredHousehold> stored = households.Load(request->household_id());
          if (!stored) return NoSuchHousehold(request->household_id());
          listed = corrections.LoadAll(request->household_id(), stored->data_key);
        } else {
          // The ward's open requests: a page's requests are read with their
          // households' data keys, each household once.
          const std::vector<std::string> open = corrections.OpenIds();
          response->mutable_page()->set_total_size(static_cast<int64_t>(open.size()));
          std::map<std::string, std::optional<StoredHousehold>> owners;
          for (long long i = *offset; i < static_cast<long long>(open.size()) && i < *offset + page_size;
               ++i) {
            const std::string household_id = HouseholdOfCorrectionRequest(open[i]).value_or("");
            auto owner = owners.find(household_id);
            if (owner == owners.end())
              owner = owners.emplace(household_id, households.Load(household_id)).first;
            if (!owner->second) continue;
            if (auto found = corrections.Load(open[i], household_id, owner->second->data_key)) {
              *response->add_requests() = std::move(*found);
            }
          }
          if (*offset + page_size < static_cast<long long>(open.size())) {
            response->mutable_page()->set_next_page_token(std::to_string(*offset + page_size));
          }
          return grpc::Status::OK;
        }
        response->mutable_page()->set_total_size(static_cast<int64_t>(listed.size()));
        for (long long i = *offset; i < static_cast<long long>(listed.size()) && i < *offset + page_size;
             ++i) {
          *response->add_requests() = std::move(listed[i]);
        }
        if (*offset + page_size < static_cast<long long>(listed.size())) {
          response->mutable_page()->set_next_page_token(std::to_string(*offset + page_size));
        }
        return grpc::Status::OK;
      });
}

}  // namespace ansinh::registry
