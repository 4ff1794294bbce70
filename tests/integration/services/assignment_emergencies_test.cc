// Emergencies through the real ansinh-assignment binary: declared by a ward
// officer, households marked affected in bulk by ids and by the affected
// residential groups, emergency relief naming the emergency, the counts of
// the list, the end; refused input changing nothing.
#include <set>

#include "assignment_test_fixture.h"

namespace ansinh::assignment::testkit {
namespace {

using ansinh::testkit::CatalogKeyOf;

class AssignmentEmergenciesTest : public AssignmentServiceTest {
 protected:
  // A flood that began yesterday in TDP-01 and TDP-02.
  static v1::DeclareEmergencyRequest Flood(const std::string& name = "Lũ lụt tháng 12") {
    v1::DeclareEmergencyRequest request;
    v1::Emergency& emergency = *request.mutable_emergency();
    emergency.set_kind(v1::EMERGENCY_KIND_FLOOD);
    emergency.set_name(name);
    emergency.set_began_on(WardDate(std::chrono::hours(-24)));
    emergency.add_residential_groups("TDP-01");
    emergency.add_residential_groups("TDP-02");
    request.set_reason("công văn số 12/UBND");
    return request;
  }

  grpc::Status Declare(const v1::DeclareEmergencyRequest& request, const std::string& token,
                       v1::DeclareEmergencyResponse* response) {
    auto context = AuthorizedContext(token);
    return client().DeclareEmergency(context.get(), request, response);
  }

  static v1::MarkAffectedRequest Mark(const std::string& emergency_id, std::vector<std::string> households) {
    v1::MarkAffectedRequest request;
    request.set_emergency_id(emergency_id);
    for (const std::string& household : households) request.add_household_ids(household);
    request.set_all_in_affected_groups(households.empty());
    request.set_affected_on(WardDate());
    request.set_note("nhà ngập 1,2 m");
    request.set_reason("tổ trưởng báo");
    return request;
  }

