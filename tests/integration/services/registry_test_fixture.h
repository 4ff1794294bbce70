#pragma once

// Shared by the registry_*_test.cc integration tests: a real redis-server, the
// real ansinh-registry binary, sample households and surveys, and helpers to
// read back what the registry wrote (every key, the event stream).

#include <gmock/gmock.h>
#include <grpcpp/support/error_details.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ansinh/v1/registry.grpc.pb.h"
#include "bad_request.h"
#include "events/envelope_codec.h"
#include "events/stream_names.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "household_builders.h"
#include "personal_data/envelope_key_opener.h"
#include "redis/redis_connection.h"
#include "redis_server.h"
#include "service_process.h"
#include "test_tokens.h"

namespace ansinh::registry::testkit {

using ansinh::testkit::AuthorizedContext;
using ansinh::testkit::RedisServer;
using ansinh::testkit::ServiceProcess;
using ansinh::testkit::TempDir;
using ansinh::testkit::TestTokens;
using ansinh::testkit::ViolatedFields;
using ansinh::testkit::Violations;

inline const std::string kRegistryStream = events::EventStream(events::kRegistrySource, 0);

// A CCCD unique to `n`: born 1980, province 046.
inline std::string NationalId(int n) {
  char text[16];
  std::snprintf(text, sizeof text, "046080%06d", n);
  return text;
}

inline v1::Member Adult(const std::string& name, v1::Sex sex, const std::string& born,
                        v1::RelationToHead relation, const std::string& national_id) {
  v1::Member member;
  member.set_full_name(name);
  member.set_sex(sex);
  member.set_date_of_birth(born);
  member.set_relation_to_head(relation);
  member.set_national_id(national_id);
  member.set_has_health_insurance(true);
  member.set_education_level(v1::EDUCATION_LEVEL_UPPER_SECONDARY);
  member.set_employment(v1::EMPLOYMENT_SELF_EMPLOYED);
  return member;
}

inline v1::Member Child(const std::string& name, v1::Sex sex, const std::string& born) {
  v1::Member child;
  child.set_full_name(name);
  child.set_sex(sex);
  child.set_date_of_birth(born);
  child.set_relation_to_head(v1::RELATION_TO_HEAD_CHILD);
  child.set_has_health_insurance(true);
  child.set_enrolled_in_school(true);
  child.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
  child.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  child.set_nutrition(v1::NUTRITION_NORMAL);
  return child;
}

// Head, spouse and a child of 9 (in 2026) in TDP-05; CCCDs from `first_id`.
inline v1::Household Family(int first_id, const std::string& head_name = "Nguyễn Thị Hương") {
  v1::Household household;
  household.set_address("số 12 kiệt 45 Nguyễn Sinh Cung, phường Hương Xuân");
  household.set_residential_group("TDP-05");
  *household.add_members() =
      Adult(head_name, v1::SEX_FEMALE, "1978-03-02", v1::RELATION_TO_HEAD_HEAD, NationalId(first_id));
  *household.add_members() = Adult("Trần Văn Bình", v1::SEX_MALE, "1975-11-20", v1::RELATION_TO_HEAD_SPOUSE,
                                   NationalId(first_id + 1));
  *household.add_members() = Child("Trần Minh Khôi", v1::SEX_MALE, "2017-06-30");
  return household;
}

// A complete periodic survey for 2025 under Decree 07/2021.
inline v1::Survey Survey2025(const std::string& household_id) {
  return ansinh::testkit::PeriodicSurvey(household_id, {.survey_date = "2025-10-07",
                                                        .surveyor = "Lê Thị Mai",
                                                        .income_per_capita_vnd = 1'650'000,
                                                        .walls = v1::MATERIAL_QUALITY_DURABLE,
                                                        .floor_area_m2 = 36});
}

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_.Start();
    registry_.Start();
    stub_ = v1::Registry::NewStub(registry_.channel());
  }

  std::unique_ptr<grpc::ClientContext> Officer() { return AuthorizedContext(tokens_.officer); }
  std::unique_ptr<grpc::ClientContext> Auditor() { return AuthorizedContext(tokens_.auditor); }

  // Registers `household`; fails the test if the registry refuses it.
  v1::Household Register(const v1::Household& household) {
    v1::CreateHouseholdRequest request;
    *request.mutable_household() = household;
    v1::CreateHouseholdResponse response;
    const grpc::Status status = stub_->CreateHousehold(Officer().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.household();
  }

  v1::Household Get(const std::string& household_id) {
    v1::GetHouseholdRequest request;
    request.set_household_id(household_id);
    v1::GetHouseholdResponse response;
    const grpc::Status status = stub_->GetHousehold(Auditor().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.household();
  }

  v1::ListHouseholdsResponse List(const std::string& group, v1::HouseholdStatus status, int page_size = 500,
                                  const std::string& page_token = "") {
    v1::ListHouseholdsRequest request;
    request.set_residential_group(group);
    request.set_status(status);
    request.mutable_page()->set_page_size(page_size);
    request.mutable_page()->set_page_token(page_token);
    v1::ListHouseholdsResponse response;
    const grpc::Status result = stub_->ListHouseholds(Auditor().get(), request, &response);
    EXPECT_TRUE(result.ok()) << result.error_message();
    return response;
  }

  redis::Connection& Redis() {
    if (!redis_connection_) redis_connection_ = std::make_unique<redis::Connection>(redis_.Options());
    return *redis_connection_;
  }

  // Every key of the registry with its serialized value (DUMP): equal
  // snapshots mean nothing was written, the event stream included.
  std::map<std::string, std::string> Snapshot() {
    std::map<std::string, std::string> values;
    for (const auto& key : Redis().Command({"KEYS", "ansinh:*"}).elements) {
      values[key.str] = Redis().Command({"DUMP", key.str}).str;
    }
    return values;
  }

  // Every event the registry published, in stream order, opened as a
  // consumer holding the data keys reads them.
  std::vector<v1::EventEnvelope> Events() {
    std::vector<v1::EventEnvelope> envelopes = StoredEvents();
    std::vector<v1::EventEnvelope*> sealed;
    for (v1::EventEnvelope& envelope : envelopes) sealed.push_back(&envelope);
    personal_data::KeyRing ring(registry_.PersonalDataKeysDir());
    EXPECT_THAT(personal_data::EnvelopeKeyOpener(ring).Open(Redis(), 0, sealed), ::testing::IsEmpty());
    return envelopes;
  }

  // Every event the registry published, as stored: personal fields sealed.
  std::vector<v1::EventEnvelope> StoredEvents() {
    std::vector<v1::EventEnvelope> envelopes;
    const redis::Reply entries = Redis().Command({"XRANGE", kRegistryStream, "-", "+"});
    for (const auto& item : entries.elements) {
      std::string error;
      std::optional<v1::EventEnvelope> envelope = events::DecodeEntry(events::ParseEntryReply(item), &error);
      EXPECT_TRUE(envelope.has_value()) << error;
      if (envelope) envelopes.push_back(std::move(*envelope));
    }
    return envelopes;
  }

  TempDir dir_;
  RedisServer redis_{dir_.path()};
  TestTokens tokens_;
  ServiceProcess registry_{"registry", redis_, tokens_.WriteFile(dir_.path()), dir_.path()};
  std::unique_ptr<v1::Registry::Stub> stub_;
  std::unique_ptr<redis::Connection> redis_connection_;
};

}  // namespace ansinh::registry::testkit
