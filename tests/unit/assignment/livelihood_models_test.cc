// Livelihood models as records: what an upsert accepts, who may make it, and
// that an identical upsert publishes nothing.
#include "assignment/core/livelihood_models.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testkit::Auditor;
using testkit::Officer;
using testkit::Staff;
using testkit::World;

class LivelihoodModelTest : public ::testing::Test {
 protected:
  static v1::UpsertLivelihoodModelRequest CattleModel() {
    v1::UpsertLivelihoodModelRequest request;
    v1::LivelihoodModel& model = *request.mutable_model();
    model.set_model_id("bo-giong-tdp01");
    model.set_name("Nuôi bò sinh sản TDP 1");
    model.set_kind(v1::LIVELIHOOD_MODEL_KIND_LIVESTOCK);
    model.set_organization_id("womens-union");
    model.set_started_on("2025-03-01");
    model.set_resources_vnd(200'000'000);
    model.set_resources_description("20 con bò giống, 2 lớp tập huấn");
    model.add_residential_groups("TDP-01");
    request.set_reason("nghị quyết của Đảng ủy phường");
    return request;
  }

  Result<LivelihoodModelChange> Upsert(const v1::UpsertLivelihoodModelRequest& request,
                                       const v1::Actor& actor,
                                       const v1::LivelihoodModel* existing = nullptr) const {
    return UpsertLivelihoodModel(request, existing, world_.Context(actor, "2025-06-01"));
  }

  World world_;
};

TEST_F(LivelihoodModelTest, ANewModelIsVersionOneWithItsEvent) {
  const Result<LivelihoodModelChange> change = Upsert(CattleModel(), Officer());
  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_TRUE(change.value().created);
  EXPECT_EQ(change.value().model.version(), 1u);
  ASSERT_EQ(change.value().events.size(), 1u);
  const PublishedEvent& event = change.value().events[0];
  EXPECT_EQ(event.event_type, "assignment.livelihood_model_upserted.v1");
  EXPECT_EQ(event.aggregate_type, "livelihood_model");
  EXPECT_EQ(event.aggregate_id, "bo-giong-tdp01");
  EXPECT_EQ(event.aggregate_version, 1u);
  EXPECT_TRUE(event.household_id.empty());
  const auto& payload = std::get<v1::LivelihoodModelUpserted>(event.payload);
  EXPECT_TRUE(payload.created());
  EXPECT_EQ(payload.model().resources_vnd(), 200'000'000);
  EXPECT_EQ(payload.reason(), "nghị quyết của Đảng ủy phường");
}

TEST_F(LivelihoodModelTest, AChangeIncrementsTheVersionAndTheSameContentChangesNothing) {
  v1::LivelihoodModel stored = CattleModel().model();
  stored.set_version(3);
  const Result<LivelihoodModelChange> same = Upsert(CattleModel(), Officer(), &stored);
  ASSERT_TRUE(same.ok()) << same.error().message;
  EXPECT_FALSE(same.value().created);
  EXPECT_TRUE(same.value().events.empty());
  EXPECT_EQ(same.value().model.version(), 3u);

  v1::UpsertLivelihoodModelRequest ended = CattleModel();
  ended.mutable_model()->set_ended_on("2025-05-31");
  const Result<LivelihoodModelChange> changed = Upsert(ended, Officer(), &stored);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed.value().model.version(), 4u);
  ASSERT_EQ(changed.value().events.size(), 1u);
  EXPECT_FALSE(std::get<v1::LivelihoodModelUpserted>(changed.value().events[0].payload).created());
}

TEST_F(LivelihoodModelTest, BadInputNamesEachField) {
  v1::UpsertLivelihoodModelRequest request;
  v1::LivelihoodModel& model = *request.mutable_model();
  model.set_model_id("Bò Giống");
  model.set_kind(v1::LIVELIHOOD_MODEL_KIND_OTHER);
  model.set_organization_id("womens-union");
  model.set_started_on("2025-06-02");
  model.set_ended_on("2025-13-01");
  model.set_resources_vnd(-1);
  model.set_resources_description(std::string(501, 'x'));
  model.add_residential_groups("TDP-01");
  model.add_residential_groups("TDP-01");
  model.add_residential_groups(" ");
  const Result<LivelihoodModelChange> change = Upsert(request, Officer());
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(testkit::ViolationFields(change.error()),
              ElementsAre("model.model_id", "model.name", "model.started_on", "model.ended_on",
                          "model.resources_vnd", "model.resources_description", "model.residential_groups[1]",
                          "model.residential_groups[2]", "model.description", "reason"));
}

TEST_F(LivelihoodModelTest, TheOrganizationMustExistAndTheEndMustFollowTheStart) {
  v1::UpsertLivelihoodModelRequest request = CattleModel();
  request.mutable_model()->set_organization_id("no-such-union");
  request.mutable_model()->set_ended_on("2025-02-28");
  request.mutable_model()->clear_kind();
  const Result<LivelihoodModelChange> change = Upsert(request, Officer());
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().violations,
            (FieldViolations{{"model.kind", "must name a kind (LIVESTOCK, CROPS, TRADE, ...)"},
                             {"model.organization_id", "names no organization (\"no-such-union\")"},
                             {"model.ended_on", "must not be before the model started on 2025-03-01"}}));
  // An end still to come is a planned end.
  request = CattleModel();
  request.mutable_model()->set_ended_on("2026-12-31");
  EXPECT_TRUE(Upsert(request, Officer()).ok());
}

TEST_F(LivelihoodModelTest, StaffChangeOnlyTheModelsTheirOrganizationRuns) {
  EXPECT_TRUE(Upsert(CattleModel(), Staff("womens-union")).ok());

  const Result<LivelihoodModelChange> other = Upsert(CattleModel(), Staff("farmers-union"));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(other.error().key, "error.livelihood.other_organization");
  EXPECT_THAT(other.error().message, HasSubstr("it would be run by womens-union"));

  // Handing one's model to another organization is refused too, and so is
  // taking over another organization's model.
  v1::LivelihoodModel stored = CattleModel().model();
  v1::UpsertLivelihoodModelRequest handed = CattleModel();
  handed.mutable_model()->set_organization_id("farmers-union");
  EXPECT_EQ(Upsert(handed, Staff("womens-union"), &stored).error().code, ErrorCode::kPermissionDenied);
  const Result<LivelihoodModelChange> taken = Upsert(handed, Staff("farmers-union"), &stored);
  ASSERT_FALSE(taken.ok());
  EXPECT_THAT(taken.error().message, HasSubstr("it is run by womens-union"));
  EXPECT_TRUE(Upsert(handed, Officer(), &stored).ok());

  EXPECT_EQ(Upsert(CattleModel(), Auditor()).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Upsert(CattleModel(), testkit::Service()).error().code, ErrorCode::kPermissionDenied);
}

TEST_F(LivelihoodModelTest, AModelHasEndedOnlyAfterItsLastDay) {
  v1::LivelihoodModel model = CattleModel().model();
  EXPECT_FALSE(ModelHasEnded(model, testkit::D("2030-01-01")));
  model.set_ended_on("2025-05-31");
  EXPECT_FALSE(ModelHasEnded(model, testkit::D("2025-05-31")));
  EXPECT_TRUE(ModelHasEnded(model, testkit::D("2025-06-01")));
}

}  // namespace
}  // namespace ansinh::assignment
