#include "registry/core/national_id_claim.h"

#include <charconv>

namespace ansinh::registry {

std::string FormatNationalIdClaim(const NationalIdClaim& claim) {
  std::string text = claim.household_id;
  if (claim.pending_until > 0) text += "@" + std::to_string(claim.pending_until);
  if (!claim.nonce.empty()) text += "#" + claim.nonce;
  return text;
}

std::optional<NationalIdClaim> ParseNationalIdClaim(std::string_view value) {
  if (value.empty()) return std::nullopt;
  NationalIdClaim claim;
  if (const size_t hash = value.rfind('#'); hash != std::string_view::npos) {
    claim.nonce = std::string(value.substr(hash + 1));
    value = value.substr(0, hash);
  }
  const size_t at = value.rfind('@');
  if (at == std::string_view::npos) {
    claim.household_id = std::string(value);
    return claim;
  }
  claim.household_id = std::string(value.substr(0, at));
  const std::string_view deadline = value.substr(at + 1);
  int64_t seconds = 0;
  auto [end, error] = std::from_chars(deadline.data(), deadline.data() + deadline.size(), seconds);
  // A deadline that does not parse counts as none: the record decides.
  if (error == std::errc() && end == deadline.data() + deadline.size() && seconds > 0) {
    claim.pending_until = seconds;
  }
  return claim;
}

ClaimStanding StandingOfClaim(const std::optional<NationalIdClaim>& claim, std::string_view claimant,
                              HolderRecord holder, int64_t now) {
  if (!claim || claim->household_id.empty()) return ClaimStanding::kFree;
  if (claim->household_id == claimant) return ClaimStanding::kOwn;
  if (holder == HolderRecord::kHoldsNumber) return ClaimStanding::kHeld;
  if (now <= claim->pending_until) return ClaimStanding::kPending;
  return ClaimStanding::kStale;
}

bool MayClaim(ClaimStanding standing) {
  return standing == ClaimStanding::kFree || standing == ClaimStanding::kOwn ||
         standing == ClaimStanding::kStale;
}

bool WithinWriteWindow(int64_t claimed_at, int64_t now, int64_t lifetime_seconds) {
  return now >= claimed_at && 2 * (now - claimed_at) < lifetime_seconds;
}

}  // namespace ansinh::registry
