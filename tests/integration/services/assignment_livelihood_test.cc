// Livelihood models through the real ansinh-assignment binary: models
// upserted, listed with their households and guarded by organization;
// households joining in bulk with an outcome each; leaving; support naming
// the model it belongs to; refused input changing nothing.
#include "assignment_test_fixture.h"

namespace ansinh::assignment::testkit {
namespace {

using ansinh::testkit::CatalogKeyOf;

class AssignmentLivelihoodTest : public AssignmentServiceTest {
 protected:
  // A cattle model of the Women's Union for the whole ward, started a month ago.
  static v1::LivelihoodModel CattleModel() {
    v1::LivelihoodModel model;
    model.set_model_id("bo-giong");
    model.set_name("Nuôi bò sinh sản");
    model.set_kind(v1::LIVELIHOOD_MODEL_KIND_LIVESTOCK);
    model.set_organization_id("womens-union");
    model.set_started_on(WardDate(std::chrono::hours(-24 * 30)));
    model.set_resources_vnd(200'000'000);
    model.set_resources_description("20 con bò giống");
    return model;
  }

  grpc::Status Upsert(const v1::LivelihoodModel& model, const std::string& token,
                      v1::UpsertLivelihoodModelResponse* response) {
    v1::UpsertLivelihoodModelRequest request;
    *request.mutable_model() = model;
    request.set_reason("nghị quyết của Đảng ủy phường");
    auto context = AuthorizedContext(token);
    return client().UpsertLivelihoodModel(context.get(), request, response);
  }

