// Outside consumers (docs/events.md, "Outside consumers") against the real
// registry: a grant set by a ward officer, the consumer's own token, and
// ansinh.v1.Events delivering its granted types with only its granted fields,
// the household details it needs added from the registry's records, resuming
// after what it acknowledged, and stopping when its grant or its token is
// revoked. The classification and assignment events are written into their
// streams as those services publish them (this suite runs the registry alone).
#include <gmock/gmock.h>

#include <atomic>
#include <set>
#include <sstream>
#include <thread>

#include "ansinh/v1/admin_actions.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/consumers.grpc.pb.h"
#include "ansinh/v1/field_options.pb.h"
#include "ansinh/v1/tokens.grpc.pb.h"
#include "events/admin_actions.h"
#include "eventually.h"
#include "registry_test_fixture.h"
#include "security_test_support.h"

namespace ansinh::registry::testkit {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

constexpr const char* kStatusChanged = "classification.household_status_changed.v1";
constexpr const char* kRegistered = "registry.household_registered.v1";

// The non-empty lines of a command's output.
std::vector<std::string> OutputLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// What one Subscribe call delivered, and how it ended.
struct Delivery {
  std::vector<v1::DeliveredEvent> events;
  grpc::Status status;

  std::vector<std::string> Positions() const {
    std::vector<std::string> positions;
    for (const auto& event : events) positions.push_back(event.position());
    return positions;
  }
  std::vector<std::string> EventIds() const {
    std::vector<std::string> ids;
    for (const auto& event : events) ids.push_back(event.envelope().event_id());
    return ids;
  }
};

class RegistryEventSubscriptionTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    grants_ = v1::ConsumerGrants::NewStub(registry_.channel());
    events_ = v1::Events::NewStub(registry_.channel());
    tokens_admin_ = v1::TokenAdmin::NewStub(registry_.channel());
  }

  static v1::ConsumerGrant BankGrant() {
    v1::ConsumerGrant grant;
    grant.set_consumer_id("policy-bank");
    grant.set_display_name("Ngân hàng Chính sách xã hội, phòng giao dịch phường");
    grant.set_purpose("Cho vay hộ nghèo, hộ cận nghèo (Nghị định 78/2002/NĐ-CP)");
    grant.add_event_types(kStatusChanged);
    grant.add_household_details(v1::HOUSEHOLD_DETAIL_HEAD_NAME);
    grant.add_household_details(v1::HOUSEHOLD_DETAIL_HEAD_NATIONAL_ID);
    grant.add_household_details(v1::HOUSEHOLD_DETAIL_ADDRESS);
    return grant;
  }

  grpc::Status SetGrant(const v1::ConsumerGrant& grant, v1::SetGrantResponse* response = nullptr) {
    v1::SetGrantRequest request;
    *request.mutable_grant() = grant;
    v1::SetGrantResponse ignored;
    return grants_->SetGrant(Officer().get(), request, response != nullptr ? response : &ignored);
  }

  grpc::Status RevokeGrant(const std::string& consumer_id) {
    v1::RevokeGrantRequest request;
    request.set_consumer_id(consumer_id);
    request.set_reason("the agreement ended");
    v1::RevokeGrantResponse response;
    return grants_->RevokeGrant(Officer().get(), request, &response);
  }

  // A token of the consumer, issued by a ward officer.
  v1::IssueTokenResponse ConsumerToken(const std::string& consumer_id) {
    v1::IssueTokenRequest request;
    request.set_role(v1::ROLE_OUTSIDE_CONSUMER);
    request.set_name(consumer_id);
    v1::IssueTokenResponse response;
    const grpc::Status status = tokens_admin_->IssueToken(Officer().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // An official status of `household`, as classification publishes it.
  std::string PublishStatus(const std::string& household, v1::PovertyCategory category, int year,
                            v1::Transition transition = v1::TRANSITION_NEWLY_POOR) {
    v1::HouseholdStatusChanged payload;
    payload.set_household_id(household);
    payload.set_residential_group("TDP-05");
    payload.set_category(category);
    payload.set_transition(transition);
    payload.set_round_id("R-" + std::to_string(year));
    payload.set_review_year(year);
    payload.set_approved_date(std::to_string(year) + "-12-10");
    return Publish(events::kClassificationSource, kStatusChanged, "household-status", household, payload);
  }

  // A case opened for `household`, as assignment publishes it: a type the
  // bank is not granted.
  std::string PublishCaseOpened(const std::string& household) {
    v1::CaseOpened payload;
    payload.set_case_id("CASE-" + household + "-1");
    payload.set_household_id(household);
    return Publish(events::kAssignmentSource, "assignment.case_opened.v1", "case", "CASE-" + household + "-1",
                   payload);
  }

  // The opening of a regular review, as classification publishes it.
  void PublishRoundOpened(const std::string& round_id) {
    v1::ReviewRoundOpened payload;
    payload.mutable_round()->set_round_id(round_id);
    payload.mutable_round()->set_review_year(2026);
    Publish(events::kClassificationSource, "classification.review_round_opened.v1", "review-round", round_id,
            payload);
  }

  std::string Publish(std::string_view source, const std::string& type, const std::string& aggregate_type,
                      const std::string& household, const google::protobuf::Message& payload) {
    v1::Actor service;
    service.set_role(v1::ROLE_SERVICE);
    service.set_name(std::string(source));
    const v1::EventEnvelope envelope = events::MakeEnvelope(
        {service, "", ""}, {type, aggregate_type, household, ++versions_[household], household}, payload);
    Redis().Command(events::XAddCommand(events::EventStream(source, 0), envelope));
    return envelope.event_id();
  }

  // Subscribes with `token` and reads until the call ends (follow false:
  // once caught up), or until `stop_after` events arrived; `received`, when
  // given, counts the events as they arrive.
  Delivery Subscribe(const std::string& token, bool follow = false, size_t stop_after = 0,
                     std::atomic<size_t>* received = nullptr) {
    v1::SubscribeRequest request;
    request.set_follow(follow);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    auto reader = events_->Subscribe(&context, request);
    Delivery delivery;
    v1::SubscribeResponse message;
    while (reader->Read(&message)) {
      for (const auto& event : message.events()) delivery.events.push_back(event);
      if (received != nullptr) *received = delivery.events.size();
      if (stop_after != 0 && delivery.events.size() >= stop_after) {
        context.TryCancel();
        break;
      }
    }
    delivery.status = reader->Finish();
    return delivery;
  }

  grpc::Status Acknowledge(const std::string& token, const std::vector<std::string>& positions,
                           v1::AcknowledgeResponse* response = nullptr) {
    v1::AcknowledgeRequest request;
    for (const std::string& position : positions) request.add_positions(position);
    v1::AcknowledgeResponse ignored;
    return events_->Acknowledge(AuthorizedContext(token).get(), request,
                                response != nullptr ? response : &ignored);
  }

  std::unique_ptr<v1::ConsumerGrants::Stub> grants_;
  std::unique_ptr<v1::Events::Stub> events_;
  std::unique_ptr<v1::TokenAdmin::Stub> tokens_admin_;
  std::map<std::string, uint64_t> versions_;
};

TEST_F(RegistryEventSubscriptionTest,
       AStatusGrantDeliversExactlyTheStatusEventsWithTheHeadsDetailsAndNoMore) {
  const v1::Household poor = Register(Family(1, "Nguyễn Thị Hương"));
  const v1::Household near_poor = Register(Family(10, "Phạm Văn Long"));
  ASSERT_TRUE(SetGrant(BankGrant()).ok());
  const std::string token = ConsumerToken("policy-bank").secret();
  const std::string first = PublishStatus(poor.household_id(), v1::POVERTY_CATEGORY_POOR, 2025);
  PublishCaseOpened(poor.household_id());
  PublishRoundOpened("R-REG-2026-0001");
  const std::string second = PublishStatus(near_poor.household_id(), v1::POVERTY_CATEGORY_NEAR_POOR, 2025);

  const Delivery delivery = Subscribe(token);

  ASSERT_TRUE(delivery.status.ok()) << delivery.status.error_message();
  // The registry's own events (registrations) and the case are not granted.
  EXPECT_THAT(delivery.EventIds(), ElementsAre(first, second));
  const v1::DeliveredEvent& event = delivery.events[0];
  EXPECT_EQ(event.envelope().event_type(), kStatusChanged);
  EXPECT_EQ(event.envelope().household_id(), poor.household_id());
  EXPECT_EQ(event.envelope().aggregate_version(), 1u);
  v1::HouseholdStatusChanged status;
  ASSERT_TRUE(event.envelope().payload().UnpackTo(&status));
  EXPECT_EQ(status.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(status.review_year(), 2025);
  EXPECT_THAT(event.position(), ::testing::StartsWith("classification/0/"));
  // What the bank needs to act, from the registry's (sealed) record.
  EXPECT_EQ(event.household().household_id(), poor.household_id());
  EXPECT_EQ(event.household().head_full_name(), "Nguyễn Thị Hương");
  EXPECT_EQ(event.household().head_national_id(), NationalId(1));
  EXPECT_EQ(event.household().address(), poor.address());
  EXPECT_EQ(delivery.events[1].household().head_full_name(), "Phạm Văn Long");

  // The bank's two events wait for its acknowledgement; the opening of a
  // round (a classification type it is not granted) was acknowledged unseen;
  // assignment's stream, of which it is granted nothing, is not read at all.
  const redis::Reply pending = Redis().Command(
      {"XPENDING", events::EventStream(events::kClassificationSource, 0), "consumer:policy-bank"});
  EXPECT_EQ(pending.elements.at(0).integer, 2);
  EXPECT_EQ(
      Redis().Command({"XINFO", "GROUPS", events::EventStream(events::kAssignmentSource, 0)}).elements.size(),
      0u);
}

TEST_F(RegistryEventSubscriptionTest, AFieldGrantKeepsTheNamedMarkedFieldsAndDropsEveryOther) {
  v1::ConsumerGrant grant = BankGrant();
  grant.set_consumer_id("school-office");
  grant.clear_event_types();
  grant.add_event_types(kRegistered);
  grant.clear_household_details();
  grant.add_fields("Member.full_name");
  grant.add_fields("Member.has_disability");
  ASSERT_TRUE(SetGrant(grant).ok());
  const std::string token = ConsumerToken("school-office").secret();
  v1::Household family = Family(20);
  family.mutable_members(2)->set_has_disability(true);
  const v1::Household registered = Register(family);

  const Delivery delivery = Subscribe(token);

  ASSERT_TRUE(delivery.status.ok()) << delivery.status.error_message();
  ASSERT_EQ(delivery.events.size(), 1u);
  EXPECT_FALSE(delivery.events[0].has_household()) << "no household details granted";
  v1::HouseholdRegistered payload;
  ASSERT_TRUE(delivery.events[0].envelope().payload().UnpackTo(&payload));
  const v1::Household& received = payload.household();
  EXPECT_EQ(received.household_id(), registered.household_id());
  EXPECT_EQ(received.residential_group(), "TDP-05") << "unmarked fields stay";
  EXPECT_TRUE(received.address().empty()) << "Household.address is not granted";
  ASSERT_EQ(received.members_size(), 3);
  for (const v1::Member& member : received.members()) {
    EXPECT_FALSE(member.full_name().empty());
    EXPECT_TRUE(member.national_id().empty()) << member.full_name();
    EXPECT_TRUE(member.date_of_birth().empty()) << member.full_name();
    EXPECT_FALSE(member.has_health_insurance()) << "sensitive and not granted";
    EXPECT_FALSE(member.member_id().empty()) << "ids are not marked";
  }
  EXPECT_TRUE(received.members(2).has_disability());
}

TEST_F(RegistryEventSubscriptionTest, ResumingAfterAnAcknowledgementRedeliversOnlyWhatWasNotAcknowledged) {
  ASSERT_TRUE(SetGrant(BankGrant()).ok());
  const std::string token = ConsumerToken("policy-bank").secret();
  std::vector<std::string> published;
  for (int i = 1; i <= 600; ++i) {
    published.push_back(PublishStatus("HH-" + std::to_string(100000 + i), v1::POVERTY_CATEGORY_POOR, 2025));
  }

  // The consumer goes away after 300 events, having acknowledged 250.
  const Delivery first = Subscribe(token, /*follow=*/true, /*stop_after=*/300);
  ASSERT_GE(first.events.size(), 300u);
  const std::vector<std::string> positions = first.Positions();
  v1::AcknowledgeResponse acknowledged;
  ASSERT_TRUE(Acknowledge(token, {positions.begin(), positions.begin() + 250}, &acknowledged).ok());
  EXPECT_EQ(acknowledged.acknowledged(), 250);
  // Acknowledging again changes nothing.
  ASSERT_TRUE(Acknowledge(token, {positions.front()}, &acknowledged).ok());
  EXPECT_EQ(acknowledged.acknowledged(), 0);
  for (int i = 601; i <= 650; ++i) {
    published.push_back(PublishStatus("HH-" + std::to_string(100000 + i), v1::POVERTY_CATEGORY_POOR, 2026));
  }

  const Delivery second = Subscribe(token);

  ASSERT_TRUE(second.status.ok()) << second.status.error_message();
  // Everything not acknowledged, in stream order, each once; nothing
  // acknowledged again, nothing skipped.
  EXPECT_EQ(second.EventIds(), std::vector<std::string>(published.begin() + 250, published.end()));
  ASSERT_TRUE(Acknowledge(token, second.Positions(), &acknowledged).ok());
  EXPECT_EQ(acknowledged.acknowledged(), 400);
  EXPECT_TRUE(Subscribe(token).events.empty());
}

// The registry's events carry their personal fields sealed with the
// household's data key (docs/data-protection.md): the subscription opens them
// for the grant to choose from; an erased household's stay sealed, and the
// erasure itself is an event a consumer may be granted. A sensitive field the
// consumer receives is logged as its read, like anyone's.
TEST_F(RegistryEventSubscriptionTest, SealedFieldsAreOpenedForTheGrantAndAnErasedHouseholdsStaySealed) {
  v1::ConsumerGrant grant = BankGrant();
  grant.set_consumer_id("social-office");
  grant.clear_event_types();
  grant.add_event_types(kRegistered);
  grant.add_event_types("registry.household_erased.v1");
  grant.clear_household_details();
  grant.add_fields("Member.full_name");
  grant.add_fields("Member.has_disability");
  ASSERT_TRUE(SetGrant(grant).ok());
  const std::string token = ConsumerToken("social-office").secret();
  v1::Household family = Family(30, "Đặng Thị Lan");
  family.mutable_members(2)->set_has_disability(true);
  const v1::Household kept = Register(family);
  const v1::Household erased = Register(Family(40, "Võ Văn Tâm"));
  v1::EraseHouseholdRequest erase;
  erase.set_household_id(erased.household_id());
  erase.set_expected_version(erased.version());
  erase.set_reason(v1::ERASURE_REASON_SUBJECT_REQUEST);
  erase.set_reference("Đơn số 12/ĐN");
  v1::EraseHouseholdResponse erasure;
  const grpc::Status erase_status = stub_->EraseHousehold(Officer().get(), erase, &erasure);
  ASSERT_TRUE(erase_status.ok()) << erase_status.error_message();
  // In the stream, the names are sealed.
  for (const v1::EventEnvelope& event : StoredEvents()) {
    if (event.event_type() != kRegistered) continue;
    v1::HouseholdRegistered stored;
    ASSERT_TRUE(event.payload().UnpackTo(&stored));
    EXPECT_TRUE(stored.household().members(0).full_name().empty()) << "sealed in the stream";
    EXPECT_TRUE(event.has_personal());
  }

  const Delivery delivery = Subscribe(token);

  ASSERT_TRUE(delivery.status.ok()) << delivery.status.error_message();
  ASSERT_EQ(delivery.events.size(), 3u);
  v1::HouseholdRegistered opened;
  ASSERT_TRUE(delivery.events[0].envelope().payload().UnpackTo(&opened));
  EXPECT_EQ(opened.household().household_id(), kept.household_id());
  EXPECT_EQ(opened.household().members(0).full_name(), "Đặng Thị Lan");
  EXPECT_TRUE(opened.household().members(0).national_id().empty()) << "not granted";
  EXPECT_TRUE(opened.household().members(2).has_disability());
  EXPECT_FALSE(delivery.events[0].envelope().has_personal()) << "the sealed part never leaves";
  v1::HouseholdRegistered still_sealed;
  ASSERT_TRUE(delivery.events[1].envelope().payload().UnpackTo(&still_sealed));
  EXPECT_EQ(still_sealed.household().household_id(), erased.household_id());
  EXPECT_TRUE(still_sealed.household().members(0).full_name().empty()) << "its key is destroyed";
  EXPECT_FALSE(delivery.events[1].envelope().has_personal());
  EXPECT_EQ(delivery.events[2].envelope().event_type(), "registry.household_erased.v1");

  // The disability the consumer received is a read in its name.
  std::vector<std::string> read_fields;
  for (const v1::EventEnvelope& event : Events()) {
    v1::PersonalDataRead read;
    if (!event.payload().UnpackTo(&read) || read.rpc() != "Events.Subscribe") continue;
    EXPECT_EQ(event.actor().role(), v1::ROLE_OUTSIDE_CONSUMER);
    EXPECT_EQ(event.actor().name(), "social-office");
    for (const auto& household : read.households()) {
      EXPECT_EQ(household.household_id(), kept.household_id());
      read_fields.insert(read_fields.end(), household.fields().begin(), household.fields().end());
    }
  }
  EXPECT_THAT(read_fields, ElementsAre("household.members.has_disability"));
}

// A consumer of one type among many: batch after batch of events it is not
// granted is read on at once. Read with the idle wait of 100 ms between such
// batches, 10,000 of them took 4 s at least, which made the policy bank's
// consumer crawl through a review's classification stream.
TEST_F(RegistryEventSubscriptionTest, EventsTheGrantDoesNotCoverAreReadThroughWithoutWaiting) {
  ASSERT_TRUE(SetGrant(BankGrant()).ok());
  const std::string token = ConsumerToken("policy-bank").secret();
  v1::ReviewRoundOpened opened;
  opened.mutable_round()->set_round_id("R-2025");
  v1::Actor service;
  service.set_role(v1::ROLE_SERVICE);
  service.set_name("classification");
  std::vector<redis::Args> writes;
  for (int i = 0; i < 10000; ++i) {
    const v1::EventEnvelope envelope = events::MakeEnvelope(
        {service, "", ""},
        {"classification.review_round_opened.v1", "review-round", "R-" + std::to_string(i), 1, ""}, opened);
    writes.push_back(events::XAddCommand(events::EventStream(events::kClassificationSource, 0), envelope));
  }
  Redis().Pipeline(writes);
  const std::string status = PublishStatus("HH-000042", v1::POVERTY_CATEGORY_POOR, 2025);

  const auto start = std::chrono::steady_clock::now();
  const Delivery delivery = Subscribe(token);
  const auto took = std::chrono::steady_clock::now() - start;

  ASSERT_TRUE(delivery.status.ok()) << delivery.status.error_message();
  EXPECT_THAT(delivery.EventIds(), ElementsAre(status));
  EXPECT_LT(took, std::chrono::milliseconds(2500));
  EXPECT_EQ(Redis()
                .Command({"XPENDING", events::EventStream(events::kClassificationSource, 0),
                          "consumer:policy-bank"})
                .elements.at(0)
                .integer,
            1)
      << "every event not granted acknowledged unseen";
}

TEST_F(RegistryEventSubscriptionTest, RevokingTheGrantOrTheTokenEndsDeliveryWithinSeconds) {
  ASSERT_TRUE(SetGrant(BankGrant()).ok());
  const v1::IssueTokenResponse consumer = ConsumerToken("policy-bank");
  const std::string token = consumer.secret();
  PublishStatus("HH-000900", v1::POVERTY_CATEGORY_POOR, 2025);

  // A subscription that follows, revoked while it waits.
  Delivery following;
  std::atomic<size_t> received{0};
  std::thread reader([&] { following = Subscribe(token, /*follow=*/true, 0, &received); });
  const bool delivered =
      ansinh::testkit::Eventually([&] { return received.load() == 1; }, std::chrono::seconds(10));
  const auto revoked_at = std::chrono::steady_clock::now();
  const grpc::Status revoked = RevokeGrant("policy-bank");
  reader.join();
  ASSERT_TRUE(delivered);
  ASSERT_TRUE(revoked.ok()) << revoked.error_message();
  const auto took = std::chrono::steady_clock::now() - revoked_at;
  EXPECT_EQ(following.status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
      << following.status.error_message();
  EXPECT_LT(took, std::chrono::milliseconds(2500));
  ASSERT_EQ(following.events.size(), 1u);
  // Revoked, nothing more is delivered or acknowledged.
  PublishStatus("HH-000901", v1::POVERTY_CATEGORY_POOR, 2025);
  EXPECT_EQ(Subscribe(token).status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Acknowledge(token, following.Positions()).error_code(), grpc::StatusCode::PERMISSION_DENIED);

  // Granted again, it resumes after what it acknowledged (nothing): both.
  ASSERT_TRUE(SetGrant(BankGrant()).ok());
  EXPECT_EQ(Subscribe(token).events.size(), 2u);

  // The token revoked: the subscription ends as unauthenticated.
  following = {};
  received = 0;
  std::thread second_reader([&] { following = Subscribe(token, /*follow=*/true, 0, &received); });
  const bool redelivered =
      ansinh::testkit::Eventually([&] { return received.load() == 2; }, std::chrono::seconds(10));
  v1::RevokeTokenRequest revoke;
  revoke.set_token_id(consumer.token_id());
  v1::RevokeTokenResponse revoke_response;
  const auto token_revoked_at = std::chrono::steady_clock::now();
  const grpc::Status token_revoked = tokens_admin_->RevokeToken(Officer().get(), revoke, &revoke_response);
  second_reader.join();
  ASSERT_TRUE(redelivered) << "the two unacknowledged events come again";
  ASSERT_TRUE(token_revoked.ok()) << token_revoked.error_message();
  EXPECT_EQ(following.status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
      << following.status.error_message();
  EXPECT_LT(std::chrono::steady_clock::now() - token_revoked_at, std::chrono::milliseconds(3500));
}

TEST_F(RegistryEventSubscriptionTest, OnlyAGrantedOutsideConsumerMaySubscribe) {
  // A consumer's token is issued only for a consumer with a grant.
  v1::IssueTokenRequest issue;
  issue.set_role(v1::ROLE_OUTSIDE_CONSUMER);
  issue.set_name("health-office");
  v1::IssueTokenResponse issued;
  const grpc::Status refused = tokens_admin_->IssueToken(Officer().get(), issue, &issued);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(ViolatedFields(refused), ElementsAre("name"));
  issue.set_name("Health Office");
  EXPECT_THAT(ViolatedFields(tokens_admin_->IssueToken(Officer().get(), issue, &issued)),
              ElementsAre("name"));

  // A consumer's token (of the bootstrap file) for a consumer never granted.
  const Delivery ungranted = Subscribe(tokens_.outside_consumer);
  EXPECT_EQ(ungranted.status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(ungranted.status.error_message(), ::testing::HasSubstr("has no grant"));
  EXPECT_EQ(Acknowledge(tokens_.outside_consumer, {"classification/0/1-0"}).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // A grant revoked before the consumer ever subscribed.
  v1::ConsumerGrant grant = BankGrant();
  grant.set_consumer_id("health-office");
  ASSERT_TRUE(SetGrant(grant).ok());
  const std::string token = ConsumerToken("health-office").secret();
  ASSERT_TRUE(RevokeGrant("health-office").ok());
  const Delivery delivery = Subscribe(token);
  EXPECT_EQ(delivery.status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(delivery.status.error_message(), ::testing::HasSubstr("revoked"));
  // No other role subscribes, whatever it may read elsewhere.
  for (const std::string& other : {tokens_.service, tokens_.officer, tokens_.auditor}) {
    EXPECT_EQ(Subscribe(other).status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(Acknowledge(other, {"classification/0/1-0"}).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  }
  // And the consumer may do nothing else.
  v1::GetHouseholdRequest get;
  get.set_household_id("HH-000001");
  v1::GetHouseholdResponse household;
  ASSERT_TRUE(SetGrant(BankGrant()).ok());
  const std::string bank = ConsumerToken("policy-bank").secret();
  EXPECT_EQ(stub_->GetHousehold(AuthorizedContext(bank).get(), get, &household).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListGrantsResponse listed;
  EXPECT_EQ(grants_->ListGrants(AuthorizedContext(bank).get(), v1::ListGrantsRequest(), &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(RegistryEventSubscriptionTest, ABadGrantIsRefusedNamingEachFieldAndChangesNothing) {
  const auto before = Snapshot();
  v1::ConsumerGrant grant;
  grant.set_consumer_id("Policy Bank");
  grant.add_event_types(kStatusChanged);
  grant.add_event_types("classification.household_status_changed.v9");
  grant.add_event_types(kStatusChanged);
  grant.add_event_types("registry.personal_data_read.v1");

  const grpc::Status status = SetGrant(grant);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status),
              UnorderedElementsAre("grant.consumer_id", "grant.display_name", "grant.purpose",
                                   "grant.event_types[1]", "grant.event_types[2]", "grant.event_types[3]"));
  grant = BankGrant();
  grant.add_fields("Member.full_name");
  grant.add_fields("Member.sex");
  grant.add_fields("Nothing.here");
  grant.add_household_details(v1::HOUSEHOLD_DETAIL_UNSPECIFIED);
  grant.add_household_details(v1::HOUSEHOLD_DETAIL_ADDRESS);
  EXPECT_THAT(ViolatedFields(SetGrant(grant)),
              UnorderedElementsAre("grant.fields[1]", "grant.fields[2]", "grant.household_details[3]",
                                   "grant.household_details[4]"));
  v1::ConsumerGrant no_types = BankGrant();
  no_types.clear_event_types();
  EXPECT_THAT(ViolatedFields(SetGrant(no_types)), ElementsAre("grant.event_types"));
  v1::RevokeGrantRequest revoke;
  v1::RevokeGrantResponse revoked;
  EXPECT_THAT(ViolatedFields(grants_->RevokeGrant(Officer().get(), revoke, &revoked)),
              ElementsAre("consumer_id"));
  revoke.set_consumer_id("nobody");
  EXPECT_EQ(grants_->RevokeGrant(Officer().get(), revoke, &revoked).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Only ward officers grant.
  v1::SetGrantRequest request;
  *request.mutable_grant() = BankGrant();
  v1::SetGrantResponse response;
  EXPECT_EQ(grants_->SetGrant(Auditor().get(), request, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Snapshot(), before);

  // Bad positions are named one by one.
  ASSERT_TRUE(SetGrant(BankGrant()).ok());
  const std::string token = ConsumerToken("policy-bank").secret();
  const grpc::Status bad = Acknowledge(token, {"classification/0/1718000000000-0", "classification/7/1-0",
                                               "assignment/0/1-0", "nonsense", ""});
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(bad),
              ElementsAre("positions[1]", "positions[2]", "positions[3]", "positions[4]"));
  EXPECT_THAT(ViolatedFields(Acknowledge(token, {})), ElementsAre("positions"));
}

TEST_F(RegistryEventSubscriptionTest, SettingAndRevokingAGrantAreAuditEntriesInTheGrantsTransaction) {
  ASSERT_TRUE(SetGrant(BankGrant()).ok());
  ASSERT_TRUE(RevokeGrant("policy-bank").ok());
  // Revoked again: no change, no entry.
  ASSERT_TRUE(RevokeGrant("policy-bank").ok());
  std::vector<v1::AdminActionRecorded> actions;
  for (const v1::EventEnvelope& event : Events()) {
    if (event.event_type() != events::kAdminActionRecordedType) continue;
    ASSERT_TRUE(event.payload().UnpackTo(&actions.emplace_back()));
    EXPECT_EQ(event.actor().role(), v1::ROLE_WARD_OFFICER);
  }
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions[0].action(), "grant.set");
  EXPECT_EQ(actions[0].subject_id(), "policy-bank");
  std::vector<std::string> details;
  for (const auto& detail : actions[0].details()) details.push_back(detail.name() + "=" + detail.value());
  const std::vector<std::string> expected = {"event_type=" + std::string(kStatusChanged),
                                             "household_detail=head_name", "household_detail=address",
                                             "replaces=nothing"};
  EXPECT_THAT(details, ::testing::IsSupersetOf(expected));
  EXPECT_EQ(actions[1].action(), "grant.revoked");
  EXPECT_EQ(actions[1].reason(), "the agreement ended");
}

// docs/examples/policy-bank-consumer.sh, run as its header says, against the
// real registry and CLI: the bank's token and grant, no Redis password.
TEST_F(RegistryEventSubscriptionTest, TheExampleConsumerInTheDocsWorksAsWrittenWithoutARedisPassword) {
  const std::string script = std::string(ANSINH_SOURCE_DIR) + "/docs/examples/policy-bank-consumer.sh";
  const std::string text = security_testing::ReadFile(script);
  ASSERT_FALSE(text.empty()) << script;
  for (const char* redis_word : {"redis-cli", "REDISCLI_AUTH", "var/redis", "--redis-", "REDIS_PORT"}) {
    EXPECT_EQ(text.find(redis_word), std::string::npos) << "the example mentions " << redis_word;
  }
  const v1::Household poor = Register(Family(1, "Nguyễn Thị Hương"));
  const v1::Household escaped = Register(Family(10, "Phạm Văn Long"));
  ASSERT_TRUE(SetGrant(BankGrant()).ok());
  const std::string token_file = dir_.path() + "/policy_bank.token";
  security_testing::WriteFile(token_file, ConsumerToken("policy-bank").secret() + "\n");
  PublishStatus(poor.household_id(), v1::POVERTY_CATEGORY_POOR, 2025);
  PublishRoundOpened("R-REG-2026-0001");
  PublishStatus(escaped.household_id(), v1::POVERTY_CATEGORY_AVERAGE, 2025, v1::TRANSITION_ESCAPED_POVERTY);
  // Its standard output is what the bank reads; what it says on standard
  // error (the CLI's refusals) is kept apart, in `errors`.
  const std::string errors = dir_.path() + "/policy-bank.stderr";
  const std::vector<std::string> run_consumer = {
      "bash", "-c",
      "ONCE=1 ANSINH=" + security_testing::ShellQuote(security_testing::AnsinhCli()) +
          " ANSINH_LANG=en ANSINH_REGISTRY=" + registry_.address() +
          " ANSINH_TOKEN_FILE=" + security_testing::ShellQuote(token_file) +
          " SEEN_FILE=" + security_testing::ShellQuote(dir_.path() + "/policy-bank.seen") + " bash " +
          security_testing::ShellQuote(script) + " 2>" + security_testing::ShellQuote(errors)};

  security_testing::CommandRun run = security_testing::RunCommand(run_consumer);

  ASSERT_EQ(run.exit_code, 0) << run.output << security_testing::ReadFile(errors);
  EXPECT_THAT(run.output,
              ::testing::HasSubstr(poor.household_id() + " (Nguyễn Thị Hương, CCCD " + NationalId(1) + ", " +
                                   poor.address() +
                                   ") is POOR for 2025 (TRANSITION_NEWLY_POOR): eligible for policy credit"));
  EXPECT_THAT(run.output,
              ::testing::HasSubstr(escaped.household_id() + " (Phạm Văn Long, CCCD " + NationalId(10) + ", " +
                                   escaped.address() + ") escaped poverty in 2025"));
  EXPECT_EQ(OutputLines(run.output).size(), 2u) << run.output;
  const std::string stream = events::EventStream(events::kClassificationSource, 0);
  EXPECT_EQ(Redis().Command({"XPENDING", stream, "consumer:policy-bank"}).elements.at(0).integer, 0)
      << "everything handled was acknowledged";

  // Again: nothing new.
  run = security_testing::RunCommand(run_consumer);
  ASSERT_EQ(run.exit_code, 0) << run.output << security_testing::ReadFile(errors);
  EXPECT_EQ(run.output, "") << security_testing::ReadFile(errors);

  // A new status is picked up; a replay from the start (an operator rewinds
  // the group) is recognized event by event.
  PublishStatus(escaped.household_id(), v1::POVERTY_CATEGORY_NEAR_POOR, 2026, v1::TRANSITION_NEWLY_NEAR_POOR);
  run = security_testing::RunCommand(run_consumer);
  EXPECT_THAT(run.output, ::testing::HasSubstr("is NEAR_POOR for 2026"));
  Redis().Command({"XGROUP", "SETID", stream, "consumer:policy-bank", "0"});
  run = security_testing::RunCommand(run_consumer);
  ASSERT_EQ(run.exit_code, 0) << run.output << security_testing::ReadFile(errors);
  EXPECT_EQ(OutputLines(run.output).size(), 3u) << run.output;
  for (const std::string& line : OutputLines(run.output)) {
    EXPECT_THAT(line, ::testing::HasSubstr("skipped: event")) << line;
  }

  // Its grant revoked, the consumer is refused and says so.
  ASSERT_TRUE(RevokeGrant("policy-bank").ok());
  run = security_testing::RunCommand(run_consumer);
  EXPECT_NE(run.exit_code, 0);
  EXPECT_EQ(run.output, "");
  EXPECT_THAT(security_testing::ReadFile(errors), ::testing::HasSubstr("revoked"));
}

}  // namespace
}  // namespace ansinh::registry::testkit
