// Consumed stream entries are trimmed by their publisher (docs/operations.md,
// "Stream retention"): with a zero retention, once every consumer group has
// acknowledged an entry it goes, while an entry a group has not yet read, or
// read and not acknowledged, stays. Nothing is lost on the way: the ward's
// review runs to approval and monitoring saw every event.
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "fault_fixture.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::CliRun;
using testkit::Eventually;
using testkit::WardStack;

constexpr int kRetentionHouseholds = 300;
constexpr auto kRetentionCatchUp = std::chrono::seconds(90);

std::map<std::string, std::vector<std::string>> TrimEverySecond() {
  std::map<std::string, std::vector<std::string>> flags;
  for (const auto& service : WardStack::ServiceNames()) {
    flags[service] = {"--stream-retention-seconds", "0", "--stream-trim-interval-seconds", "1"};
  }
  return flags;
}

class StreamRetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_.Start();
    redis_ = std::make_unique<redis::Connection>(stack_.redis().Options("retention-test"));
  }

  long long Length(const std::string& stream) { return redis_->Command({"XLEN", stream}).AsInteger(); }

  // Entries ever appended (XINFO STREAM entries-added), trimmed or not.
  long long Added(const std::string& stream) {
    const redis::Reply info = redis_->Command({"XINFO", "STREAM", stream});
    for (size_t i = 0; i + 1 < info.elements.size(); i += 2) {
      if (info.elements[i].str == "entries-added") return info.elements[i + 1].integer;
    }
    return -1;
  }

  std::string FirstId(const std::string& stream) {
    const redis::Reply first = redis_->Command({"XRANGE", stream, "-", "+", "COUNT", "1"});
    return first.elements.empty() ? "" : first.elements[0].elements[0].str;
  }

  bool Drained() {
    for (const std::string service : {"classification", "assignment", "monitoring"}) {
      auto operations = v1::Operations::NewStub(stack_.service(service).channel());
      v1::ServiceInfo info;
      if (!operations
               ->GetServiceInfo(AuthorizedContext(stack_.tokens().officer).get(), v1::GetServiceInfoRequest{},
                                &info)
               .ok())
        return false;
      for (const v1::ConsumerStreamInfo& stream : info.consumed()) {
        if (stream.lag() != 0 || stream.pending() != 0) return false;
      }
    }
    return true;
  }

  WardStack stack_{TrimEverySecond()};
  std::unique_ptr<redis::Connection> redis_;
};

TEST_F(StreamRetentionTest, AcknowledgedEntriesGoAndUnacknowledgedOnesStay) {
  const std::string registry_stream = events::EventStream("registry", 0);
  // A consumer group that reads ten entries and acknowledges none: the
  // publisher must keep them, and everything after them.
  redis_->Command({"XGROUP", "CREATE", registry_stream, "laggard", "0", "MKSTREAM"});

  const CliRun load = testkit::RunCli(stack_, stack_.tokens().officer,
                                      {"demo", "load", "--households", std::to_string(kRetentionHouseholds)},
                                      std::chrono::seconds(60));
  ASSERT_EQ(load.exit_code, 0) << load.output;
  const redis::Reply read = redis_->Command(
      {"XREADGROUP", "GROUP", "laggard", "reader", "COUNT", "10", "STREAMS", registry_stream, ">"});
  const std::string oldest_pending = read.elements.at(0).elements.at(1).elements.at(0).elements.at(0).str;
  const CliRun review = testkit::RunCli(stack_, stack_.tokens().officer, {"review", "demo", "--year", "2025"},
                                        std::chrono::seconds(120));
  ASSERT_EQ(review.exit_code, 0) << review.output;
  ASSERT_TRUE(Eventually([&] { return Drained(); }, kRetentionCatchUp));

  // The classification stream has no laggard: trimmed down to less than one
  // radix-tree node (XTRIM MINID ~ frees whole nodes of 100 entries).
  const std::string classification_stream = events::EventStream("classification", 0);
  const long long published = Added(classification_stream);
  ASSERT_GT(published, 2 * kRetentionHouseholds) << "surveys classified and statuses approved";
  ASSERT_TRUE(Eventually([&] { return Length(classification_stream) < 100; }, kRetentionCatchUp))
      << Length(classification_stream) << " of " << published << " entries left";

  // The registry stream keeps the laggard's pending entries and what follows.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(FirstId(registry_stream), oldest_pending);
  EXPECT_EQ(Length(registry_stream), Added(registry_stream));

  // Nothing was lost for the consumers: monitoring saw every event published.
  auto monitoring = v1::Monitoring::NewStub(stack_.service("monitoring").channel());
  v1::GetSeenResponse seen;
  ASSERT_TRUE(
      monitoring->GetSeen(AuthorizedContext(stack_.tokens().officer).get(), v1::GetSeenRequest{}, &seen)
          .ok());
  long long seen_classification = 0;
  for (const auto& stream : seen.streams()) {
    if (stream.stream() == classification_stream)
      seen_classification = static_cast<long long>(stream.events_consumed());
  }
  EXPECT_EQ(seen_classification, published);

  // Once the laggard is gone, the registry stream is trimmed too.
  redis_->Command({"XGROUP", "DESTROY", registry_stream, "laggard"});
  EXPECT_TRUE(Eventually([&] { return Length(registry_stream) < 100; }, kRetentionCatchUp))
      << Length(registry_stream) << " of " << Added(registry_stream) << " entries left";
}

}  // namespace
}  // namespace ansinh
