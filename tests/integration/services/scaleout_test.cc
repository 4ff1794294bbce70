// Several instances of each consumer service in one consumer group, over
// partitioned streams (docs/operations.md, "Scaling"): the instances divide
// the partitions between them by lease, so the work is shared, every event is
// applied exactly once, and each household's events are applied in order.
// The proof is in Redis and in what the services publish and answer: one
// classification per survey, one case per poor or near-poor household,
// monitoring's counts and audit chain equal to the streams, applied marks
// without gaps, timelines in version order, and every instance's counters.
#include <map>
#include <set>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "events/applied_versions.h"
#include "fault_fixture.h"
#include "monitoring/adapters/audit_log.h"
#include "monitoring/adapters/audit_outbox.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "redis/compressed_value.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::CliRun;
using testkit::Eventually;
using testkit::ServiceProcess;
using testkit::WardStack;

constexpr int kPartitions = 8;
constexpr int kScaleOutHouseholds = 1000;
// Generous: ten service processes share the machine in a Debug build.
constexpr auto kScaleOutCatchUp = std::chrono::seconds(120);
const std::vector<std::string> kConsumers{"classification", "assignment", "monitoring"};

std::map<std::string, std::vector<std::string>> PartitionFlags() {
  std::map<std::string, std::vector<std::string>> flags;
  for (const auto& service : WardStack::ServiceNames())
    flags[service] = {"--partitions", std::to_string(kPartitions)};
  return flags;
}

std::vector<std::string> StreamsOf(std::string_view source) {
  std::vector<std::string> streams;
  for (int partition = 0; partition < kPartitions; ++partition) {
    streams.push_back(events::EventStream(source, partition));
  }
  return streams;
}

// Where an event was published and which version of its aggregate it is.
struct Published {
  std::string stream;
  std::string aggregate;  // "<source>/<type>/<id>", the applied-hash field
  uint64_t version = 0;
};

class ScaleOutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_.Start();
    redis_ = std::make_unique<redis::Connection>(stack_.redis().Options("scaleout-test"));
    for (const auto& service : kConsumers) {
      for (int instance = 2; instance <= kInstances; ++instance) {
        stack_.AddInstance(service, {"--instance-id", std::to_string(instance)});
      }
    }
  }

  CliRun Cli(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
    return testkit::RunCli(stack_, stack_.tokens().officer, args, timeout);
  }

  // The distinct holders of `group`'s partition leases.
  std::set<std::string> LeaseHolders(const std::string& group) {
    std::set<std::string> holders;
    for (int partition = 0; partition < kPartitions; ++partition) {
      redis::Reply holder = redis_->Command({"GET", events::LeaseKey(group, partition)});
      if (!holder.IsNil()) holders.insert(holder.str);
    }
    return holders;
  }

  std::vector<v1::EventEnvelope> ReadAll(std::string_view source) {
    std::vector<v1::EventEnvelope> all;
    for (const auto& stream : StreamsOf(source)) {
      for (auto& event : testkit::ReadStream(*redis_, stream)) {
        published_[event.event_id()] =
            Published{stream, std::string(source) + "/" + event.aggregate_type() + "/" + event.aggregate_id(),
                      event.aggregate_version()};
        all.push_back(std::move(event));
      }
    }
    return all;
  }

  v1::ServiceInfo Info(ServiceProcess& instance) {
    auto stub = v1::Operations::NewStub(instance.channel());
    v1::ServiceInfo info;
    const grpc::Status status = stub->GetServiceInfo(AuthorizedContext(stack_.tokens().officer).get(),
                                                     v1::GetServiceInfoRequest{}, &info);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return info;
  }

  static constexpr int kInstances = 3;
  WardStack stack_{PartitionFlags()};
  std::unique_ptr<redis::Connection> redis_;
  std::map<std::string, Published> published_;  // by event id
};