  v1::ListLivelihoodModelsResponse List(const std::string& organization_id = "", bool include_ended = false) {
    v1::ListLivelihoodModelsRequest request;
    request.set_organization_id(organization_id);
    request.set_include_ended(include_ended);
    v1::ListLivelihoodModelsResponse response;
    auto context = AuthorizedContext(tokens_.auditor);
    const grpc::Status status = client().ListLivelihoodModels(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  static v1::JoinLivelihoodModelRequest JoinRequest(std::vector<std::string> households) {
    v1::JoinLivelihoodModelRequest request;
    request.set_model_id("bo-giong");
    for (const std::string& household : households) request.add_household_ids(household);
    request.set_joined_on(WardDate());
    request.set_note("nhận 1 con bò cái");
    request.set_reason("họp tổ dân phố");
    return request;
  }

  grpc::Status Join(const v1::JoinLivelihoodModelRequest& request, const std::string& token,
                    v1::JoinLivelihoodModelResponse* response) {
    auto context = AuthorizedContext(token);
    return client().JoinLivelihoodModel(context.get(), request, response);
  }

  long long StreamLength() { return redis().Command({"XLEN", kAssignmentStream}).AsInteger(); }

  void StoreCattleModel() {
    v1::UpsertLivelihoodModelResponse response;
    const grpc::Status status = Upsert(CattleModel(), tokens_.officer, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
};

TEST_F(AssignmentLivelihoodTest, ModelsAreUpsertedListedAndChangedOnlyByTheirOrganization) {
  StartService();
  v1::UpsertLivelihoodModelResponse created;
  grpc::Status status = Upsert(CattleModel(), tokens_.womens_union_staff, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(created.created());
  EXPECT_EQ(created.model().version(), 1u);

  // The same again stores and publishes nothing.
  const long long published = StreamLength();
  v1::UpsertLivelihoodModelResponse same;
  ASSERT_TRUE(Upsert(CattleModel(), tokens_.womens_union_staff, &same).ok());
  EXPECT_FALSE(same.created());
  EXPECT_EQ(same.model().version(), 1u);
  EXPECT_EQ(StreamLength(), published);

  // Another organization's staff, an auditor: refused, nothing changes.
  v1::LivelihoodModel taken = CattleModel();
  taken.set_organization_id("farmers-union");
  v1::UpsertLivelihoodModelResponse refused;
  status = Upsert(taken, tokens_.farmers_union_staff, &refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
  EXPECT_EQ(CatalogKeyOf(status).key, "error.livelihood.other_organization");
  EXPECT_EQ(Upsert(CattleModel(), tokens_.auditor, &refused).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(StreamLength(), published);

  // An officer hands it to the Farmers' Union: version 2, one more event.
  v1::UpsertLivelihoodModelResponse handed;
  ASSERT_TRUE(Upsert(taken, tokens_.officer, &handed).ok());
  EXPECT_EQ(handed.model().version(), 2u);
  std::vector<v1::EventEnvelope> events;
  for (const v1::EventEnvelope& envelope : AssignmentEvents()) {
    if (envelope.aggregate_type() == "livelihood_model") events.push_back(envelope);
  }
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].event_type(), "assignment.livelihood_model_upserted.v1");
  EXPECT_EQ(events[1].aggregate_id(), "bo-giong");
  EXPECT_EQ(events[1].aggregate_version(), 2u);
  EXPECT_TRUE(events[1].household_id().empty());
  EXPECT_EQ(events[1].actor().role(), v1::ROLE_WARD_OFFICER);
  v1::LivelihoodModelUpserted payload;
  ASSERT_TRUE(events[1].payload().UnpackTo(&payload));
  EXPECT_EQ(payload.model().organization_id(), "farmers-union");
  EXPECT_FALSE(payload.created());

  // A model that ended yesterday is listed only when asked for.
  v1::LivelihoodModel ended = CattleModel();
  ended.set_model_id("rau-sach");
  ended.set_kind(v1::LIVELIHOOD_MODEL_KIND_CROPS);
  ended.set_name("Trồng rau sạch");
  ended.set_ended_on(WardDate(std::chrono::hours(-24)));
  ASSERT_TRUE(Upsert(ended, tokens_.officer, &created).ok());
  v1::ListLivelihoodModelsResponse listed = List();
  ASSERT_EQ(listed.models_size(), 1);
  EXPECT_EQ(listed.models(0).model().model_id(), "bo-giong");
  EXPECT_EQ(listed.models(0).households_joined(), 0);
  listed = List("", /*include_ended=*/true);
  ASSERT_EQ(listed.models_size(), 2);
  EXPECT_EQ(listed.models(1).model().model_id(), "rau-sach");
  EXPECT_EQ(List("womens-union", true).models_size(), 1);
  EXPECT_EQ(List("farmers-union", true).models(0).model().model_id(), "bo-giong");

  v1::ListLivelihoodModelsRequest unknown;
  unknown.set_organization_id("no-such-union");
  v1::ListLivelihoodModelsResponse none;
  auto context = AuthorizedContext(tokens_.womens_union_staff);
  status = client().ListLivelihoodModels(context.get(), unknown, &none);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"organization_id"});
}

TEST_F(AssignmentLivelihoodTest, BadModelsAreRefusedNamingEachFieldAndChangeNothing) {
  StartService();
  const long long published = StreamLength();
  v1::LivelihoodModel bad = CattleModel();
  bad.set_model_id("Bò Giống");
  bad.set_organization_id("no-such-union");
  bad.set_started_on(WardDate(std::chrono::hours(24 * 3)));
  bad.set_resources_vnd(-5);
  bad.set_kind(v1::LIVELIHOOD_MODEL_KIND_OTHER);
  v1::UpsertLivelihoodModelResponse response;
  const grpc::Status status = Upsert(bad, tokens_.officer, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(ViolatedFields(status),
            (std::vector<std::string>{"model.model_id", "model.organization_id", "model.started_on",
                                      "model.resources_vnd", "model.description"}));
  EXPECT_EQ(StreamLength(), published);
  EXPECT_EQ(List("", true).models_size(), 0);
}

TEST_F(AssignmentLivelihoodTest, HouseholdsJoinInBulkEachWithItsOutcome) {
  StartService();
  StoreCattleModel();
  const v1::Case first = OpenCase("HH-000001", "TDP-01");
  const v1::Case second = OpenCase("HH-000002", "TDP-01");
  const v1::Case farmers = OpenCase("HH-000003", "TDP-02");

  v1::JoinLivelihoodModelResponse joined;
  grpc::Status status = Join(JoinRequest({"HH-000001", "HH-000003", "HH-000099", "HH-000002"}),
                             tokens_.womens_union_staff, &joined);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(joined.outcomes_size(), 4);
  EXPECT_TRUE(joined.outcomes(0).done());
  EXPECT_EQ(joined.outcomes(0).case_id(), first.case_id());
  // The Farmers' Union's household: refused for the Women's Union's staff.
  EXPECT_FALSE(joined.outcomes(1).done());
  EXPECT_FALSE(joined.outcomes(1).already());
  EXPECT_EQ(joined.outcomes(1).refusal_text().key(), "error.case.other_organization");
  EXPECT_NE(joined.outcomes(1).refusal().find("farmers-union is responsible"), std::string::npos)
      << joined.outcomes(1).refusal();
  // No case at all.
  EXPECT_EQ(joined.outcomes(2).household_id(), "HH-000099");
  EXPECT_TRUE(joined.outcomes(2).case_id().empty());
  EXPECT_EQ(joined.outcomes(2).refusal_text().key(), "error.case.none_for_household");
  EXPECT_TRUE(joined.outcomes(3).done());

  const v1::Case stored = GetCase(first.case_id(), tokens_.auditor);
  ASSERT_EQ(stored.participations_size(), 1);
  EXPECT_EQ(stored.participations(0).model_id(), "bo-giong");
  EXPECT_EQ(stored.participations(0).joined_on(), WardDate());
  EXPECT_EQ(stored.participations(0).note(), "nhận 1 con bò cái");
  EXPECT_EQ(stored.version(), first.version() + 1);
  EXPECT_EQ(stored.history().rbegin()->action(), v1::CASE_ACTION_MODEL_JOINED);
  EXPECT_EQ(GetCase(farmers.case_id(), tokens_.auditor).participations_size(), 0);
  EXPECT_EQ(EventTypesOf(first.case_id()).back(), "assignment.model_joined.v1");
  for (const v1::EventEnvelope& envelope : AssignmentEvents()) {
    if (envelope.event_type() != "assignment.model_joined.v1" || envelope.aggregate_id() != first.case_id()) {
      continue;
    }
    EXPECT_EQ(envelope.household_id(), "HH-000001");
    EXPECT_EQ(envelope.aggregate_version(), stored.version());
    v1::ModelParticipationChanged payload;
    ASSERT_TRUE(envelope.payload().UnpackTo(&payload));
    EXPECT_EQ(payload.organization_id(), "womens-union");
    EXPECT_EQ(payload.participation().model_id(), "bo-giong");
  }

  // Again: "already", nothing published; an officer joins the third.
  const long long published = StreamLength();
  ASSERT_TRUE(Join(JoinRequest({"HH-000001"}), tokens_.officer, &joined).ok());
  ASSERT_EQ(joined.outcomes_size(), 1);
  EXPECT_TRUE(joined.outcomes(0).already());
  EXPECT_EQ(StreamLength(), published);
  ASSERT_TRUE(Join(JoinRequest({"HH-000003"}), tokens_.officer, &joined).ok());
  EXPECT_TRUE(joined.outcomes(0).done());

  const v1::ListLivelihoodModelsResponse listed = List();
  ASSERT_EQ(listed.models_size(), 1);
  EXPECT_EQ(listed.models(0).households_joined(), 3);
  EXPECT_EQ(listed.models(0).households_taking_part(), 3);
}

TEST_F(AssignmentLivelihoodTest, ABadJoinIsRefusedWholeAndChangesNothing) {
  StartService();
  StoreCattleModel();
  const v1::Case opened = OpenCase("HH-000001", "TDP-01");
  const long long published = StreamLength();

  v1::JoinLivelihoodModelRequest request = JoinRequest({"HH-000001", "HH-000001"});
  request.set_joined_on(WardDate(std::chrono::hours(48)));
  request.clear_reason();
  v1::JoinLivelihoodModelResponse response;
  grpc::Status status = Join(request, tokens_.officer, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(ViolatedFields(status), (std::vector<std::string>{"household_ids[1]", "joined_on", "reason"}));

  request = JoinRequest({"HH-000001"});
  request.set_model_id("no-such-model");
  status = Join(request, tokens_.officer, &response);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"model_id"});
  request = JoinRequest({"HH-000001"});
  request.set_joined_on(WardDate(std::chrono::hours(-24 * 31)));
  status = Join(request, tokens_.officer, &response);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"joined_on"});
  // An auditor is refused for the role before the request is read.
  status = Join(JoinRequest({"HH-000001"}), tokens_.auditor, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  EXPECT_EQ(StreamLength(), published);
  EXPECT_EQ(GetCase(opened.case_id(), tokens_.auditor).participations_size(), 0);
}

TEST_F(AssignmentLivelihoodTest, SupportNamesTheModelAndTheHouseholdLeavesIt) {
  StartService();
  StoreCattleModel();
  const v1::Case opened = OpenCase("HH-000001", "TDP-01");
  v1::AssignHelperRequest assign;
  assign.set_case_id(opened.case_id());
  assign.set_helper_id("women-02");
  assign.set_reason("ở gần nhà");
  v1::Case assigned;
  auto assign_context = AuthorizedContext(tokens_.womens_union_staff);
  ASSERT_TRUE(client().AssignHelper(assign_context.get(), assign, &assigned).ok());

  v1::RecordSupportRequest calf;
  calf.set_case_id(opened.case_id());
  calf.set_type(v1::SUPPORT_TYPE_LIVELIHOOD_ASSETS);
  calf.set_amount_vnd(15'000'000);
  calf.set_provider("Hội Phụ nữ phường");
  calf.set_delivered_on(WardDate());
  calf.set_livelihood_model_id("bo-giong");
  calf.set_reason("giao bò giống");
  v1::RecordSupportResponse recorded;
  auto support_context = AuthorizedContext(tokens_.womens_union_staff);
  grpc::Status status = client().RecordSupport(support_context.get(), calf, &recorded);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << "not taking part yet";
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"livelihood_model_id"});

