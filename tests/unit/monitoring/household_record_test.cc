#include "monitoring/core/household_record.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "monitoring/core/ward_projection.h"

namespace ansinh::monitoring {
namespace {

using Record = v1::HouseholdFigureRecord;

// Every kind of fact, valid, about household H1.
std::vector<std::function<ApplyOutcome(Record&)>> EveryFact() {
  return {
      [](Record& r) {
        return Apply(HouseholdRegistration{"H1", "TDP-01"}, r);
      },
      [](Record& r) {
        return Apply(StatusApproval{"H1", "R1", 2024, 2025, v1::POVERTY_CATEGORY_POOR,
                                    v1::TRANSITION_NEWLY_POOR, true, "2024-12-10"},
                     r);
      },
      [](Record& r) {
        return Apply(CaseAssignment{"H1", "C1", "womens-union", "2024-12-12"}, r);
      },
      [](Record& r) {
        return Apply(HelperAssignment{"H1", "C1", "", "women-03", "2024-12-13"}, r);
      },
      [](Record& r) {
        return Apply(NeedRecording{"H1", "N1", Record::NEED_KIND_LOAN, "2024-12-14"}, r);
      },
      [](Record& r) {
        return Apply(
            NeedStatusChange{"H1", "N1", Record::NEED_KIND_LOAN, Record::NEED_STATE_MET, "2025-01-05"}, r);
      },
      [](Record& r) {
        return Apply(SupportDelivery{"H1", "S1", Record::SUPPORT_KIND_CREDIT, "2025-01-05"}, r);
      },
      [](Record& r) {
        return Apply(VisitRecording{"H1", "2025-01-20"}, r);
      },
      [](Record& r) {
        return Apply(CaseClosure{"H1", "C1", "2025-06-01"}, r);
      },
      [](Record& r) {
        return Apply(HouseholdDeparture{"H1", v1::HOUSEHOLD_STATUS_MOVED_OUT, "2025-07-01"}, r);
      },
  };
}

TEST(HouseholdRecordTest, EveryFactAppliedTwiceChangesTheRecordOnce) {
  Record record;
  const auto facts = EveryFact();
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const ApplyOutcome first = facts[i](record);
    ASSERT_TRUE(first.ok()) << "fact " << i << ": " << first.violations.front().field;
    EXPECT_TRUE(first.changed) << "fact " << i;
    const std::string after_first = record.SerializeAsString();
    const ApplyOutcome second = facts[i](record);
    EXPECT_TRUE(second.ok()) << "fact " << i;
    EXPECT_FALSE(second.changed) << "fact " << i << " changed the record again";
    EXPECT_EQ(record.SerializeAsString(), after_first) << "fact " << i;
  }
  EXPECT_EQ(record.household_id(), "H1");
  EXPECT_EQ(record.status(), v1::HOUSEHOLD_STATUS_MOVED_OUT);
  EXPECT_EQ(record.left_on(), "2025-07-01");
  ASSERT_EQ(record.cases_size(), 1);
  EXPECT_EQ(record.cases(0).closed_on(), "2025-06-01");
  ASSERT_EQ(record.needs_size(), 1);
  EXPECT_EQ(record.needs(0).state(), Record::NEED_STATE_MET);
}

TEST(HouseholdRecordTest, InvalidFactsAreRefusedWithEveryViolationAndChangeNothing) {
  Record record;
  ASSERT_TRUE(Apply(HouseholdRegistration{"H1", "TDP-01"}, record).ok());
  const std::string before = record.SerializeAsString();

  const ApplyOutcome approval = Apply(StatusApproval{"H1", "", 24, 25, v1::POVERTY_CATEGORY_UNSPECIFIED,
                                                     v1::TRANSITION_UNSPECIFIED, false, "10/12/2024"},
                                      record);
  std::vector<std::string> fields;
  for (const FieldViolation& violation : approval.violations) fields.push_back(violation.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"round_id", "review_year", "category", "approved_on"}));
  EXPECT_FALSE(approval.changed);

  const ApplyOutcome other_household = Apply(VisitRecording{"H2", "2025-01-01"}, record);
  ASSERT_EQ(other_household.violations.size(), 1u);
  EXPECT_EQ(other_household.violations[0].field, "household_id");

  const ApplyOutcome departure =
      Apply(HouseholdDeparture{"H1", v1::HOUSEHOLD_STATUS_ACTIVE, "2025-01-01"}, record);
  ASSERT_EQ(departure.violations.size(), 1u);
  EXPECT_EQ(departure.violations[0].field, "status");

  EXPECT_EQ(record.SerializeAsString(), before);
}

