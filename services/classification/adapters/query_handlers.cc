// Reading: a round's progress, the rounds, official statuses and the lists of
// households by status, the loaded standards. Every role may read.
#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "classification/adapters/classification_service.h"
#include "classification/adapters/round_backfill.h"
#include "classification/adapters/round_counter_store.h"
#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/status_explanations.h"
#include "classification/adapters/status_store.h"
#include "classification/core/official_status.h"
#include "classification/core/round_counters.h"
#include "server/authorization.h"
#include "server/paging.h"
#include "server/status_mapping.h"

namespace ansinh::classification {
namespace {

std::optional<long long> ParseSequenceToken(const std::string& token) {
  long long value = 0;
  auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

grpc::ServerUnaryReactor* ClassificationService::GetRoundProgress(grpc::CallbackServerContext* context,
                                                                  const v1::GetRoundProgressRequest* request,
                                                                  v1::GetRoundProgressResponse* response) {
  return executor_.Handle(
      context, "Classification.GetRoundProgress", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read review rounds");
            !denied.ok()) {
          return denied;
        }
        if (request->round_id().empty())
          return server::ToStatus(Error::InvalidArgument({{"round_id", "must name a review round"}}));
        RoundStore rounds(call.redis, environment_.keys);
        const std::optional<StoredRound> stored = rounds.Load(request->round_id());
        if (!stored)
          return server::KeyedStatus(grpc::StatusCode::NOT_FOUND, "no review round " + request->round_id(),
                                     "error.round.not_found", {{"round", request->round_id()}});
        // The events of what it counts published first (a survey's wait in
        // its partition's outbox until the consumer's relay moves them).
        RelayRoundEvents(call.redis, environment_.keys, request->round_id());
        // From the round's counters, kept in every step's transaction: no
        // read of its households (docs/classification.md, "Round progress").
        const RoundCounters counters =
            RoundCounterStore(call.redis, environment_.keys).LoadOrCount(request->round_id());
        *response->mutable_round() = stored->round;
        *response->mutable_progress() =
            ProgressFromCounters(stored->round, counters, environment_.clock.Today());
        response->mutable_progress()->set_earlier_surveys_joining(
            RoundBackfill(call.redis, environment_).Pending(request->round_id()));
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* ClassificationService::ListRounds(grpc::CallbackServerContext* context,
                                                            const v1::ListRoundsRequest* request,
                                                            v1::ListRoundsResponse* response) {
  return executor_.Handle(context, "Classification.ListRounds", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read review rounds"); !denied.ok()) {
      return denied;
    }
    FieldViolations violations;
    const int page_size = server::ResolvePageSize(request->page(), "page", violations);
    std::optional<long long> before;
    if (!request->page().page_token().empty()) {
      before = ParseSequenceToken(request->page().page_token());
      if (!before) violations.push_back({"page.page_token", "is not a token this service gave out"});
    }
    if (request->review_year() < 0) violations.push_back({"review_year", "must be 0 (every year) or a year"});
    if (!v1::RoundStatus_IsValid(request->status())) violations.push_back({"status", "unknown round status"});
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

    // A ward opens a periodic round a year and a few regular ones: every
    // round fits in one read.
    RoundStore rounds(call.redis, environment_.keys);
    const std::vector<std::pair<std::string, long long>> ids = rounds.AllRoundIdsNewestFirst();
    std::vector<std::string> names;
    for (const auto& [id, sequence] : ids) names.push_back(id);
    const std::vector<std::optional<StoredRound>> stored = rounds.LoadMany(names);
    int64_t matching = 0;
    std::optional<long long> last_sequence;
    bool more = false;
    for (size_t i = 0; i < ids.size(); ++i) {
      if (!stored[i]) continue;
      const v1::ReviewRound& round = stored[i]->round;
      if (request->review_year() != 0 && round.review_year() != request->review_year()) continue;
      if (request->status() != v1::ROUND_STATUS_UNSPECIFIED && round.status() != request->status()) continue;
      ++matching;
      if (before && ids[i].second >= *before) continue;
      if (response->rounds_size() >= page_size) {
        more = true;
        continue;
      }
      *response->add_rounds() = round;
      last_sequence = ids[i].second;
    }
    response->mutable_page()->set_total_size(matching);
    if (more && last_sequence) response->mutable_page()->set_next_page_token(std::to_string(*last_sequence));
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ClassificationService::GetOfficialStatus(
    grpc::CallbackServerContext* context, const v1::GetOfficialStatusRequest* request,
    v1::GetOfficialStatusResponse* response) {
  return executor_.Handle(
      context, "Classification.GetOfficialStatus", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read official statuses");
            !denied.ok()) {
          return denied;
        }
        if (request->household_id().empty())
          return server::ToStatus(Error::InvalidArgument({{"household_id", "must name a household"}}));
        const StoredStatus stored = StatusStore(call.redis, environment_.keys).Load(request->household_id());
        // Each result's explanation re-derived from the survey and the
        // standard it references (docs/classification.md, "Official statuses").
        std::vector<v1::ApprovedResult> history =
            StatusExplanations(call.redis, environment_).OfStatus(stored);
        for (size_t i = 0; i < history.size(); ++i) {
          if (i + 1 == history.size()) {
            *response->mutable_current() = std::move(history[i]);
          } else {
            *response->add_history() = std::move(history[i]);
          }
        }
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* ClassificationService::ListHouseholdStatuses(
    grpc::CallbackServerContext* context, const v1::ListHouseholdStatusesRequest* request,
    v1::ListHouseholdStatusesResponse* response) {
  return executor_.Handle(
      context, "Classification.ListHouseholdStatuses", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read official statuses");
            !denied.ok()) {
          return denied;
        }
        FieldViolations violations;
        const int page_size = server::ResolvePageSize(request->page(), "page", violations);
        if (!v1::PovertyCategory_IsValid(request->category())) {
          violations.push_back({"category", "unknown poverty category"});
        }
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

        // One index per partition, each ordered by household id (every
        // score is 0): the page is the first ids after the token over all of
        // them, and the token is the last id served.
        std::vector<std::string> indexes;
        for (int partition = 0; partition < environment_.keys.partitions(); ++partition) {
          if (std::optional<std::string> index = ClassificationKeys::StatusIndexFor(*request, partition))
            indexes.push_back(std::move(*index));
        }
        if (indexes.empty()) {
          response->mutable_page()->set_total_size(0);
          return grpc::Status::OK;
        }
        const std::string& token = request->page().page_token();
        std::vector<redis::Args> reads;
        for (const std::string& index : indexes) {
          reads.push_back({"ZCARD", index});
          reads.push_back({"ZRANGE", index, token.empty() ? "-" : "(" + token, "+", "BYLEX", "LIMIT", "0",
                           std::to_string(page_size + 1)});
        }
        const std::vector<redis::Reply> replies = call.redis.Pipeline(reads);
        int64_t total = 0;
        std::vector<std::string> ids;
        for (size_t i = 0; i + 1 < replies.size(); i += 2) {
          if (replies[i].IsError() || replies[i + 1].IsError())
            throw std::runtime_error("reading a status list: " + replies[i].str + replies[i + 1].str);
          total += replies[i].integer;
          for (const redis::Reply& id : replies[i + 1].elements) ids.push_back(id.str);
        }
        std::sort(ids.begin(), ids.end());
        response->mutable_page()->set_total_size(total);
        const bool more = static_cast<int>(ids.size()) > page_size;
        if (more) ids.resize(page_size);
        StatusStore statuses(call.redis, environment_.keys);
        const std::vector<std::optional<v1::HouseholdStatusSummary>> summaries = statuses.LoadSummaries(ids);
        for (const std::optional<v1::HouseholdStatusSummary>& summary : summaries) {
          if (summary && MatchesHouseholdFilter(*summary, *request)) *response->add_households() = *summary;
        }
        if (more) response->mutable_page()->set_next_page_token(ids.back());
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* ClassificationService::ListStandards(grpc::CallbackServerContext* context,
                                                               const v1::ListStandardsRequest* /*request*/,
                                                               v1::ListStandardsResponse* response) {
  return executor_.Handle(context, "Classification.ListStandards", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read the standards"); !denied.ok()) {
      return denied;
    }
    for (const v1::Standard& standard : environment_.catalog.standards())
      *response->add_standards() = standard;
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::classification
