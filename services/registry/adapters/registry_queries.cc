// Reading households: by id or code, lists, name search, the full record.
#include <algorithm>
#include <charconv>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "redis/redis_error.h"
#include "registry/adapters/household_store.h"
#include "registry/adapters/registry_service.h"
#include "registry/adapters/violations.h"
#include "registry/core/household_code.h"
#include "registry/core/household_id.h"
#include "registry/core/partition_merge.h"
#include "registry/core/search_folding.h"
#include "server/authorization.h"
#include "server/paging.h"

namespace ansinh::registry {
namespace {

// How many index entries one list call examines at most while filtering by
// status, so a rare status cannot make a call scan the whole ward at once.
constexpr int kMaxScannedPerPage = 5000;

std::optional<long long> ParseCursor(const std::string& token) {
  if (token.empty()) return 0;
  long long value = 0;
  auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size() || value < 0) return std::nullopt;
  return value;
}

FieldViolations PagingViolations(const v1::PageRequest& page, int* size) {
  FieldViolations violations;
  *size = server::ResolvePageSize(page, "page", violations);
  if (!ParseCursor(page.page_token())) {
    violations.push_back({"page.page_token", "is not a token this service gave out"});
  }
  return violations;
}

}  // namespace

grpc::ServerUnaryReactor* RegistryService::GetHousehold(grpc::CallbackServerContext* context,
                                                        const v1::GetHouseholdRequest* request,
                                                        v1::GetHouseholdResponse* response) {
  return executor_.Handle(context, "Registry.GetHousehold", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read households"); !denied.ok()) {
      return denied;
    }
    HouseholdStore store(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
    std::string household_id = request->household_id();
    if (request->key_case() == v1::GetHouseholdRequest::kCode) {
      std::optional<std::string> code = NormalizeHouseholdCode(request->code());
      if (!code)
        return server::ToStatus(Error::InvalidArgument({{"code",
                                                         "is not a household code like T05-017",
                                                         "violation.household.code",
                                                         {{"code", request->code()}}}}));
      std::optional<std::string> found = store.HouseholdIdByCode(*code);
      if (!found) {
        return server::KeyedStatus(grpc::StatusCode::NOT_FOUND, "no household with code " + *code,
                                   "error.household.no_code", {{"code", *code}});
      }
      household_id = *found;
    } else if (household_id.empty()) {
      return server::ToStatus(Error::InvalidArgument({{"household_id", "give a household_id or a code"}}));
    }
    std::optional<StoredHousehold> stored = store.Load(household_id);
    if (!stored) {
      return server::KeyedStatus(grpc::StatusCode::NOT_FOUND, "no household " + household_id,
                                 "error.household.not_found", {{"household", household_id}});
    }
    *response->mutable_household() = std::move(stored->household);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* RegistryService::GetHouseholdRecord(grpc::CallbackServerContext* context,
                                                              const v1::GetHouseholdRecordRequest* request,
                                                              v1::GetHouseholdRecordResponse* response) {
  return executor_.Handle(context, "Registry.GetHouseholdRecord", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read households"); !denied.ok()) {
      return denied;
    }
    if (request->household_id().empty())
      return server::ToStatus(Error::InvalidArgument({{"household_id", "must not be empty"}}));
    HouseholdStore store(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
    std::optional<StoredHousehold> stored = store.Load(request->household_id());
    if (!stored) {
      return server::KeyedStatus(grpc::StatusCode::NOT_FOUND, "no household " + request->household_id(),
                                 "error.household.not_found", {{"household", request->household_id()}});
    }
    *response->mutable_household() = std::move(stored->household);
    for (auto& survey : store.LoadSurveys(request->household_id())) {
      *response->add_surveys() = std::move(survey);
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* RegistryService::ListHouseholds(grpc::CallbackServerContext* context,
                                                          const v1::ListHouseholdsRequest* request,
                                                          v1::ListHouseholdsResponse* response) {
  return executor_.Handle(context, "Registry.ListHouseholds", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "list households"); !denied.ok()) {
      return denied;
    }
    int page_size = 0;
    FieldViolations violations = PagingViolations(request->page(), &page_size);
    if (!v1::HouseholdStatus_IsValid(request->status())) {
      violations.push_back({"status", "unknown household status " + std::to_string(request->status())});
    }
    const std::optional<int> group = ResidentialGroupNumber(request->residential_group());
    if (!request->residential_group().empty() && !group) {
      violations.push_back({"residential_group", "must end with the group's number, e.g. TDP-05"});
    }
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

    // One index answers one filter; with both, the group's index is walked
    // and the status checked on each record. Each partition has its own
    // indexes (in its households' slot): a page reads the next ids of every
    // partition in one round trip and merges them by number.
    const bool by_status = request->status() != v1::HOUSEHOLD_STATUS_UNSPECIFIED;
    const bool filter_status = group && by_status;
    const int partitions = keys_.partitions();
    auto index_of = [&](int partition) {
      if (group) return RegistryKeys::GroupIndex(partition, *group);
      if (by_status) return RegistryKeys::StatusIndex(partition, request->status());
      return RegistryKeys::IndexAll(partition);
    };
    long long cursor = *ParseCursor(request->page().page_token());
    HouseholdStore store(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
    std::vector<redis::Args> counts;
    for (int partition = 0; partition < partitions; ++partition) {
      if (filter_status) {
        counts.push_back({"ZINTERCARD", "2", index_of(partition),
                          RegistryKeys::StatusIndex(partition, request->status())});
      } else {
        counts.push_back({"ZCARD", index_of(partition)});
      }
    }
    long long total = 0;
    for (const redis::Reply& reply : call.redis.Pipeline(counts)) {
      if (reply.IsError()) throw redis::ReplyError(reply.str);
      total += reply.AsInteger();
    }
    response->mutable_page()->set_total_size(total);
    int scanned = 0;
    bool exhausted = false;
    while (response->households_size() < page_size && scanned < kMaxScannedPerPage) {
      const int want = page_size - response->households_size();
      // Built by appending: GCC 12 misreports `"(" + std::to_string(...)` at -O2 (-Wrestrict).
      std::string after_cursor = "(";
      after_cursor += std::to_string(cursor);
      std::vector<redis::Args> ranges;
      for (int partition = 0; partition < partitions; ++partition) {
        ranges.push_back({"ZRANGE", index_of(partition), after_cursor, "+inf", "BYSCORE", "LIMIT", "0",
                          std::to_string(want)});
      }
      std::vector<std::vector<std::string>> pages;
      for (const redis::Reply& reply : call.redis.Pipeline(ranges)) {
        if (reply.IsError()) throw redis::ReplyError(reply.str);
        std::vector<std::string>& page = pages.emplace_back();
        for (const auto& id : reply.elements) page.push_back(id.str);
      }
      std::vector<std::string> batch = MergeByHouseholdNumber(pages, static_cast<size_t>(want));
      if (batch.empty()) {
        exhausted = true;
        break;
      }
      std::vector<std::optional<StoredHousehold>> loaded = store.LoadMany(batch);
      for (size_t i = 0; i < batch.size(); ++i) {
        cursor = HouseholdIdNumber(batch[i]);
        ++scanned;
        if (!loaded[i]) continue;
        if (filter_status && loaded[i]->household.status() != request->status()) continue;
        *response->add_households() = std::move(loaded[i]->household);
      }
      if (static_cast<int>(batch.size()) < want) {
        exhausted = true;
        break;
      }
    }
    if (!exhausted) response->mutable_page()->set_next_page_token(std::to_string(cursor));
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* RegistryService::SearchHouseholds(grpc::CallbackServerContext* context,
                                                            const v1::SearchHouseholdsRequest* request,
                                                            v1::SearchHouseholdsResponse* response) {
  return executor_.Handle(context, "Registry.SearchHouseholds", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "search households"); !denied.ok()) {
      return denied;
    }
    int page_size = 0;
    FieldViolations violations = PagingViolations(request->page(), &page_size);
    const std::string query = FoldForSearch(request->query());
    if (query.empty()) violations.push_back({"query", "give at least one word of a name"});
    if (request->query().size() > 200) violations.push_back({"query", "at most 200 bytes"});
    const std::optional<int> group = ResidentialGroupNumber(request->residential_group());
    if (!request->residential_group().empty() && !group) {
      violations.push_back({"residential_group", "must end with the group's number, e.g. TDP-05"});
    }
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

    // Households with a name that has a word starting with each word of the
    // query ("huo" finds "huong|HH-.."), one index range per word in one
    // round trip; NameMatches then checks each member's own name, in order.
    std::set<std::string> words;
    {
      std::istringstream stream(query);
      std::string word;
      while (stream >> word) words.insert(word);
    }
    // Every partition has its own names index: one range per word and
    // partition, the partitions' matches of a word put together.
    const int partitions = keys_.partitions();
    std::vector<redis::Args> ranges;
    for (const std::string& word : words) {
      for (int partition = 0; partition < partitions; ++partition) {
        ranges.push_back(
            {"ZRANGE", RegistryKeys::Names(partition), "[" + word, "(" + word + "\xff", "BYLEX"});
      }
    }
    const std::vector<redis::Reply> replies = call.redis.Pipeline(ranges);
    std::optional<std::set<std::string>> candidates;  // household ids
    for (size_t w = 0; w < words.size(); ++w) {
      std::set<std::string> found;
      for (int partition = 0; partition < partitions; ++partition) {
        const redis::Reply& reply =
            replies[w * static_cast<size_t>(partitions) + static_cast<size_t>(partition)];
        if (reply.IsError()) throw redis::ReplyError(reply.str);
        for (const auto& entry : reply.elements) {
          std::string household = HouseholdOfNameIndexEntry(entry.str);
          if (!household.empty()) found.insert(std::move(household));
        }
      }
      if (candidates) {
        std::set<std::string> both;
        std::set_intersection(candidates->begin(), candidates->end(), found.begin(), found.end(),
                              std::inserter(both, both.end()));
        candidates = std::move(both);
      } else {
        candidates = std::move(found);
      }
    }
    const std::set<std::string> candidate_ids = candidates.value_or(std::set<std::string>{});
    std::vector<std::string> ids(candidate_ids.begin(), candidate_ids.end());
    std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) {
      return HouseholdIdNumber(a) < HouseholdIdNumber(b);
    });
    HouseholdStore store(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
    std::vector<std::optional<StoredHousehold>> loaded = store.LoadMany(ids);
    std::vector<v1::SearchHit> hits;
    for (auto& stored : loaded) {
      if (!stored) continue;
      if (group && ResidentialGroupNumber(stored->household.residential_group()) != group) continue;
      v1::SearchHit hit;
      for (const auto& member : stored->household.members()) {
        if (NameMatches(query, FoldForSearch(member.full_name())))
          hit.add_matched_member_ids(member.member_id());
      }
      if (hit.matched_member_ids_size() == 0) continue;
      *hit.mutable_household() = std::move(stored->household);
      hits.push_back(std::move(hit));
    }
    const long long offset = *ParseCursor(request->page().page_token());
    response->mutable_page()->set_total_size(static_cast<int64_t>(hits.size()));
    for (long long i = offset; i < static_cast<long long>(hits.size()) && i < offset + page_size; ++i) {
      *response->add_hits() = std::move(hits[i]);
    }
    if (offset + page_size < static_cast<long long>(hits.size())) {
      response->mutable_page()->set_next_page_token(std::to_string(offset + page_size));
    }
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::registry
