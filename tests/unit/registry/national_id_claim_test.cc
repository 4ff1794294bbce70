#include "registry/core/national_id_claim.h"

#include <gtest/gtest.h>

namespace ansinh::registry {
namespace {

constexpr int64_t kNow = 1'733'500'000;

TEST(NationalIdClaimTest, AClaimKeepsItsHouseholdDeadlineAndNonceThroughItsText) {
  const NationalIdClaim claim{"HH-000123", kNow + kClaimLifetimeSeconds, "k3f9a2"};
  EXPECT_EQ(FormatNationalIdClaim(claim), "HH-000123@1733500060#k3f9a2");
  const std::optional<NationalIdClaim> read = ParseNationalIdClaim(FormatNationalIdClaim(claim));
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->household_id, "HH-000123");
  EXPECT_EQ(read->pending_until, kNow + kClaimLifetimeSeconds);
  EXPECT_EQ(read->nonce, "k3f9a2");
  EXPECT_EQ(ParseNationalIdClaim("HH-000123@1733500060")->nonce, "");
}

TEST(NationalIdClaimTest, AValueWrittenBeforeDeadlinesIsTheHouseholdAlone) {
  const std::optional<NationalIdClaim> read = ParseNationalIdClaim("HH-000007");
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->household_id, "HH-000007");
  EXPECT_EQ(read->pending_until, 0);
  EXPECT_EQ(FormatNationalIdClaim(*read), "HH-000007");
  EXPECT_FALSE(ParseNationalIdClaim("").has_value());
  // A deadline that does not parse counts as none: the record decides.
  EXPECT_EQ(ParseNationalIdClaim("HH-000007@soon")->pending_until, 0);
}

TEST(NationalIdClaimTest, NoClaimIsFreeAndTheClaimantsOwnClaimMayBeRenewed) {
  EXPECT_EQ(StandingOfClaim(std::nullopt, "HH-000002", HolderRecord::kLacksNumber, kNow),
            ClaimStanding::kFree);
  const NationalIdClaim own{"HH-000002", kNow + 10, ""};
  EXPECT_EQ(StandingOfClaim(own, "HH-000002", HolderRecord::kLacksNumber, kNow), ClaimStanding::kOwn);
  EXPECT_TRUE(MayClaim(ClaimStanding::kFree));
  EXPECT_TRUE(MayClaim(ClaimStanding::kOwn));
}

TEST(NationalIdClaimTest, AHouseholdWhoseRecordHoldsTheNumberKeepsItWhateverTheDeadline) {
  const NationalIdClaim old_claim{"HH-000001", kNow - 86'400, ""};
  EXPECT_EQ(StandingOfClaim(old_claim, "HH-000002", HolderRecord::kHoldsNumber, kNow), ClaimStanding::kHeld);
  const NationalIdClaim legacy{"HH-000001", 0, ""};
  EXPECT_EQ(StandingOfClaim(legacy, "HH-000002", HolderRecord::kHoldsNumber, kNow), ClaimStanding::kHeld);
  EXPECT_FALSE(MayClaim(ClaimStanding::kHeld));
}

TEST(NationalIdClaimTest, AClaimWhoseWriteMayStillComeIsPendingUntilItsDeadline) {
  const NationalIdClaim claim{"HH-000001", kNow + 1, ""};
  EXPECT_EQ(StandingOfClaim(claim, "HH-000002", HolderRecord::kLacksNumber, kNow), ClaimStanding::kPending);
  EXPECT_EQ(StandingOfClaim(claim, "HH-000002", HolderRecord::kLacksNumber, kNow + 1),
            ClaimStanding::kPending);
  EXPECT_FALSE(MayClaim(ClaimStanding::kPending));
}

TEST(NationalIdClaimTest, AClaimThatNeverCameTrueIsStaleOnceItsDeadlinePassed) {
  // A crash between the claim and the household's write, or a member who
  // left after the release failed: the next claimant takes the number over.
  const NationalIdClaim claim{"HH-000001", kNow - 1, ""};
  EXPECT_EQ(StandingOfClaim(claim, "HH-000002", HolderRecord::kLacksNumber, kNow), ClaimStanding::kStale);
  const NationalIdClaim legacy{"HH-000001", 0, ""};
  EXPECT_EQ(StandingOfClaim(legacy, "HH-000002", HolderRecord::kLacksNumber, kNow), ClaimStanding::kStale);
  EXPECT_TRUE(MayClaim(ClaimStanding::kStale));
}

TEST(NationalIdClaimTest, AWriterUsesOnlyTheFirstHalfOfItsClaimsLife) {
  EXPECT_TRUE(WithinWriteWindow(kNow, kNow, 60));
  EXPECT_TRUE(WithinWriteWindow(kNow, kNow + 29, 60));
  // Half the life is left for a write already sent to land before anyone
  // may take the claim over.
  EXPECT_FALSE(WithinWriteWindow(kNow, kNow + 30, 60));
  EXPECT_FALSE(WithinWriteWindow(kNow, kNow + 61, 60));
  // A clock that went backwards is not trusted either.
  EXPECT_FALSE(WithinWriteWindow(kNow, kNow - 1, 60));
}

}  // namespace
}  // namespace ansinh::registry