TEST_F(ScaleOutTest, InstancesShareTheWorkApplyEveryEventOnceAndKeepEachHouseholdInOrder) {
  // Every instance holds some partitions before the work arrives.
  for (const auto& group : kConsumers) {
    ASSERT_TRUE(Eventually([&] { return LeaseHolders(group).size() == static_cast<size_t>(kInstances); },
                           std::chrono::seconds(30)))
        << group << " partitions are held by " << LeaseHolders(group).size() << " instances";
  }

  const CliRun load =
      Cli({"demo", "load", "--households", std::to_string(kScaleOutHouseholds)}, std::chrono::seconds(90));
  ASSERT_EQ(load.exit_code, 0) << load.output;
  const CliRun review = Cli({"review", "demo", "--year", "2025"}, std::chrono::seconds(240));
  ASSERT_EQ(review.exit_code, 0) << review.output;
  EXPECT_NE(review.output.find("approved"), std::string::npos) << review.output;

  const std::vector<std::string> registry_streams = StreamsOf(events::kRegistrySource);
  const std::vector<std::string> classification_streams = StreamsOf(events::kClassificationSource);
  const std::vector<std::string> assignment_streams = StreamsOf(events::kAssignmentSource);
  std::vector<std::string> all_streams = registry_streams;
  all_streams.insert(all_streams.end(), classification_streams.begin(), classification_streams.end());
  all_streams.insert(all_streams.end(), assignment_streams.begin(), assignment_streams.end());
  ASSERT_TRUE(Eventually(
      [&] {
        return testkit::TotalBacklog(*redis_, registry_streams, "classification") == 0 &&
               testkit::TotalBacklog(*redis_, classification_streams, "assignment") == 0 &&
               testkit::TotalBacklog(*redis_, all_streams, "monitoring") == 0;
      },
      kScaleOutCatchUp))
      << "the consumers did not catch up: backlog of classification "
      << testkit::TotalBacklog(*redis_, registry_streams, "classification") << ", assignment "
      << testkit::TotalBacklog(*redis_, classification_streams, "assignment") << ", monitoring "
      << testkit::TotalBacklog(*redis_, all_streams, "monitoring");

  const auto registry_events = ReadAll(events::kRegistrySource);
  const auto classification_events = ReadAll(events::kClassificationSource);
  const auto assignment_events = ReadAll(events::kAssignmentSource);

  // Classification: one proposal per survey.
  std::multiset<std::string> surveyed;
  for (const auto& event : registry_events) {
    if (event.event_type() == "registry.survey_recorded.v1") surveyed.insert(event.household_id());
  }
  ASSERT_EQ(surveyed.size(), static_cast<size_t>(kScaleOutHouseholds));
  std::multiset<std::string> classified;
  for (const auto& event : classification_events) {
    if (event.event_type() == "classification.survey_classified.v1" ||
        event.event_type() == "classification.survey_unclassifiable.v1") {
      classified.insert(event.household_id());
    }
  }
  EXPECT_EQ(classified, surveyed);

  // Assignment: exactly one case per household whose latest status is poor or
  // near-poor (a household's status events are in its one partition, in order).
  std::map<std::string, v1::PovertyCategory> latest_status;
  for (const auto& event : classification_events) {
    if (event.event_type() != "classification.household_status_changed.v1") continue;
    v1::HouseholdStatusChanged changed;
    ASSERT_TRUE(event.payload().UnpackTo(&changed));
    latest_status[changed.household_id()] = changed.category();
  }
  std::multiset<std::string> needing_case;
  for (const auto& [household, category] : latest_status) {
    if (category == v1::POVERTY_CATEGORY_POOR || category == v1::POVERTY_CATEGORY_NEAR_POOR) {
      needing_case.insert(household);
    }
  }
  ASSERT_GT(needing_case.size(), 10u);
  std::multiset<std::string> opened;
  for (const auto& event : assignment_events) {
    if (event.event_type() == "assignment.case_opened.v1") opened.insert(event.household_id());
  }
  EXPECT_EQ(opened, needing_case);
  auto cases = v1::Assignment::NewStub(stack_.service("assignment").channel());
  v1::ListCasesRequest request;
  request.mutable_page()->set_page_size(500);
  std::multiset<std::string> listed;
  do {
    v1::ListCasesResponse response;
    const grpc::Status status =
        cases->ListCases(AuthorizedContext(stack_.tokens().officer).get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    for (const auto& found : response.cases()) {
      listed.insert(found.household_id());
      EXPECT_EQ(found.state(), v1::CASE_STATE_OPEN) << found.case_id();
      EXPECT_EQ(found.category(), latest_status[found.household_id()]) << found.case_id();
    }
    request.mutable_page()->set_page_token(response.page().next_page_token());
  } while (!request.page().page_token().empty());
  EXPECT_EQ(listed, needing_case);

  // Monitoring: every event counted and audited once, the chain intact.
  auto monitoring = v1::Monitoring::NewStub(stack_.service("monitoring").channel());
  v1::GetSeenResponse seen;
  const grpc::Status seen_status =
      monitoring->GetSeen(AuthorizedContext(stack_.tokens().auditor).get(), v1::GetSeenRequest{}, &seen);
  ASSERT_TRUE(seen_status.ok()) << seen_status.error_message();
  std::map<std::string, uint64_t> consumed;
  for (const auto& stream : seen.streams()) consumed[stream.stream()] = stream.events_consumed();
  uint64_t total = 0;
  for (const auto& stream : all_streams) {
    const auto length = static_cast<uint64_t>(redis_->Command({"XLEN", stream}).AsInteger());
    EXPECT_EQ(consumed[stream], length) << stream;
    total += length;
  }
  EXPECT_EQ(total, published_.size());
  EXPECT_EQ(seen.dead_lettered(), 0u);
  EXPECT_EQ(seen.audit_entries(), total);
  v1::VerifyAuditResponse verified;
  const grpc::Status verify = monitoring->VerifyAudit(AuthorizedContext(stack_.tokens().auditor).get(),
                                                      v1::VerifyAuditRequest{}, &verified);
  ASSERT_TRUE(verify.ok()) << verify.error_message();
  EXPECT_TRUE(verified.verification().intact());
  EXPECT_EQ(verified.verification().entries_checked(), total);

  // Order: every household's timeline holds each of its events once, each
  // aggregate's versions ascending.
  std::set<std::string> households(surveyed.begin(), surveyed.end());
  size_t timeline_lines = 0;
  for (const std::string& household : households) {
    const std::string key = "ansinh:" + events::PartitionTag(events::PartitionOf(household, kPartitions)) +
                            ":monitoring:timeline:" + household;
    std::set<std::string> ids;
    std::map<std::string, uint64_t> last_version;  // by aggregate
    // Stored lines are references to audit entries (outbox ordinals of the
    // household's partition): the events they name, in stored order.
    std::vector<uint64_t> ordinals;
    for (const auto& item : redis_->Command({"LRANGE", key, "0", "-1"}).elements) {
      v1::HouseholdTimelineEntry line;
      ASSERT_TRUE(redis::ParseStoredMessage(item.str, line));
      ordinals.push_back(line.audit_outbox_ordinal());
    }
    const int partition = events::PartitionOf(household, kPartitions);
    const monitoring::MonitoringKeys monitoring_keys(kPartitions);
    const std::vector<uint64_t> sequences =
        monitoring::AuditAppender(*redis_, monitoring_keys).SequencesOf(partition, ordinals);
    for (const v1::AuditChainEntry& entry : monitoring::AuditLog(*redis_).EntriesWithSequences(sequences)) {
      EXPECT_TRUE(ids.insert(entry.event_id()).second)
          << household << " sees " << entry.event_id() << " twice";
      const auto found = published_.find(entry.event_id());
      ASSERT_NE(found, published_.end()) << entry.event_id();
      uint64_t& last = last_version[found->second.aggregate];
      EXPECT_GT(found->second.version, last)
          << household << ": " << found->second.aggregate << " out of order";
      last = found->second.version;
      ++timeline_lines;
    }
    EXPECT_FALSE(ids.empty()) << household;
  }
  EXPECT_GE(timeline_lines, registry_events.size());

  // The applied marks: every registry event of every household applied by
  // classification, none missing in between ("N", never "N:gaps").
  std::map<std::string, uint64_t> newest;  // registry aggregate -> highest version
  for (const auto& event : registry_events) {
    const Published& where = published_[event.event_id()];
    newest[where.aggregate] = std::max(newest[where.aggregate], where.version);
  }
  for (const auto& [aggregate, version] : newest) {
    const std::string household = aggregate.substr(aggregate.rfind('/') + 1);
    const int partition = events::PartitionOf(household, kPartitions);
    redis::Reply mark = redis_->Command({"HGET", events::AppliedKey("classification", partition), aggregate});
    ASSERT_FALSE(mark.IsNil()) << aggregate;
    EXPECT_EQ(mark.str, std::to_string(version)) << aggregate;
  }

  // The work was shared: every instance of every consumer applied events,
  // and together they applied each event once.
  for (const auto& service : kConsumers) {
    uint64_t applied = 0;
    for (ServiceProcess* instance : stack_.instances(service)) {
      const v1::ServiceInfo info = Info(*instance);
      ASSERT_EQ(info.consumers_size(), 1) << service;
      EXPECT_GT(info.consumers(0).applied(), 0u) << service << " " << info.consumers(0).consumer();
      EXPECT_EQ(info.consumers(0).dead_lettered(), 0u);
      applied += info.consumers(0).applied();
    }
    if (service == "monitoring") {
      EXPECT_EQ(applied, total);
    } else if (service == "classification") {
      EXPECT_EQ(applied, registry_events.size());
    } else {
      // Assignment reads the registry's events too, for their erasures.
      EXPECT_EQ(applied, classification_events.size() + registry_events.size());
    }
  }
}

}  // namespace
}  // namespace ansinh
