// The retention job (docs/data-protection.md, "Retention"): a household that
// left the ward more than the ward's period ago (5 years in
// services/registry/config/retention.json) is erased by the job, one inside
// its period is not; a dry run erases nothing and says what it would.
#include <gmock/gmock.h>

#include <chrono>

#include "eventually.h"
#include "kernel/ward_clock.h"
#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

using ansinh::testkit::Eventually;

class RegistryRetentionTest : public RegistryTest {
 protected:
  // The ward's today plus five years and a day: a household that left today
  // is past its period then.
  static std::string FiveYearsAndADayLater() {
    return FormatIsoDate(AddDays(AddMonths(WardClock().Today(), 60), 1));
  }

  void MoveOut(v1::Registry::Stub& stub, const v1::Household& household) {
    v1::MoveOutRequest request;
    request.set_household_id(household.household_id());
    request.set_expected_version(household.version());
    request.set_reason("chuyển vào Đà Nẵng");
    v1::MoveOutResponse response;
    const grpc::Status status = stub.MoveOut(Officer().get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // The registry again, its today years later.
  std::unique_ptr<ServiceProcess> Later(std::vector<std::string> extra) {
    registry_.Terminate();
    extra.insert(extra.begin(), {"--today-override", FiveYearsAndADayLater()});
    auto later = std::make_unique<ServiceProcess>("registry", redis_, tokens_.WriteFile(dir_.path()),
                                                  dir_.path(), std::move(extra));
    later->Start();
    return later;
  }

  v1::RetentionReport Run(v1::Registry::Stub& stub, bool dry_run) {
    v1::RunRetentionRequest request;
    request.set_dry_run(dry_run);
    v1::RunRetentionResponse response;
    const grpc::Status status = stub.RunRetention(Officer().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.report();
  }

  static v1::Household GetFrom(v1::Registry::Stub& stub, const std::string& household_id,
                               const std::string& token) {
    v1::GetHouseholdRequest request;
    request.set_household_id(household_id);
    v1::GetHouseholdResponse response;
    EXPECT_TRUE(stub.GetHousehold(AuthorizedContext(token).get(), request, &response).ok());
    return response.household();
  }
};

TEST_F(RegistryRetentionTest, AHouseholdPastItsPeriodIsErasedAndOneInsideItIsNot) {
  const v1::Household long_gone = Register(Family(50, "Võ Thị Lành"));
  MoveOut(*stub_, long_gone);
  EXPECT_EQ(Get(long_gone.household_id()).departed_on(), FormatIsoDate(WardClock().Today()));
  const v1::Household stays = Register(Family(52, "Đoàn Văn Tâm"));

  std::unique_ptr<ServiceProcess> later = Later({"--retention-check-seconds", "3600"});
  auto stub = v1::Registry::NewStub(later->channel());
  // Left "today" in the later ward: inside its period.
  const v1::Household just_gone = GetFrom(*stub, stays.household_id(), tokens_.officer);
  MoveOut(*stub, just_gone);

  // A dry run says what it would erase and erases nothing.
  const v1::RetentionReport dry = Run(*stub, true);
  EXPECT_TRUE(dry.dry_run());
  EXPECT_EQ(dry.period_years(), 5);
  EXPECT_EQ(dry.as_of(), FiveYearsAndADayLater());
  ASSERT_EQ(dry.erased_size(), 1);
  EXPECT_EQ(dry.erased(0).household_id(), long_gone.household_id());
  EXPECT_EQ(dry.erased(0).departed_on(), FormatIsoDate(WardClock().Today()));
  EXPECT_EQ(dry.within_period(), 1);
  EXPECT_FALSE(GetFrom(*stub, long_gone.household_id(), tokens_.officer).has_erasure());

  const v1::RetentionReport done = Run(*stub, false);
  ASSERT_EQ(done.erased_size(), 1);
  EXPECT_EQ(done.failed_size(), 0);
  const v1::Household erased = GetFrom(*stub, long_gone.household_id(), tokens_.officer);
  EXPECT_EQ(erased.erasure().reason(), v1::ERASURE_REASON_RETENTION_ENDED);
  EXPECT_EQ(erased.erasure().erased_on(), FiveYearsAndADayLater());
  EXPECT_TRUE(erased.members(0).full_name().empty());
  const v1::Household kept = GetFrom(*stub, stays.household_id(), tokens_.officer);
  EXPECT_FALSE(kept.has_erasure());
  EXPECT_EQ(kept.members(0).full_name(), "Đoàn Văn Tâm");

  // Run again: nothing more is due.
  EXPECT_EQ(Run(*stub, false).erased_size(), 0);
  later->Terminate();
}

TEST_F(RegistryRetentionTest, TheDailyJobErasesOnItsOwnAndKeepsItsReport) {
  const v1::Household long_gone = Register(Family(54, "Hồ Văn Bảy"));
  MoveOut(*stub_, long_gone);

  std::unique_ptr<ServiceProcess> later = Later({"--retention-check-seconds", "1"});
  auto stub = v1::Registry::NewStub(later->channel());
  ASSERT_TRUE(
      Eventually([&] { return GetFrom(*stub, long_gone.household_id(), tokens_.officer).has_erasure(); },
                 std::chrono::seconds(20)))
      << "the job never erased it";
  const v1::Household erased = GetFrom(*stub, long_gone.household_id(), tokens_.officer);
  EXPECT_EQ(erased.erasure().erased_by(), "retention job");
  v1::RetentionReport last;
  ASSERT_TRUE(last.ParseFromString(Redis().Command({"GET", "ansinh:{ward}:registry:retention:last"}).str));
  EXPECT_FALSE(last.dry_run());
  EXPECT_EQ(last.as_of(), FiveYearsAndADayLater());
  later->Terminate();
}

TEST_F(RegistryRetentionTest, OnlyWardOfficersRunIt) {
  v1::RunRetentionRequest request;
  request.set_dry_run(true);
  v1::RunRetentionResponse response;
  EXPECT_EQ(stub_->RunRetention(Auditor().get(), request, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace ansinh::registry::testkit