  v1::MarkAffectedResponse MarkAs(const v1::MarkAffectedRequest& request, const std::string& token) {
    v1::MarkAffectedResponse response;
    auto context = AuthorizedContext(token);
    const grpc::Status status = client().MarkAffected(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  v1::ListEmergenciesResponse List(bool only_ongoing = false) {
    v1::ListEmergenciesRequest request;
    request.set_only_ongoing(only_ongoing);
    v1::ListEmergenciesResponse response;
    auto context = AuthorizedContext(tokens_.womens_union_staff);
    const grpc::Status status = client().ListEmergencies(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  grpc::Status Relief(const std::string& case_id, const std::string& emergency_id, v1::SupportType type) {
    v1::RecordSupportRequest request;
    request.set_case_id(case_id);
    request.set_type(type);
    request.set_amount_vnd(2'000'000);
    request.set_provider("Ủy ban MTTQ phường");
    request.set_delivered_on(WardDate());
    request.set_emergency_id(emergency_id);
    request.set_reason("cứu trợ sau lũ");
    v1::RecordSupportResponse response;
    auto context = AuthorizedContext(tokens_.officer);
    return client().RecordSupport(context.get(), request, &response);
  }

  long long StreamLength() { return redis().Command({"XLEN", kAssignmentStream}).AsInteger(); }

  // "EMG-<this year>-<n>".
  static std::string ThisYears(int number) {
    return "EMG-" + WardDate(std::chrono::hours(-24)).substr(0, 4) + "-" + std::to_string(number);
  }
};

std::vector<std::string> Households(const v1::MarkAffectedResponse& response) {
  std::vector<std::string> households;
  for (const v1::CaseOperationOutcome& outcome : response.outcomes())
    households.push_back(outcome.household_id());
  return households;
}

TEST_F(AssignmentEmergenciesTest, DeclareMarkRelieveListAndEnd) {
  StartService();
  const v1::Case first = OpenCase("HH-000001", "TDP-01");
  OpenCase("HH-000002", "TDP-01");
  const v1::Case farmers = OpenCase("HH-000003", "TDP-02");
  OpenCase("HH-000004", "TDP-09");  // outside the flooded groups

  v1::DeclareEmergencyResponse declared;
  grpc::Status status = Declare(Flood(), tokens_.officer, &declared);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string flood = declared.emergency().emergency_id();
  EXPECT_EQ(flood, ThisYears(1));
  EXPECT_EQ(declared.emergency().version(), 1u);
  EXPECT_EQ(declared.emergency().declared_on(), WardDate());
  // The same declaration again is the same emergency; another gets the next number.
  const long long before_repeat = StreamLength();
  ASSERT_TRUE(Declare(Flood(), tokens_.officer, &declared).ok());
  EXPECT_EQ(declared.emergency().emergency_id(), flood);
  EXPECT_EQ(StreamLength(), before_repeat);
  v1::DeclareEmergencyResponse storm;
  v1::DeclareEmergencyRequest storm_request = Flood("Bão số 9");
  storm_request.mutable_emergency()->set_kind(v1::EMERGENCY_KIND_STORM);
  storm_request.mutable_emergency()->set_began_on(WardDate(std::chrono::hours(-48)));
  ASSERT_TRUE(Declare(storm_request, tokens_.officer, &storm).ok());
  EXPECT_EQ(storm.emergency().emergency_id(), ThisYears(2));

  // The Women's Union marks every household of its own in the flooded groups.
  v1::MarkAffectedResponse marked = MarkAs(Mark(flood, {}), tokens_.womens_union_staff);
  EXPECT_EQ(Households(marked), (std::vector<std::string>{"HH-000001", "HH-000002"}));
  EXPECT_TRUE(marked.outcomes(0).done());
  EXPECT_TRUE(marked.outcomes(1).done());
  // An officer by ids: one already marked, one of another organization, one
  // outside the groups (found affected all the same), one without a case.
  marked = MarkAs(Mark(flood, {"HH-000002", "HH-000003", "HH-000004", "HH-000099"}), tokens_.officer);
  ASSERT_EQ(marked.outcomes_size(), 4);
  EXPECT_TRUE(marked.outcomes(0).already());
  EXPECT_TRUE(marked.outcomes(1).done());
  EXPECT_TRUE(marked.outcomes(2).done());
  EXPECT_EQ(marked.outcomes(3).refusal_text().key(), "error.case.none_for_household");
  // The whole groups again: every one already.
  marked = MarkAs(Mark(flood, {}), tokens_.officer);
  EXPECT_EQ(Households(marked), (std::vector<std::string>{"HH-000001", "HH-000002", "HH-000003"}));
  for (const v1::CaseOperationOutcome& outcome : marked.outcomes()) EXPECT_TRUE(outcome.already());
  // The Farmers' Union's staff may not mark the Women's Union's household.
  marked = MarkAs(Mark(ThisYears(2), {"HH-000001"}), tokens_.farmers_union_staff);
  EXPECT_EQ(marked.outcomes(0).refusal_text().key(), "error.case.other_organization");

  const v1::Case stored = GetCase(first.case_id(), tokens_.auditor);
  ASSERT_EQ(stored.emergency_marks_size(), 1);
  EXPECT_EQ(stored.emergency_marks(0).emergency_id(), flood);
  EXPECT_EQ(stored.emergency_marks(0).note(), "nhà ngập 1,2 m");
  EXPECT_EQ(stored.emergency_marks(0).marked_by().organization_id(), "womens-union");
  EXPECT_EQ(stored.history().rbegin()->action(), v1::CASE_ACTION_MARKED_AFFECTED);
  EXPECT_EQ(EventTypesOf(first.case_id()).back(), "assignment.household_affected.v1");
  for (const v1::EventEnvelope& envelope : AssignmentEvents()) {
    if (envelope.event_type() != "assignment.household_affected.v1" ||
        envelope.aggregate_id() != first.case_id()) {
      continue;
    }
    v1::HouseholdAffected payload;
    ASSERT_TRUE(envelope.payload().UnpackTo(&payload));
    EXPECT_EQ(payload.mark().emergency_id(), flood);
    EXPECT_EQ(payload.organization_id(), "womens-union");
    EXPECT_EQ(payload.residential_group(), "TDP-01");
  }

  // Relief names the emergency of a household it struck, and only relief does.
  status = Relief(first.case_id(), flood, v1::SUPPORT_TYPE_EMERGENCY_RELIEF);
  ASSERT_TRUE(status.ok()) << status.error_message();
  status = Relief(farmers.case_id(), ThisYears(2), v1::SUPPORT_TYPE_EMERGENCY_RELIEF);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"emergency_id"}) << "not marked by the storm";
  status = Relief(farmers.case_id(), flood, v1::SUPPORT_TYPE_HOUSING);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"emergency_id"});