TEST(HouseholdRecordTest, ALoanKeepsItsProgrammeAndAmount) {
  Record record;
  ASSERT_TRUE(Apply(SupportDelivery{"H1", "C1/S1", Record::SUPPORT_KIND_CREDIT, "2025-01-05",
                                    v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS, 30'000'000},
                    record)
                  .ok());
  ASSERT_EQ(record.supports_size(), 1);
  EXPECT_EQ(record.supports(0).credit_programme(), v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS);
  EXPECT_EQ(record.supports(0).amount_vnd(), 30'000'000);

  const std::string before = record.SerializeAsString();
  const ApplyOutcome negative = Apply(SupportDelivery{"H1", "C1/S2", Record::SUPPORT_KIND_CREDIT,
                                                      "2025-01-06", v1::CREDIT_PROGRAMME_HOUSING, -1},
                                      record);
  ASSERT_EQ(negative.violations.size(), 1u);
  EXPECT_EQ(negative.violations[0].field, "amount_vnd");
  EXPECT_EQ(record.SerializeAsString(), before);
}

TEST(HouseholdRecordTest, ApprovalsAreKeyedByRoundAndOrderedByYear) {
  Record record;
  ASSERT_TRUE(Apply(StatusApproval{"H1", "R2024", 2024, 2025, v1::POVERTY_CATEGORY_NEAR_POOR,
                                   v1::TRANSITION_POOR_TO_NEAR_POOR, false, "2024-12-10"},
                    record)
                  .ok());
  ASSERT_TRUE(Apply(StatusApproval{"H1", "R2023", 2023, 2024, v1::POVERTY_CATEGORY_POOR,
                                   v1::TRANSITION_NEWLY_POOR, false, "2023-12-10"},
                    record)
                  .ok());
  // A corrected approval of the same round replaces the first.
  const ApplyOutcome corrected = Apply(StatusApproval{"H1", "R2024", 2024, 2025, v1::POVERTY_CATEGORY_POOR,
                                                      v1::TRANSITION_UNCHANGED, true, "2024-12-11"},
                                       record);
  EXPECT_TRUE(corrected.changed);
  ASSERT_EQ(record.approvals_size(), 2);
  EXPECT_EQ(record.approvals(0).round_id(), "R2023");
  EXPECT_EQ(record.approvals(1).round_id(), "R2024");
  EXPECT_EQ(record.approvals(1).category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_TRUE(record.approvals(1).without_labour_capacity());
}

TEST(HouseholdRecordTest, CasesFollowTheAssignmentRules) {
  Record record;
  ASSERT_TRUE(Apply(CaseAssignment{"H1", "C1", "womens-union", "2025-01-01"}, record).ok());
  ASSERT_TRUE(Apply(HelperAssignment{"H1", "C1", "", "women-03", "2025-01-02"}, record).ok());

  // Re-assigning the same organization (a reopened case) keeps date and helper.
  EXPECT_FALSE(Apply(CaseAssignment{"H1", "C1", "womens-union", "2025-03-01"}, record).changed);
  EXPECT_EQ(record.cases(0).helper_id(), "women-03");

  // A transfer drops the helper: helpers belong to an organization.
  EXPECT_TRUE(Apply(CaseAssignment{"H1", "C1", "farmers-union", "2025-04-01"}, record).changed);
  EXPECT_EQ(record.cases(0).organization_id(), "farmers-union");
  EXPECT_EQ(record.cases(0).assigned_on(), "2025-04-01");
  EXPECT_EQ(record.cases(0).helper_id(), "");

  // A closed case never changes again.
  ASSERT_TRUE(Apply(CaseClosure{"H1", "C1", "2025-05-01"}, record).changed);
  EXPECT_FALSE(Apply(CaseAssignment{"H1", "C1", "veterans", "2025-06-01"}, record).changed);
  EXPECT_FALSE(Apply(HelperAssignment{"H1", "C1", "", "vet-01", "2025-06-01"}, record).changed);
  EXPECT_FALSE(Apply(CaseClosure{"H1", "C1", "2025-07-01"}, record).changed);
  EXPECT_EQ(record.cases(0).closed_on(), "2025-05-01");

  // A helper arriving before its case's own event opens the case.
  ASSERT_TRUE(Apply(HelperAssignment{"H1", "C2", "red-cross", "rc-1", "2025-08-01"}, record).ok());
  ASSERT_EQ(record.cases_size(), 2);
  EXPECT_EQ(record.cases(1).organization_id(), "red-cross");
  EXPECT_EQ(record.cases(1).assigned_on(), "2025-08-01");
}

TEST(HouseholdRecordTest, AReleasedHelperLeavesTheCaseWithItsOrganizationOnly) {
  Record record;
  ASSERT_TRUE(Apply(CaseAssignment{"H1", "C1", "womens-union", "2025-01-01"}, record).ok());
  ASSERT_TRUE(Apply(HelperAssignment{"H1", "C1", "", "women-03", "2025-01-02"}, record).ok());

  const ApplyOutcome released = Apply(HelperRelease{"H1", "C1", "2025-03-01"}, record);
  ASSERT_TRUE(released.ok());
  EXPECT_TRUE(released.changed);
  EXPECT_EQ(record.cases(0).organization_id(), "womens-union");
  EXPECT_EQ(record.cases(0).helper_id(), "");
  EXPECT_EQ(record.cases(0).helper_assigned_on(), "");
  // Applied again (a replay), it changes nothing.
  EXPECT_FALSE(Apply(HelperRelease{"H1", "C1", "2025-03-01"}, record).changed);
  // An unknown case is not invented by a release.
  EXPECT_FALSE(Apply(HelperRelease{"H1", "C9", "2025-03-01"}, record).changed);
  EXPECT_EQ(record.cases_size(), 1);
  // A bad date is refused.
  EXPECT_FALSE(Apply(HelperRelease{"H1", "C1", "03/01/2025"}, record).ok());
}

TEST(HouseholdRecordTest, VisitDatesStayDistinctAndAscending) {
  Record record;
  for (const char* date : {"2025-03-01", "2025-01-15", "2025-02-01", "2025-01-15", "2025-04-01"}) {
    ASSERT_TRUE(Apply(VisitRecording{"H1", date}, record).ok());
  }
  EXPECT_EQ(std::vector<std::string>(record.visit_dates().begin(), record.visit_dates().end()),
            (std::vector<std::string>{"2025-01-15", "2025-02-01", "2025-03-01", "2025-04-01"}));
}

TEST(HouseholdRecordTest, ANeedStatusBeforeItsRecordingIsKeptAndCompleted) {
  Record record;
  ASSERT_TRUE(
      Apply(NeedStatusChange{"H1", "N1", Record::NEED_KIND_LOAN, Record::NEED_STATE_MET, "2025-02-01"},
            record)
          .ok());
  ASSERT_TRUE(Apply(NeedRecording{"H1", "N1", Record::NEED_KIND_LOAN, "2025-01-10"}, record).ok());
  ASSERT_EQ(record.needs_size(), 1);
  EXPECT_EQ(record.needs(0).recorded_on(), "2025-01-10");
  EXPECT_EQ(record.needs(0).state(), Record::NEED_STATE_MET);
  EXPECT_EQ(record.needs(0).state_changed_on(), "2025-02-01");
}

TEST(HouseholdRecordTest, ALeftHouseholdStaysOutAndKeepsItsFirstDepartureDate) {
  Record record;
  ASSERT_TRUE(Apply(HouseholdRegistration{"H1", "TDP-01"}, record).ok());
  ASSERT_TRUE(Apply(HouseholdDeparture{"H1", v1::HOUSEHOLD_STATUS_MOVED_OUT, "2025-03-01"}, record).ok());
  ASSERT_TRUE(Apply(HouseholdDeparture{"H1", v1::HOUSEHOLD_STATUS_DISSOLVED, "2025-05-01"}, record).ok());
  EXPECT_EQ(record.left_on(), "2025-03-01");
  EXPECT_EQ(record.status(), v1::HOUSEHOLD_STATUS_DISSOLVED);
  // An address correction afterwards moves the group, not the status.
  EXPECT_TRUE(Apply(HouseholdRegistration{"H1", "TDP-02"}, record).changed);
  EXPECT_EQ(record.status(), v1::HOUSEHOLD_STATUS_DISSOLVED);
}

TEST(WardProjectionTest, CreatesRecordsOnlyForValidFactsAndRoundTripsThem) {
  WardProjection projection;
  EXPECT_FALSE(projection.Apply(VisitRecording{"H1", "not a date"}).ok());
  EXPECT_EQ(projection.size(), 0u);
  EXPECT_TRUE(projection.Apply(VisitRecording{"H1", "2025-01-01"}).changed);
  EXPECT_TRUE(projection.Apply(HouseholdRegistration{"H0", "TDP-03"}).changed);
  ASSERT_NE(projection.Find("H1"), nullptr);
  EXPECT_EQ(projection.Find("H9"), nullptr);

  const std::vector<Record> records = projection.Records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].household_id(), "H0");

  WardProjection reloaded(records);
  EXPECT_EQ(reloaded.size(), 2u);
  EXPECT_FALSE(reloaded.Apply(VisitRecording{"H1", "2025-01-01"}).changed);
}

}  // namespace
}  // namespace ansinh::monitoring