  v1::JoinLivelihoodModelResponse joined;
  ASSERT_TRUE(Join(JoinRequest({"HH-000001"}), tokens_.womens_union_staff, &joined).ok());
  support_context = AuthorizedContext(tokens_.womens_union_staff);
  status = client().RecordSupport(support_context.get(), calf, &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(recorded.support().livelihood_model_id(), "bo-giong");
  bool published = false;
  for (const v1::EventEnvelope& envelope : AssignmentEvents()) {
    if (envelope.event_type() != "assignment.support_recorded.v1") continue;
    v1::SupportRecorded payload;
    ASSERT_TRUE(envelope.payload().UnpackTo(&payload));
    EXPECT_EQ(payload.support().livelihood_model_id(), "bo-giong");
    EXPECT_EQ(payload.helper_id(), "women-02");
    published = true;
  }
  EXPECT_TRUE(published);

  v1::LeaveLivelihoodModelRequest leave;
  leave.set_model_id("bo-giong");
  leave.set_household_id("HH-000001");
  leave.set_left_on(WardDate());
  leave.set_reason("đã có thu nhập ổn định");
  v1::LeaveLivelihoodModelResponse left;
  auto leave_context = AuthorizedContext(tokens_.womens_union_staff);
  status = client().LeaveLivelihoodModel(leave_context.get(), leave, &left);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(left.case_id(), opened.case_id());
  EXPECT_EQ(left.participation().left_on(), WardDate());
  EXPECT_EQ(left.participation().joined_on(), WardDate());
  EXPECT_EQ(EventTypesOf(opened.case_id()).back(), "assignment.model_left.v1");
  const v1::ListLivelihoodModelsResponse listed = List();
  EXPECT_EQ(listed.models(0).households_joined(), 1);
  EXPECT_EQ(listed.models(0).households_taking_part(), 0);

  // Leaving again: it no longer takes part. Another organization: refused.
  leave_context = AuthorizedContext(tokens_.officer);
  status = client().LeaveLivelihoodModel(leave_context.get(), leave, &left);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(CatalogKeyOf(status).key, "error.livelihood.not_taking_part");
  leave_context = AuthorizedContext(tokens_.farmers_union_staff);
  EXPECT_EQ(client().LeaveLivelihoodModel(leave_context.get(), leave, &left).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  leave.set_household_id("HH-000099");
  leave_context = AuthorizedContext(tokens_.officer);
  EXPECT_EQ(client().LeaveLivelihoodModel(leave_context.get(), leave, &left).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace ansinh::assignment::testkit
