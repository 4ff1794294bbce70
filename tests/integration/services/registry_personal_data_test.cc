// Household records and surveys at rest: their personal fields sealed with
// the household's data key (docs/data-protection.md, "Keys"), every read
// answering them whole, records stored in clear before still read and sealed
// by their next change.
#include <gmock/gmock.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "ansinh/v1/personal_data.pb.h"
#include "personal_data/data_key_rotation.h"
#include "personal_data/household_data_keys.h"
#include "personal_data/sealed_record.h"
#include "registry_test_fixture.h"
#include "security_test_support.h"

namespace ansinh::registry::testkit {
namespace {

using personal_data::HouseholdDataKeys;
using personal_data::IsSealedRecord;

class RegistryPersonalDataTest : public RegistryTest {
 protected:
  std::string StoredRecord(const std::string& household_id) {
    return Redis().Command({"HGET", "ansinh:{p0}:registry:household:" + household_id, "record"}).str;
  }
  redis::Reply StoredDataKey(const std::string& household_id) {
    return Redis().Command({"HGET", HouseholdDataKeys::KeysKey(0), household_id});
  }
  v1::GetHouseholdRecordResponse Record(const std::string& household_id) {
    v1::GetHouseholdRecordRequest request;
    request.set_household_id(household_id);
    v1::GetHouseholdRecordResponse response;
    const grpc::Status status = stub_->GetHouseholdRecord(Auditor().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
};

TEST_F(RegistryPersonalDataTest, RecordsAndSurveysAreStoredSealedAndEveryReadAnswersThemWhole) {
  const v1::Household created = Register(Family(30));
  v1::RecordSurveyRequest record;
  *record.mutable_survey() = Survey2025(created.household_id());
  record.set_expected_version(1);
  v1::RecordSurveyResponse recorded;
  const grpc::Status status = stub_->RecordSurvey(Officer().get(), record, &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();

  // Redis holds no name, CCCD, address or date of birth of the family.
  const std::string stored = StoredRecord(created.household_id());
  EXPECT_TRUE(IsSealedRecord(stored));
  for (const std::string& secret :
       std::vector<std::string>{"Nguyễn Thị Hương", "Trần Minh Khôi", NationalId(30), NationalId(31),
                                "kiệt 45 Nguyễn Sinh Cung", "1978-03-02"}) {
    EXPECT_EQ(stored.find(secret), std::string::npos) << secret << " is stored in clear";
  }
  const redis::Reply key = StoredDataKey(created.household_id());
  ASSERT_FALSE(key.IsNil()) << "the household has a data key";
  v1::WrappedDataKey wrapped;
  ASSERT_TRUE(wrapped.ParseFromString(key.str));
  EXPECT_EQ(wrapped.kek_id(), "20260101T000000Z") << "wrapped by the test's KEK";

  const redis::Reply surveys =
      Redis().Command({"LRANGE", "ansinh:{p0}:registry:surveys:" + created.household_id(), "0", "-1"});
  ASSERT_EQ(surveys.elements.size(), 1u);
  ASSERT_TRUE(IsSealedRecord(surveys.elements[0].str));
  v1::Survey without_key;
  EXPECT_EQ(personal_data::ReadStoredRecord(surveys.elements[0].str, without_key, nullptr),
            personal_data::RecordRead::kPersonalFieldsSealed);
  EXPECT_EQ(without_key.income_per_capita_vnd(), 0) << "the income is sealed";
  EXPECT_EQ(without_key.review_year(), 2025) << "what is not personal stays readable";

  // Every read answers the household whole.
  const v1::Household read = Get(created.household_id());
  ASSERT_EQ(read.members_size(), 3);
  EXPECT_EQ(read.members(0).full_name(), "Nguyễn Thị Hương");
  EXPECT_EQ(read.members(0).national_id(), NationalId(30));
  EXPECT_EQ(read.address(), created.address());
  const v1::GetHouseholdRecordResponse whole = Record(created.household_id());
  ASSERT_EQ(whole.surveys_size(), 1);
  EXPECT_EQ(whole.surveys(0).income_per_capita_vnd(), 1'650'000);
  EXPECT_EQ(whole.household().members(2).full_name(), "Trần Minh Khôi");
}

TEST_F(RegistryPersonalDataTest, EventsCarryPersonalFieldsSealedAndOpenWholeWithTheHouseholdsKey) {
  const v1::Household created = Register(Family(40));
  v1::RecordSurveyRequest record;
  *record.mutable_survey() = Survey2025(created.household_id());
  record.set_expected_version(1);
  v1::RecordSurveyResponse recorded;
  ASSERT_TRUE(stub_->RecordSurvey(Officer().get(), record, &recorded).ok());

  // The stream holds neither names nor CCCDs nor the address in clear.
  const redis::Reply entries = Redis().Command({"XRANGE", kRegistryStream, "-", "+"});
  std::string stream_bytes;
  for (const redis::Reply& item : entries.elements) {
    for (const redis::Reply& field : item.elements[1].elements) stream_bytes += field.str;
  }
  for (const std::string& secret :
       std::vector<std::string>{"Nguyễn Thị Hương", "Trần Minh Khôi", NationalId(40), NationalId(41),
                                "kiệt 45 Nguyễn Sinh Cung"}) {
    EXPECT_EQ(stream_bytes.find(secret), std::string::npos) << secret << " is in the stream in clear";
  }
  const std::vector<v1::EventEnvelope> stored = StoredEvents();
  ASSERT_EQ(stored.size(), 2u);
  for (const v1::EventEnvelope& event : stored) {
    EXPECT_TRUE(event.has_personal()) << event.event_type();
    EXPECT_EQ(event.personal().key_owner(), created.household_id());
  }
  v1::SurveyRecorded sealed_survey;
  ASSERT_TRUE(stored[1].payload().UnpackTo(&sealed_survey));
  EXPECT_EQ(sealed_survey.survey().income_per_capita_vnd(), 0) << "the income is sealed";
  EXPECT_EQ(sealed_survey.survey().review_year(), 2025) << "what is not personal stays readable";

  // A consumer holding the key reads them whole.
  const std::vector<v1::EventEnvelope> opened = Events();
  v1::HouseholdRegistered registered;
  ASSERT_TRUE(opened[0].payload().UnpackTo(&registered));
  EXPECT_FALSE(opened[0].has_personal());
  EXPECT_EQ(registered.household().members(0).full_name(), "Nguyễn Thị Hương");
  EXPECT_EQ(registered.household().members(0).national_id(), NationalId(40));
  EXPECT_EQ(registered.household().address(), created.address());
  v1::SurveyRecorded opened_survey;
  ASSERT_TRUE(opened[1].payload().UnpackTo(&opened_survey));
  EXPECT_EQ(opened_survey.survey().income_per_capita_vnd(), record.survey().income_per_capita_vnd());
}

TEST_F(RegistryPersonalDataTest, AFormerMembersErasureRekeysTheHouseholdAndLeavesTheOthersReadable) {
  const v1::Household created = Register(Family(60));
  v1::RecordSurveyRequest record;
  *record.mutable_survey() = Survey2025(created.household_id());
  record.set_expected_version(1);
  v1::RecordSurveyResponse recorded;
  ASSERT_TRUE(stub_->RecordSurvey(Officer().get(), record, &recorded).ok());
  const std::string leaving = created.members(2).member_id();
  const std::string leaving_name = created.members(2).full_name();
  const std::string key_before = StoredDataKey(created.household_id()).str;

  v1::EraseHouseholdRequest erase;
  erase.set_household_id(created.household_id());
  erase.set_expected_version(recorded.household_version());
  erase.set_reason(v1::ERASURE_REASON_SUBJECT_REQUEST);
  erase.set_reference("Đơn số 09/ĐN");
  erase.set_member_id(leaving);
  v1::EraseHouseholdResponse erased;
  grpc::Status status = stub_->EraseHousehold(Officer().get(), erase, &erased);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << "still a member";
  EXPECT_EQ(ansinh::testkit::CatalogKeyOf(status).key, "error.member.erase_current");

  v1::RemoveMemberRequest remove;
  remove.set_household_id(created.household_id());
  remove.set_expected_version(Get(created.household_id()).version());
  remove.set_member_id(leaving);
  remove.set_reason("chuyển đi làm ăn xa");
  v1::RemoveMemberResponse removed;
  status = stub_->RemoveMember(Officer().get(), remove, &removed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const size_t events_before = StoredEvents().size();
  erase.set_expected_version(removed.household().version());
  status = stub_->EraseHousehold(Officer().get(), erase, &erased);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(erased.household().has_erasure()) << "the household itself is not erased";

  // The survey keeps the former member's place without their data; the
  // others read whole, sealed with the household's new key.
  const v1::GetHouseholdRecordResponse after = Record(created.household_id());
  ASSERT_EQ(after.surveys_size(), 1);
  bool found = false;
  for (const v1::Member& member : after.surveys(0).members()) {
    if (member.member_id() == leaving) {
      found = true;
      EXPECT_TRUE(member.full_name().empty());
      EXPECT_TRUE(member.national_id().empty());
      EXPECT_TRUE(member.date_of_birth().empty());
      EXPECT_EQ(member.erasure().reference(), "Đơn số 09/ĐN");
    } else {
      EXPECT_FALSE(member.full_name().empty()) << member.member_id();
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(after.DebugString().find(leaving_name), std::string::npos);
  const std::string key_after = StoredDataKey(created.household_id()).str;
  EXPECT_FALSE(key_after.empty());
  EXPECT_NE(key_after, key_before) << "a new data key";

  // Every event about the household published before the erasure is sealed
  // with the destroyed key: a consumer holding the household's key now opens
  // none of them. (Auditors' reads are events too, with nothing sealed.)
  const std::vector<v1::EventEnvelope> opened = Events();
  ASSERT_GT(opened.size(), events_before);
  int household_events = 0;
  for (size_t i = 0; i < events_before; ++i) {
    if (opened[i].aggregate_type() != "household") continue;
    ++household_events;
    EXPECT_TRUE(opened[i].has_personal()) << opened[i].event_type() << " still opens";
  }
  EXPECT_EQ(household_events, 3) << "registered, survey recorded, member removed";
  bool erasure_published = false;
  for (size_t i = events_before; i < opened.size(); ++i) {
    erasure_published = erasure_published || opened[i].event_type() == "registry.household_erased.v1";
  }
  EXPECT_TRUE(erasure_published);
}

TEST_F(RegistryPersonalDataTest, ARecordStoredInClearBeforeReadsAndIsSealedByItsNextChange) {
  const v1::Household created = Register(Family(40));
  // As an earlier version stored it: in clear, and no data key.
  Redis().Command({"HSET", "ansinh:{p0}:registry:household:" + created.household_id(), "record",
                   created.SerializeAsString()});
  Redis().Command({"HDEL", HouseholdDataKeys::KeysKey(0), created.household_id()});
  EXPECT_EQ(Get(created.household_id()).members(0).full_name(), "Nguyễn Thị Hương");

  v1::UpdateHouseholdRequest update;
  update.set_household_id(created.household_id());
  update.set_expected_version(1);
  update.set_address("số 2 Kim Trà, phường Hương Xuân");
  v1::UpdateHouseholdResponse updated;
  const grpc::Status status = stub_->UpdateHousehold(Officer().get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();

  EXPECT_TRUE(IsSealedRecord(StoredRecord(created.household_id())));
  EXPECT_FALSE(StoredDataKey(created.household_id()).IsNil()) << "a data key made with the change";
  const v1::Household read = Get(created.household_id());
  EXPECT_EQ(read.address(), "số 2 Kim Trà, phường Hương Xuân");
  EXPECT_EQ(read.members(1).full_name(), "Trần Văn Bình");
}

TEST_F(RegistryPersonalDataTest, ASealedRecordWithoutItsDataKeyIsRefusedNotAnsweredWithoutNames) {
  const v1::Household created = Register(Family(50));
  Redis().Command({"HDEL", HouseholdDataKeys::KeysKey(0), created.household_id()});

  v1::GetHouseholdRequest request;
  request.set_household_id(created.household_id());
  v1::GetHouseholdResponse response;
  const grpc::Status status = stub_->GetHousehold(Auditor().get(), request, &response);
  EXPECT_FALSE(status.ok()) << "a household without names would be saved so by its next change";
  EXPECT_TRUE(response.household().members().empty());
}

TEST_F(RegistryPersonalDataTest, RotatingTheKekWhileHouseholdsAreRegisteredLeavesEveryHouseholdReadable) {
  std::vector<std::string> households;
  for (int i = 0; i < 5; ++i) households.push_back(Register(Family(100 + 2 * i)).household_id());
  // Households keep arriving during the whole rotation.
  std::atomic<bool> rotating{true};
  std::vector<std::string> during;
  std::thread writer([&] {
    for (int n = 0; rotating; ++n) during.push_back(Register(Family(1000 + 2 * n)).household_id());
  });
  const std::string keys_dir = registry_.PersonalDataKeysDir();
  const security_testing::CommandRun run = security_testing::RunCommand(
      {std::string(ANSINH_BIN_DIR) + "/ansinh", "--lang", "en", "admin", "rotate-data-keys", "--keys-dir",
       keys_dir, "--redis-port", std::to_string(redis_.port()), "--redis-password-file",
       redis_.password_file(), "--retire"});
  rotating = false;
  writer.join();

  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, ::testing::HasSubstr("key-encryption key 20260101T000000Z retired")) << run.output;
  EXPECT_FALSE(std::filesystem::exists(keys_dir + "/20260101T000000Z.kek"));
  ASSERT_GT(during.size(), 0u) << "households were registered during the rotation";
  const std::map<std::string, int64_t> by_kek = personal_data::DataKeysByKek(Redis(), 1);
  ASSERT_EQ(by_kek.size(), 1u) << "every data key wrapped by the new KEK";
  EXPECT_NE(by_kek.begin()->first, "20260101T000000Z");
  EXPECT_EQ(by_kek.begin()->second, static_cast<int64_t>(households.size() + during.size()));

  households.insert(households.end(), during.begin(), during.end());
  households.push_back(Register(Family(5000)).household_id());
  for (const std::string& household : households) {
    const v1::Household read = Get(household);
    ASSERT_EQ(read.members_size(), 3) << household;
    EXPECT_EQ(read.members(1).full_name(), "Trần Văn Bình") << household;
  }
}

}  // namespace
}  // namespace ansinh::registry::testkit
