// Redis unreachable for a while, two ways: frozen (SIGSTOP: connections stay
// open but nothing answers, like a hung host) and gone (kill -9, restarted
// later). Either way RPCs fail fast with UNAVAILABLE instead of hanging until
// the client's deadline, health turns NOT_SERVING, and once Redis is back the
// services are SERVING again and the classification consumer resumes by
// itself: surveys recorded before and after the outage are all applied.
#include <functional>

#include "ansinh/v1/classification.grpc.pb.h"
#include "fault_fixture.h"
#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

using ansinh::testkit::Eventually;
using grpc::health::v1::HealthCheckResponse;

constexpr auto kClientDeadline = std::chrono::seconds(10);
// Well under the deadline: the services' Redis timeouts, not the client's
// deadline, end a call during an outage.
constexpr auto kFailFast = std::chrono::seconds(3);

class OutageTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    classification_.Start();
    classification_stub_ = v1::Classification::NewStub(classification_.channel());
  }

  // Registers a household with a 2025 survey; the registry acknowledged both.
  std::string Surveyed(int n) {
    const v1::Household household = Register(Family(1000 + 2 * n, "Hộ Khảo Sát " + std::to_string(n)));
    v1::RecordSurveyRequest request;
    *request.mutable_survey() = Survey2025(household.household_id());
    v1::RecordSurveyResponse response;
    const grpc::Status status = stub_->RecordSurvey(Officer().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return household.household_id();
  }

  // True once classification has stored the household's survey.
  bool Classified(const std::string& household_id) {
    v1::ClassifyHouseholdRequest request;
    request.set_household_id(household_id);
    v1::ClassifyHouseholdResponse response;
    return classification_stub_
        ->ClassifyHousehold(AuthorizedContext(tokens_.officer).get(), request, &response)
        .ok();
  }

  struct Timed {
    grpc::Status status;
    std::chrono::milliseconds took{0};
  };

  Timed TimeCall(const std::function<grpc::Status(grpc::ClientContext*)>& call) {
    auto context = AuthorizedContext(tokens_.officer, kClientDeadline);
    const auto start = std::chrono::steady_clock::now();
    Timed timed;
    timed.status = call(context.get());
    timed.took =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    return timed;
  }

  void RunOutage(const std::function<void()>& break_redis, const std::function<void()>& mend_redis) {
    const std::string before = Surveyed(1);
    break_redis();

    // Writes and reads on both services fail fast with UNAVAILABLE.
    for (int attempt = 0; attempt < 2; ++attempt) {
      const Timed create = TimeCall([&](grpc::ClientContext* context) {
        v1::CreateHouseholdRequest request;
        *request.mutable_household() = Family(5000 + 2 * attempt);
        v1::CreateHouseholdResponse response;
        return stub_->CreateHousehold(context, request, &response);
      });
      EXPECT_EQ(create.status.error_code(), grpc::StatusCode::UNAVAILABLE) << create.status.error_message();
      EXPECT_LT(create.took, kFailFast) << "CreateHousehold took " << create.took.count() << " ms";
      const Timed classify = TimeCall([&](grpc::ClientContext* context) {
        v1::ClassifyHouseholdRequest request;
        request.set_household_id(before);
        v1::ClassifyHouseholdResponse response;
        return classification_stub_->ClassifyHousehold(context, request, &response);
      });
      EXPECT_EQ(classify.status.error_code(), grpc::StatusCode::UNAVAILABLE)
          << classify.status.error_message();
      EXPECT_LT(classify.took, kFailFast) << "ClassifyHousehold took " << classify.took.count() << " ms";
    }
    EXPECT_TRUE(registry_.WaitForHealth(HealthCheckResponse::NOT_SERVING, std::chrono::seconds(5)));
    EXPECT_TRUE(classification_.WaitForHealth(HealthCheckResponse::NOT_SERVING, std::chrono::seconds(5)));

    mend_redis();
    EXPECT_TRUE(registry_.WaitForHealth(HealthCheckResponse::SERVING, std::chrono::seconds(15)));
    EXPECT_TRUE(classification_.WaitForHealth(HealthCheckResponse::SERVING, std::chrono::seconds(15)));
    const std::string after = Surveyed(2);

    // The consumer resumed by itself: both surveys are applied.
    EXPECT_TRUE(Eventually([&] { return Classified(before); }, std::chrono::seconds(20)))
        << "the survey recorded before the outage was never applied\n"
        << classification_.log();
    EXPECT_TRUE(Eventually([&] { return Classified(after); }, std::chrono::seconds(20)))
        << "the survey recorded after the outage was never applied\n"
        << classification_.log();
    EXPECT_EQ(ansinh::testkit::Backlog(Redis(), kRegistryStream, "classification"), 0);
  }

  ServiceProcess classification_{
      "classification",
      redis_,
      tokens_.WriteFile(dir_.path()),
      dir_.path(),
      {"--standards-dir", std::string(ANSINH_SOURCE_DIR) + "/services/classification/standards"}};
  std::unique_ptr<v1::Classification::Stub> classification_stub_;
};

TEST_F(OutageTest, FrozenRedisFailsCallsFastAndConsumersResumeAfterIt) {
  RunOutage([&] { redis_.Pause(); }, [&] { redis_.Resume(); });
}

TEST_F(OutageTest, KilledRedisFailsCallsFastAndConsumersResumeAfterItsRestart) {
  RunOutage([&] { redis_.Kill(); }, [&] { redis_.Restart(); });
}

}  // namespace
}  // namespace ansinh::registry::testkit
