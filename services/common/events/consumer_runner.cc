#include "events/consumer_runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <thread>

#include "events/applied_versions.h"
#include "events/partition_leases.h"
#include "events/stream_names.h"
#include "redis/redis_error.h"
#include "redis/slot_groups.h"
#include "redis/transaction.h"

namespace ansinh::events {
namespace {

using Clock = std::chrono::steady_clock;

std::string AggregateKey(const std::string& source, const v1::EventEnvelope& event) {
  return source + "/" + event.aggregate_type() + "/" + event.aggregate_id();
}

// Extends the lease only while we still hold it, atomically.
constexpr const char* kRenewLease =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then "
    "return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
// Takes a free lease, or adopts one still held under our own name (an
// instance restarted with the same --instance-id before its lease ran out).
constexpr const char* kAcquireLease =
    "local holder = redis.call('GET', KEYS[1]) "
    "if holder == false then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end "
    "if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end "
    "return 0";
constexpr const char* kReleaseLease =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) "
    "else return 0 end";

// The publisher and partition of the events in `stream`: an event stream's
// own, or those of the event stream a replay stream stands in for (so a
// replayed event is marked applied under the same aggregate key).
bool SourceAndPartitionOf(const std::string& stream, std::string* source, int* partition) {
  if (ParseEventStream(stream, source, partition)) return true;
  std::string group;
  return ParseReplayStream(stream, &group, source, partition);
}

long long NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

ConsumerRunner::ConsumerRunner(redis::RedisOptions redis_options, RunnerOptions options,
                               std::vector<std::string> streams, EventHandler& handler)
    : redis_(std::move(redis_options)),
      options_(std::move(options)),
      streams_(std::move(streams)),
      handler_(handler),
      group_limit_(std::max(1, options_.max_group_events)) {
  read_streams_ = streams_;
  for (const auto& stream : streams_) {
    std::string source;
    int partition = -1;
    if (ParseEventStream(stream, &source, &partition)) {
      read_streams_.push_back(ReplayStream(options_.group, source, partition));
    }
  }
  for (const auto& stream : read_streams_) {
    std::string source;
    int partition = -1;
    if (!SourceAndPartitionOf(stream, &source, &partition)) partition = -1;
    stream_partitions_.push_back(partition);
    if (partition >= 0 && std::find(partitions_.begin(), partitions_.end(), partition) == partitions_.end()) {
      partitions_.push_back(partition);
    }
  }
  std::sort(partitions_.begin(), partitions_.end());
}

void ConsumerRunner::EnsureGroups() {
  if (groups_ready_) return;
  for (const auto& stream : read_streams_) {
    try {
      redis_.Command({"XGROUP", "CREATE", stream, options_.group, "0", "MKSTREAM"});
      spdlog::info("created consumer group {} on {}", options_.group, stream);
    } catch (const redis::ReplyError& error) {
      if (std::string_view(error.what()).find("BUSYGROUP") == std::string_view::npos) throw;
    }
  }
  groups_ready_ = true;
}

void ConsumerRunner::Run() {
  std::chrono::milliseconds pause{100};
  while (!stopping_.load()) {
    try {
      PollOnce();
      pause = std::chrono::milliseconds{100};
    } catch (const redis::ConnectionError& error) {
      spdlog::warn("consumer {}/{}: {}; retrying in {} ms", options_.group, options_.consumer, error.what(),
                   pause.count());
      // A read the server carried out after we gave up on it (a timeout
      // while Redis was frozen) delivered entries into our pending list that
      // we never saw: re-read the list once Redis answers again.
      history_pending_ = true;
      // Sleep in small steps so a stop request is not delayed by the backoff.
      for (auto slept = std::chrono::milliseconds{0}; slept < pause && !stopping_.load();
           slept += std::chrono::milliseconds{50}) {
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
      }
      pause = std::min(pause * 2, std::chrono::milliseconds{2000});
    }
  }
  ReleaseLeases();
  spdlog::info("consumer {}/{} stopped", options_.group, options_.consumer);
}

size_t ConsumerRunner::PollOnce() {
  EnsureGroups();
  MaybeRenewLeases();
  size_t handled = 0;
  if (history_pending_ && Clock::now() >= retry_at_) handled += ProcessHistory();
  if (Clock::now() >= next_claim_) {
    handled += ClaimIdle();
    next_claim_ = Clock::now() + options_.claim_interval;
  }
  if (!stopping_.load()) handled += ReadNew();
  return handled;
}

bool ConsumerRunner::Holds(int partition) const {
  return !leasing() || partition < 0 || held_partitions_.contains(partition);
}

std::vector<std::string> ConsumerRunner::ActiveStreams() const {
  std::vector<std::string> active;
  for (size_t i = 0; i < read_streams_.size(); ++i) {
    if (Holds(stream_partitions_[i])) active.push_back(read_streams_[i]);
  }
  return active;
}

void ConsumerRunner::MaybeRenewLeases() {
  // Renewed at least every third of the TTL, also between the reads of a long
  // history replay, so a read never happens on a lease about to run out.
  if (!leasing() || Clock::now() < next_renewal_) return;
  RenewLeases();
  next_renewal_ = Clock::now() + options_.lease_ttl / 3;
}

void ConsumerRunner::RenewLeases() {
  if (partitions_.empty()) return;
  const long long now = NowMillis();
  const long long ttl = options_.lease_ttl.count();
  const std::string members = MembersKey(options_.group);
  // Heartbeat, forget instances silent for a TTL, count the live ones.
  std::vector<redis::Reply> replies =
      redis_.Pipeline({{"ZADD", members, std::to_string(now), options_.consumer},
                       {"ZREMRANGEBYSCORE", members, "-inf", "(" + std::to_string(now - ttl)},
                       {"ZCARD", members}});
  const int live = replies[2].type == redis::Reply::Type::kInteger ? static_cast<int>(replies[2].integer) : 1;

  if (!held_partitions_.empty()) {
    std::vector<redis::Args> renewals;
    std::vector<int> order(held_partitions_.begin(), held_partitions_.end());
    for (int partition : order) {
      renewals.push_back({"EVAL", kRenewLease, "1", LeaseKey(options_.group, partition), options_.consumer,
                          std::to_string(ttl)});
    }
    std::vector<redis::Reply> renewed = redis_.Pipeline(renewals);
    for (size_t i = 0; i < order.size(); ++i) {
      if (renewed[i].type != redis::Reply::Type::kInteger || renewed[i].integer != 1) {
        spdlog::warn("consumer {}/{} lost its lease on partition {}", options_.group, options_.consumer,
                     order[i]);
        held_partitions_.erase(order[i]);
      }
    }
  }

  const int share = FairShare(static_cast<int>(partitions_.size()), live);
  const LeasePlan plan = PlanLeases(partitions_, held_partitions_, share, options_.consumer);
  for (int partition : plan.release) {
    redis_.Command({"EVAL", kReleaseLease, "1", LeaseKey(options_.group, partition), options_.consumer});
    held_partitions_.erase(partition);
    spdlog::info("consumer {}/{} handed partition {} back ({} instances, {} each)", options_.group,
                 options_.consumer, partition, live, share);
  }
  for (int partition : plan.try_acquire) {
    if (static_cast<int>(held_partitions_.size()) >= share) break;
    redis::Reply taken = redis_.Command({"EVAL", kAcquireLease, "1", LeaseKey(options_.group, partition),
                                         options_.consumer, std::to_string(ttl)});
    if (taken.type != redis::Reply::Type::kInteger || taken.integer != 1) continue;
    held_partitions_.insert(partition);
    TakeOver(partition);
  }
}

void ConsumerRunner::TakeOver(int partition) {
  // Whatever the previous holder read and never acknowledged becomes ours, and
  // is replayed from our pending list before anything new of the partition.
  size_t claimed = 0;
  for (size_t i = 0; i < read_streams_.size(); ++i) {
    if (stream_partitions_[i] != partition) continue;
    std::string cursor = "0-0";
    do {
      redis::Reply reply = redis_.Command({"XAUTOCLAIM", read_streams_[i], options_.group, options_.consumer,
                                           "0", cursor, "COUNT", "1000", "JUSTID"});
      if (!reply.IsArray() || reply.elements.size() < 2) break;
      cursor = reply.elements[0].str;
      claimed += reply.elements[1].elements.size();
    } while (cursor != "0-0");
  }
  counters_.claimed += claimed;
  history_pending_ = true;
  retry_at_ = Clock::now();
  spdlog::info("consumer {}/{} took partition {}{}", options_.group, options_.consumer, partition,
               claimed > 0 ? " and " + std::to_string(claimed) + " pending entries" : std::string());
}

void ConsumerRunner::ReleaseLeases() {
  if (!leasing()) return;
  try {
    std::vector<redis::Args> commands;
    for (int partition : held_partitions_) {
      commands.push_back(
          {"EVAL", kReleaseLease, "1", LeaseKey(options_.group, partition), options_.consumer});
    }
    commands.push_back({"ZREM", MembersKey(options_.group), options_.consumer});
    redis_.Pipeline(commands);
  } catch (const redis::RedisError& error) {
    spdlog::warn("consumer {}/{} could not hand its partitions back ({}); they expire in {} ms",
                 options_.group, options_.consumer, error.what(), options_.lease_ttl.count());
  }
  held_partitions_.clear();
}

size_t ConsumerRunner::ProcessHistory() {
  // Reading with ID 0 returns only our own pending entries; a read that comes
  // back empty means the list is drained.
  size_t handled = 0;
  history_pending_ = false;
  // The pending list is replayed in id order, so holding starts afresh.
  held_aggregates_.clear();
  for (const std::vector<std::string>& group : ReadGroups(ActiveStreams())) {
    handled += ProcessHistoryOf(group);
  }
  return handled;
}

size_t ConsumerRunner::ProcessHistoryOf(const std::vector<std::string>& active) {
  size_t handled = 0;
  std::map<std::string, std::string> after;  // stream -> last id seen
  for (const auto& stream : active) after[stream] = "0";
  while (!stopping_.load()) {
    MaybeRenewLeases();
    redis::Args args{"XREADGROUP",      "GROUP", options_.group,
                     options_.consumer, "COUNT", std::to_string(options_.batch_size),
                     "STREAMS"};
    for (const auto& stream : active) args.push_back(stream);
    for (const auto& stream : active) args.push_back(after[stream]);
    redis::Reply reply = redis_.Command(args);
    size_t entries_seen = 0;
    if (reply.IsArray()) {
      for (const auto& per_stream : reply.elements) {
        if (per_stream.elements.size() < 2) continue;
        const auto& entries = per_stream.elements[1].elements;
        entries_seen += entries.size();
        if (!entries.empty()) after[per_stream.elements[0].str] = entries.back().elements[0].str;
      }
      handled += ProcessReadReply(reply);
    }
    if (entries_seen == 0) break;
  }
  return handled;
}

std::vector<std::vector<std::string>> ConsumerRunner::ReadGroups(
    const std::vector<std::string>& streams) const {
  if (streams.empty()) return {};
  // One XREADGROUP may only name streams of one slot in Redis Cluster; on a
  // single node one read covers them all, as before.
  if (!redis_.options().cluster) return {streams};
  return redis::GroupBySlot(streams);
}

size_t ConsumerRunner::ClaimIdle() {
  size_t handled = 0;
  for (const auto& stream : ActiveStreams()) {
    std::string cursor = "0-0";
    do {
      redis::Reply reply = redis_.Command({"XAUTOCLAIM", stream, options_.group, options_.consumer,
                                           std::to_string(options_.claim_min_idle.count()), cursor, "COUNT",
                                           std::to_string(options_.batch_size)});
      if (!reply.IsArray() || reply.elements.size() < 2) break;
      cursor = reply.elements[0].str;
      std::vector<StreamEntry> entries;
      for (const auto& item : reply.elements[1].elements) entries.push_back(ParseEntryReply(item));
      if (!entries.empty()) {
        counters_.claimed += entries.size();
        spdlog::info("consumer {}/{} claimed {} idle entries of {}", options_.group, options_.consumer,
                     entries.size(), stream);
        handled += ProcessBatch(stream, entries);
      }
      // Redis 7 also lists ids it deleted from the pending list because the
      // entries were trimmed; nothing to apply for those.
    } while (cursor != "0-0" && !stopping_.load());
  }
  return handled;
}

size_t ConsumerRunner::ReadNew() {
  MaybeRenewLeases();
  const std::vector<std::string> active = ActiveStreams();
  if (active.empty()) {
    // Every partition is held by other instances: wait for a renewal to
    // rebalance, in small steps so a stop request is honoured.
    const auto until = Clock::now() + options_.block;
    while (Clock::now() < until && !stopping_.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    return 0;
  }
  const std::vector<std::vector<std::string>> groups = ReadGroups(active);
  if (groups.size() == 1) return ReadNewOf(active, options_.block);
  // Cluster mode, streams on several slots: a quick look at every slot,
  // then, if all were empty, one short blocking read of the next slot in
  // turn, so no slot waits more than about one BLOCK period.
  size_t handled = 0;
  for (const auto& group : groups) {
    if (stopping_.load()) break;
    handled += ReadNewOf(group, std::chrono::milliseconds(0));
  }
  if (handled > 0 || stopping_.load()) return handled;
  const auto block =
      std::max(std::chrono::milliseconds(10), options_.block / static_cast<int>(groups.size()));
  return ReadNewOf(groups[next_blocking_group_++ % groups.size()], block);
}

size_t ConsumerRunner::ReadNewOf(const std::vector<std::string>& streams, std::chrono::milliseconds block) {
  redis::Args args{"XREADGROUP",      "GROUP", options_.group,
                   options_.consumer, "COUNT", std::to_string(options_.batch_size)};
  if (block.count() > 0) args.insert(args.end(), {"BLOCK", std::to_string(block.count())});
  args.push_back("STREAMS");
  for (const auto& stream : streams) args.push_back(stream);
  for (size_t i = 0; i < streams.size(); ++i) args.push_back(">");
  redis::Reply reply = block.count() > 0 ? redis_.BlockingCommand(args, block) : redis_.Command(args);
  if (reply.IsNil()) return 0;  // BLOCK timed out, or nothing new
  return ProcessReadReply(reply);
}

size_t ConsumerRunner::ProcessReadReply(const redis::Reply& reply) {
  size_t handled = 0;
  for (const auto& per_stream : reply.elements) {
    if (per_stream.elements.size() < 2) continue;
    std::vector<StreamEntry> entries;
    for (const auto& item : per_stream.elements[1].elements) entries.push_back(ParseEntryReply(item));
    handled += ProcessBatch(per_stream.elements[0].str, entries);
  }
  return handled;
}

size_t ConsumerRunner::ProcessBatch(const std::string& stream, const std::vector<StreamEntry>& entries) {
  std::string source;
  int partition = -1;
  if (!SourceAndPartitionOf(stream, &source, &partition)) {
    source = stream;
    partition = -1;
  }
  if (!Holds(partition)) {
    // The lease went to another instance since the read: it claims these.
    return entries.size();
  }

  std::vector<std::string> trimmed;
  std::vector<Pending> events;
  for (const auto& entry : entries) {
    if (entry.fields.empty()) {
      // The payload was trimmed away: nothing can ever be applied.
      spdlog::warn("{}: entry {} was trimmed before {} applied it", stream, entry.id, options_.group);
      trimmed.push_back(entry.id);
      continue;
    }
    if (const std::string* replayed_for = entry.Field(kReplayForGroupField);
        replayed_for != nullptr && *replayed_for != options_.group) {
      // Another group's dead letter, put back for that group alone
      // (Operations.ReplayDeadLetters): acknowledged with the trimmed ones.
      trimmed.push_back(entry.id);
      continue;
    }
    std::string error;
    std::optional<v1::EventEnvelope> event = DecodeEntry(entry, &error);
    if (!event) {
      HandleFailure(stream, entry, error);
      continue;
    }
    std::string field = AggregateKey(source, *event);
    if (held_aggregates_.contains(field)) {
      history_pending_ = true;
      continue;
    }
    events.push_back(Pending{&entry, std::move(*event), std::move(field), std::nullopt});
  }
  OpenSealed(stream, partition, events);
  size_t next = 0;
  while (next < events.size() && Holds(partition)) {
    next += CommitGroup(stream, source, partition, events, next, trimmed);
  }
  if (!trimmed.empty()) {
    redis::Args ack{"XACK", stream, options_.group};
    ack.insert(ack.end(), trimmed.begin(), trimmed.end());
    redis_.Command(ack);
  }
  return entries.size();
}

void ConsumerRunner::OpenSealed(const std::string& stream, int partition, std::vector<Pending>& events) {
  std::vector<v1::EventEnvelope*> sealed;
  for (Pending& pending : events) {
    if (!pending.event.has_personal()) continue;
    pending.stored = pending.event;
    sealed.push_back(&pending.event);
  }
  if (sealed.empty()) return;
  if (opener_ == nullptr) {
    // Nothing to open with: handlers read what was published.
    for (Pending& pending : events) pending.stored.reset();
    return;
  }
  const std::map<std::string, std::string> unavailable = opener_->Open(redis_, partition, sealed);
  if (unavailable.empty()) return;
  // Applying an event without fields its household still holds would lose
  // them for good: it waits, pending, until the key can be read.
  std::vector<Pending> kept;
  for (Pending& pending : events) {
    auto reason = unavailable.find(pending.event.household_id());
    if (pending.stored && reason != unavailable.end()) {
      HandleFailure(stream, *pending.entry, reason->second);
      held_aggregates_.insert(pending.field);
      continue;
    }
    kept.push_back(std::move(pending));
  }
  events = std::move(kept);
}

size_t ConsumerRunner::CommitGroup(const std::string& stream, const std::string& source, int partition,
                                   const std::vector<Pending>& events, size_t start,
                                   std::vector<std::string>& extra_acks) {
  const std::string applied_key = AppliedKey(options_.group, partition < 0 ? 0 : partition);
  const bool fenced = leasing() && partition >= 0;
  const std::string lease_key = fenced ? LeaseKey(options_.group, partition) : std::string();

  for (int attempt = 0; attempt < options_.max_watch_retries; ++attempt) {
    const size_t end = std::min(events.size(), start + static_cast<size_t>(group_limit_));
    // One round trip: watch the marks (and the lease), check the lease, read
    // the marks of every aggregate in the group.
    std::vector<redis::Args> reads;
    redis::Args watch{"WATCH", applied_key};
    if (fenced) watch.push_back(lease_key);
    reads.push_back(std::move(watch));
    if (fenced) reads.push_back({"GET", lease_key});
    redis::Args hmget{"HMGET", applied_key};
    for (size_t i = start; i < end; ++i) hmget.push_back(events[i].field);
    reads.push_back(std::move(hmget));
    std::vector<redis::Reply> replies = redis_.Pipeline(reads);
    if (fenced && (replies[1].type != redis::Reply::Type::kString || replies[1].str != options_.consumer)) {
      redis_.Command({"UNWATCH"});
      spdlog::warn("consumer {}/{}: partition {} is no longer ours; leaving its entries to the holder",
                   options_.group, options_.consumer, partition);
      held_partitions_.erase(partition);
      return events.size() - start;
    }
    const redis::Reply& marks_reply = replies.back();
    if (marks_reply.IsError()) throw redis::ReplyError(marks_reply.str);

    std::map<std::string, std::optional<AppliedVersions>> marks;
    for (size_t i = start; i < end; ++i) {
      if (marks.contains(events[i].field)) continue;
      const redis::Reply& mark = marks_reply.elements[i - start];
      marks[events[i].field] = AppliedVersions::Parse(mark.IsNil() ? std::string_view{} : mark.str);
    }

    ApplyGroup group;
    redis::Transaction tx;
    std::vector<std::string> acks;
    std::set<std::string> dirty;        // aggregates whose mark changes
    std::set<std::string> failed_here;  // aggregates with a corrupt mark in this group
    std::vector<std::pair<size_t, std::string>> failures;
    size_t applied = 0;
    size_t skipped = 0;
    std::vector<std::string_view> applied_ids;  // for the observer, once committed
    size_t i = start;
    for (; i < end; ++i) {
      const Pending& pending = events[i];
      if (failed_here.contains(pending.field) || held_aggregates_.contains(pending.field)) {
        history_pending_ = true;  // waits in the pending list behind its failed predecessor
        continue;
      }
      std::optional<AppliedVersions>& mark = marks[pending.field];
      if (!mark) {
        failures.emplace_back(i, "corrupt applied mark for " + pending.field);
        failed_here.insert(pending.field);
        continue;
      }
      if (mark->Contains(pending.event.aggregate_version())) {
        acks.push_back(pending.entry->id);
        ++skipped;
        continue;
      }
      redis::Transaction effects;
      ApplyContext context(pending.event, source, redis_, effects, group,
                           pending.stored ? &*pending.stored : nullptr);
      try {
        handler_.Apply(context);
      } catch (const GroupConflict&) {
        break;  // it needs this group's writes: first in the next group
      } catch (const redis::ConnectionError&) {
        history_pending_ = true;
        throw;
      } catch (const std::exception& failure) {
        // The group ends after a failure: the handler may have changed its
        // carried state before throwing, and the next group starts afresh.
        failures.emplace_back(i, failure.what());
        ++i;
        break;
      }
      group.AddWrites(effects);
      for (const redis::Args& command : effects.commands()) tx.Add(command);
      mark->Add(pending.event.aggregate_version());
      dirty.insert(pending.field);
      acks.push_back(pending.entry->id);
      ++applied;
      applied_ids.push_back(pending.entry->id);
    }
    if (i == start) {
      // Only a conflict on the first event ends a group this early, and the
      // first event's keys cannot have been written by the group: nothing
      // else can make progress, so treat it as a failed delivery.
      redis_.Command({"UNWATCH"});
      HandleFailure(stream, *events[start].entry, "transaction group conflict on its first event");
      return 1;
    }

    if (applied > 0 && group.state()) group.state()->QueueGroupWrites(tx);
    if (!dirty.empty()) {
      redis::Args hset{"HSET", applied_key};
      for (const std::string& field : dirty) {
        hset.push_back(field);
        hset.push_back(marks[field]->Serialize());
      }
      tx.Add(std::move(hset));
    }
    acks.insert(acks.end(), extra_acks.begin(), extra_acks.end());
    if (!acks.empty()) {
      redis::Args xack{"XACK", stream, options_.group};
      xack.insert(xack.end(), acks.begin(), acks.end());
      tx.Add(std::move(xack));
    }
    try {
      if (tx.empty()) {
        redis_.Command({"UNWATCH"});
      } else {
        tx.Exec(redis_);
      }
    } catch (const redis::TransactionAborted&) {
      // A concurrent writer changed a watched key: read again, apply again,
      // with a smaller group so the next attempt is likelier to get through.
      group_limit_ = NextGroupLimit(group_limit_, true, options_.max_group_events);
      continue;
    } catch (const redis::ConnectionError&) {
      history_pending_ = true;
      throw;
    }
    extra_acks.clear();
    if (applied > 0 && group.state()) group.state()->AfterCommit(redis_);
    group_limit_ = NextGroupLimit(group_limit_, false, options_.max_group_events);
    counters_.applied += applied;
    if (observer_ != nullptr) {
      for (std::string_view id : applied_ids) observer_->OnApplied(options_.group, SincePublished(id));
    }
    counters_.skipped_duplicates += skipped;
    for (const auto& [index, reason] : failures) {
      held_aggregates_.insert(events[index].field);
      HandleFailure(stream, *events[index].entry, reason);
    }
    return i - start;
  }
  // Every attempt lost to concurrent writers: count a failed delivery for the
  // group's first event and hold its aggregate; the rest waits behind it or
  // is tried again with the next read.
  held_aggregates_.insert(events[start].field);
  HandleFailure(
      stream, *events[start].entry,
      "gave up after " + std::to_string(options_.max_watch_retries) + " conflicting concurrent updates");
  return 1;
}

int64_t ConsumerRunner::DeliveryCount(const std::string& stream, const std::string& id) {
  redis::Reply reply = redis_.Command({"XPENDING", stream, options_.group, id, id, "1"});
  if (!reply.IsArray() || reply.elements.empty() || reply.elements[0].elements.size() < 4) return 0;
  return reply.elements[0].elements[3].integer;
}

void ConsumerRunner::HandleFailure(const std::string& stream, const StreamEntry& entry,
                                   const std::string& reason) {
  counters_.failed_deliveries++;
  const int64_t deliveries = DeliveryCount(stream, entry.id);
  if (DecideOnFailure(deliveries, options_.max_deliveries) == FailureAction::kDeadLetter) {
    DeadLetter(stream, entry, reason, deliveries);
    return;
  }
  spdlog::warn("{}: {} failed to apply {} (delivery {} of {}): {}", options_.group, options_.consumer,
               entry.id, deliveries, options_.max_deliveries, reason);
  history_pending_ = true;
  retry_at_ = Clock::now() + options_.retry_backoff;
}

bool ConsumerRunner::AlreadyDeadLettered(const std::string& stream, const std::string& id) {
  // Dead letters are few and the one looked for is among the newest: the
  // crash this guards against happened just after it was added.
  const redis::Reply recent =
      redis_.Command({"XREVRANGE", DeadLetterStream(options_.group), "+", "-", "COUNT", "100"});
  for (const redis::Reply& item : recent.elements) {
    const StreamEntry letter = ParseEntryReply(item);
    const std::string* letter_stream = letter.Field("stream");
    const std::string* letter_id = letter.Field("id");
    if (letter_stream != nullptr && letter_id != nullptr && *letter_stream == stream && *letter_id == id) {
      return true;
    }
  }
  return false;
}

void ConsumerRunner::DeadLetter(const std::string& stream, const StreamEntry& entry,
                                const std::string& reason, int64_t deliveries) {
  redis::Args add{"XADD",
                  DeadLetterStream(options_.group),
                  "*",
                  "stream",
                  stream,
                  "id",
                  entry.id,
                  "group",
                  options_.group,
                  "consumer",
                  options_.consumer,
                  "deliveries",
                  std::to_string(deliveries),
                  "reason",
                  reason};
  for (const auto& [key, value] : entry.fields) {
    add.push_back(key);
    add.push_back(value);
  }
  // Two steps, not one transaction: the dead-letter stream and the event's
  // stream are in different hash slots (a cluster cannot commit both at
  // once). A crash between them leaves the entry pending; its next failed
  // delivery finds it already set aside and only acknowledges it.
  if (!AlreadyDeadLettered(stream, entry.id)) redis_.Command(add);
  redis_.Command({"XACK", stream, options_.group, entry.id});
  counters_.dead_lettered++;
  if (observer_ != nullptr) observer_->OnDeadLettered(options_.group);
  spdlog::error("{}: dead-lettered {} from {} after {} deliveries: {}", options_.group, entry.id, stream,
                deliveries, reason);
}

}  // namespace ansinh::events