  v1::ListEmergenciesResponse listed = List();
  ASSERT_EQ(listed.emergencies_size(), 2);
  EXPECT_EQ(listed.emergencies(0).emergency().emergency_id(), flood) << "the newest first";
  EXPECT_EQ(listed.emergencies(0).households_affected(), 4);
  EXPECT_EQ(listed.emergencies(0).households_relieved(), 1);
  EXPECT_EQ(listed.emergencies(1).households_affected(), 0);

  // The end: refused to staff and before the first day; then recorded once.
  v1::EndEmergencyRequest end;
  end.set_emergency_id(flood);
  end.set_ended_on(WardDate());
  end.set_reason("nước đã rút");
  v1::EndEmergencyResponse ended;
  auto context = AuthorizedContext(tokens_.womens_union_staff);
  EXPECT_EQ(client().EndEmergency(context.get(), end, &ended).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  end.set_ended_on(WardDate(std::chrono::hours(-48)));
  context = AuthorizedContext(tokens_.officer);
  status = client().EndEmergency(context.get(), end, &ended);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"ended_on"});
  end.set_ended_on(WardDate());
  context = AuthorizedContext(tokens_.officer);
  status = client().EndEmergency(context.get(), end, &ended);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(ended.emergency().ended_on(), WardDate());
  EXPECT_EQ(ended.emergency().version(), 2u);
  EXPECT_EQ(EventTypesOf(flood),
            (std::vector<std::string>{"assignment.emergency_declared.v1", "assignment.emergency_ended.v1"}));
  listed = List(/*only_ongoing=*/true);
  ASSERT_EQ(listed.emergencies_size(), 1);
  EXPECT_EQ(listed.emergencies(0).emergency().emergency_id(), ThisYears(2));
  end.set_emergency_id(ThisYears(9));
  context = AuthorizedContext(tokens_.officer);
  status = client().EndEmergency(context.get(), end, &ended);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(CatalogKeyOf(status).key, "error.emergency.not_found");
}

TEST_F(AssignmentEmergenciesTest, BadDeclarationsAndMarksChangeNothing) {
  StartService();
  const v1::Case opened = OpenCase("HH-000001", "TDP-01");
  v1::DeclareEmergencyResponse declared;
  ASSERT_TRUE(Declare(Flood(), tokens_.officer, &declared).ok());
  const long long published = StreamLength();

  v1::DeclareEmergencyRequest bad;
  bad.mutable_emergency()->set_kind(v1::EMERGENCY_KIND_OTHER);
  bad.mutable_emergency()->set_began_on(WardDate(std::chrono::hours(48)));
  v1::DeclareEmergencyResponse response;
  grpc::Status status = Declare(bad, tokens_.officer, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(ViolatedFields(status),
            (std::vector<std::string>{"emergency.name", "emergency.began_on", "emergency.residential_groups",
                                      "emergency.description", "reason"}));
  status = Declare(Flood("Lũ lụt khác"), tokens_.womens_union_staff, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  v1::MarkAffectedRequest early = Mark(declared.emergency().emergency_id(), {"HH-000001", "HH-000001"});
  early.set_affected_on(WardDate(std::chrono::hours(-48)));
  v1::MarkAffectedResponse marked;
  auto context = AuthorizedContext(tokens_.officer);
  status = client().MarkAffected(context.get(), early, &marked);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), (std::vector<std::string>{"household_ids[1]", "affected_on"}));
  v1::MarkAffectedRequest both = Mark("EMG-1999-1", {"HH-000001"});
  both.set_all_in_affected_groups(true);
  context = AuthorizedContext(tokens_.officer);
  status = client().MarkAffected(context.get(), both, &marked);
  EXPECT_EQ(ViolatedFields(status), (std::vector<std::string>{"emergency_id", "household_ids"}));

  EXPECT_EQ(StreamLength(), published);
  EXPECT_EQ(GetCase(opened.case_id(), tokens_.auditor).emergency_marks_size(), 0);
  EXPECT_EQ(List().emergencies_size(), 1);
}

// With four partitions the households' marks, joinings and relief are kept
// with their cases in each partition's slot (the service refuses a
// transaction across slots), and the counts of the lists sum the partitions.
TEST_F(AssignmentEmergenciesTest, WithFourPartitionsTheCountsSumEveryPartition) {
  partitions_ = 4;
  StartService({"--partitions", "4"});
  std::set<int> partitions;
  std::vector<std::string> households;
  for (int i = 1; i <= 10; ++i) {
    households.push_back("HH-" + std::to_string(300 + i));
    partitions.insert(events::PartitionOf(households.back(), partitions_));
    PublishStatus({households.back(), "TDP-01"});
  }
  ASSERT_EQ(partitions.size(), 4u) << "the households cover every partition";
  std::vector<v1::Case> opened;
  for (const std::string& household : households) opened.push_back(WaitForVersion(household, 2));

  v1::DeclareEmergencyResponse declared;
  ASSERT_TRUE(Declare(Flood(), tokens_.officer, &declared).ok());
  const std::string flood = declared.emergency().emergency_id();
  const v1::MarkAffectedResponse marked = MarkAs(Mark(flood, {}), tokens_.officer);
  ASSERT_EQ(marked.outcomes_size(), 10);
  for (const v1::CaseOperationOutcome& outcome : marked.outcomes())
    EXPECT_TRUE(outcome.done()) << outcome.refusal();
  for (int i = 0; i < 3; ++i) {
    const grpc::Status status = Relief(opened[i].case_id(), flood, v1::SUPPORT_TYPE_EMERGENCY_RELIEF);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  const v1::ListEmergenciesResponse listed = List();
  ASSERT_EQ(listed.emergencies_size(), 1);
  EXPECT_EQ(listed.emergencies(0).households_affected(), 10);
  EXPECT_EQ(listed.emergencies(0).households_relieved(), 3);

  v1::UpsertLivelihoodModelRequest model;
  model.mutable_model()->set_model_id("ga-tdp01");
  model.mutable_model()->set_name("Nuôi gà TDP 1");
  model.mutable_model()->set_kind(v1::LIVELIHOOD_MODEL_KIND_LIVESTOCK);
  model.mutable_model()->set_organization_id("womens-union");
  model.mutable_model()->set_started_on(WardDate());
  model.set_reason("sau lũ");
  v1::UpsertLivelihoodModelResponse stored;
  auto context = AuthorizedContext(tokens_.officer);
  ASSERT_TRUE(client().UpsertLivelihoodModel(context.get(), model, &stored).ok());
  v1::JoinLivelihoodModelRequest join;
  join.set_model_id("ga-tdp01");
  for (const std::string& household : households) join.add_household_ids(household);
  join.set_joined_on(WardDate());
  join.set_reason("họp tổ");
  v1::JoinLivelihoodModelResponse joined;
  context = AuthorizedContext(tokens_.womens_union_staff);
  ASSERT_TRUE(client().JoinLivelihoodModel(context.get(), join, &joined).ok());
  for (const v1::CaseOperationOutcome& outcome : joined.outcomes())
    EXPECT_TRUE(outcome.done()) << outcome.refusal();
  v1::ListLivelihoodModelsResponse models;
  context = AuthorizedContext(tokens_.officer);
  ASSERT_TRUE(client().ListLivelihoodModels(context.get(), v1::ListLivelihoodModelsRequest{}, &models).ok());
  ASSERT_EQ(models.models_size(), 1);
  EXPECT_EQ(models.models(0).households_joined(), 10);
  EXPECT_EQ(models.models(0).households_taking_part(), 10);
  // Each household's event is on its own partition's stream.
  for (const std::string& household : households) {
    const std::string stream =
        events::EventStream(events::kAssignmentSource, events::PartitionOf(household, partitions_));
    bool found = false;
    for (const redis::Reply& item : redis().Command({"XRANGE", stream, "-", "+"}).elements) {
      std::string error;
      const std::optional<v1::EventEnvelope> envelope =
          events::DecodeEntry(events::ParseEntryReply(item), &error);
      found = found || (envelope && envelope->household_id() == household &&
                        envelope->event_type() == "assignment.household_affected.v1");
    }
    EXPECT_TRUE(found) << household << " on " << stream;
  }
}

}  // namespace
}  // namespace ansinh::assignment::testkit
