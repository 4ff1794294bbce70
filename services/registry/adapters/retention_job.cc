#include "registry/adapters/retention_job.h"

#include <spdlog/spdlog.h>

#include "events/envelope_codec.h"
#include "redis/redis_error.h"
#include "registry/adapters/household_mutation.h"
#include "registry/adapters/household_store.h"
#include "registry/core/household_erasure.h"

namespace ansinh::registry {
namespace {

v1::RetentionItem ItemOf(const v1::Household& household, const std::optional<CivilDate>& due_on) {
  v1::RetentionItem item;
  item.set_household_id(household.household_id());
  item.set_code(household.code());
  item.set_residential_group(household.residential_group());
  item.set_status(household.status());
  item.set_departed_on(household.departed_on());
  if (due_on) item.set_due_on(FormatIsoDate(*due_on));
  return item;
}

// The ids of the households of every partition that left the ward.
std::vector<std::string> DepartedHouseholds(redis::Connection& redis, const RegistryKeys& keys) {
  std::vector<redis::Args> reads;
  for (int partition = 0; partition < keys.partitions(); ++partition) {
    for (v1::HouseholdStatus status : {v1::HOUSEHOLD_STATUS_MOVED_OUT, v1::HOUSEHOLD_STATUS_DISSOLVED}) {
      reads.push_back({"ZRANGE", RegistryKeys::StatusIndex(partition, status), "0", "-1"});
    }
  }
  std::vector<std::string> ids;
  for (const redis::Reply& reply : redis.Pipeline(reads)) {
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    for (const redis::Reply& id : reply.elements) ids.push_back(id.str);
  }
  return ids;
}

}  // namespace

v1::RetentionReport RunRetention(redis::Connection& redis, const RegistryKeys& keys, const WardSettings& ward,
                                 const v1::Actor& actor, bool dry_run) {
  const CivilDate today = ward.clock.Today();
  const RetentionPeriod& period = ward.retention->periods.at(std::string(kDepartedHousehold));
  v1::RetentionReport report;
  report.set_as_of(FormatIsoDate(today));
  report.set_dry_run(dry_run);
  report.set_period_years(period.years);
  report.set_period_basis(period.basis);
  HouseholdStore store(redis, keys, ward.claim_lifetime_seconds, ward.key_ring.get());
  const std::vector<std::string> ids = DepartedHouseholds(redis, keys);
  // One correlation for the whole run: its erasures read as one action.
  const std::string correlation_id = events::NewEventId();
  const server::CallScope scope{actor, correlation_id, redis};
  const ErasureOrder order{v1::ERASURE_REASON_RETENTION_ENDED,
                           "hết thời hạn lưu trữ " + std::to_string(period.years) + " năm sau khi rời phường",
                           actor.name(), FormatIsoDate(today)};
  // In pages, so a province's departed households are not all in memory.
  constexpr size_t kPage = 500;
  for (size_t start = 0; start < ids.size(); start += kPage) {
    const std::vector<std::string> page(
        ids.begin() + static_cast<std::ptrdiff_t>(start),
        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + kPage)));
    for (const std::optional<StoredHousehold>& stored : store.LoadMany(page)) {
      if (!stored) continue;
      std::optional<CivilDate> due_on;
      switch (JudgeRetention(stored->household, today, period.years, &due_on)) {
        case RetentionVerdict::kWithinPeriod:
          report.set_within_period(report.within_period() + 1);
          continue;
        case RetentionVerdict::kNoDepartureDate:
          *report.add_without_departure_date() = ItemOf(stored->household, due_on);
          continue;
        case RetentionVerdict::kDue:
          break;
        default:
          continue;
      }
      const v1::RetentionItem item = ItemOf(stored->household, due_on);
      if (dry_run) {
        *report.add_erased() = item;
        continue;
      }
      HouseholdChange change;
      const grpc::Status erased = MutateHousehold(
          scope, store, {stored->household.household_id(), stored->household.version(), true},
          [&](const v1::Household& current) { return EraseHousehold(current, order); }, &change);
      if (erased.ok()) {
        *report.add_erased() = item;
      } else {
        spdlog::warn("retention: household {} not erased this time: {}", item.household_id(),
                     erased.error_message());
        *report.add_failed() = item;
      }
    }
  }
  redis.Command({"SET", std::string(kLastRetentionReport), report.SerializeAsString()});
  return report;
}

RetentionScheduler::RetentionScheduler(redis::RedisOptions options, const WardSettings& ward,
                                       std::chrono::seconds interval)
    : options_(std::move(options)), ward_(ward), keys_(ward.partitions), interval_(interval) {}

void RetentionScheduler::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void RetentionScheduler::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RetentionScheduler::Loop() {
  v1::Actor job;
  job.set_role(v1::ROLE_SERVICE);
  job.set_name("retention job");
  std::unique_lock lock(mutex_);
  // The first run one interval after start: a restart (or a rehearsal with
  // --today-override) never erases before an officer could look.
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    try {
      redis::Connection redis(options_);
      const v1::RetentionReport report = RunRetention(redis, keys_, ward_, job, false);
      spdlog::info(
          "retention ({} years after leaving): {} households erased, {} within their period, {} without a "
          "departure date, {} failed",
          report.period_years(), report.erased_size(), report.within_period(),
          report.without_departure_date_size(), report.failed_size());
    } catch (const std::exception& error) {
      spdlog::warn("retention job failed this time ({}); it runs again in {} s", error.what(),
                   interval_.count());
    }
    lock.lock();
  }
}

}  // namespace ansinh::registry
