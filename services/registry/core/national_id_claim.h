#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ansinh::registry {

// A CCCD number is unique among the active households of the ward
// (docs/domain.md §2.2). The registry keeps the ward-wide map CCCD -> the
// household that claimed it in the ward's hash slot, but the truth is the
// household record, in its partition's slot: on a Redis Cluster the two can
// never be written in one transaction (docs/registry.md, "Uniqueness across
// slots"). So a writer claims first (the ward's slot), then writes the
// household (its partition's slot), and the claim says until when the
// household may still be written:
//
//   "HH-000123@1733500000#k3f9a2"  claimed by HH-000123, pending until that
//                            second (Unix time); after it, only the
//                            household's record says whether it holds the
//                            number. The tail after '#' tells one claim from
//                            another of the same household (a release deletes
//                            only the claim it saw before its write)
//   "HH-000123"              written before claims carried a deadline: the
//                            record alone decides
//
// A claim whose household never took the number (a crash between the two
// steps, or a member who left) is stale once its deadline has passed, and the
// next claimant takes it over under WATCH. A writer writes the household only
// within the first half of its claim's life, well before the deadline, so a
// claim cannot be taken over while its household's write is still coming
// (a write that takes longer claims again: its own claim is renewed).
struct NationalIdClaim {
  std::string household_id;
  // Unix seconds; 0: no deadline (a claim written before deadlines).
  int64_t pending_until = 0;
  // Tells claims apart; empty in claims written before.
  std::string nonce;
};

// How long a claim stays pending by default (--national-id-claim-seconds).
inline constexpr int64_t kClaimLifetimeSeconds = 60;

std::string FormatNationalIdClaim(const NationalIdClaim& claim);
// nullopt for an empty value.
std::optional<NationalIdClaim> ParseNationalIdClaim(std::string_view value);

// What the named household's record says about the number, read after the
// claim (it lives in another slot, so it is read, not WATCHed).
enum class HolderRecord {
  kHoldsNumber,  // active, and one of its members has the number
  kLacksNumber,  // absent, no longer active, or no member has the number
};

enum class ClaimStanding {
  kFree,     // no claim
  kOwn,      // claimed by the claimant itself: it may renew the claim
  kHeld,     // another household holds the number
  kPending,  // another household's claim, its write may still come
  kStale,    // another household's claim that never came true: take it over
};

// Where `claim` (as read, nullopt: none) leaves `claimant` at `now` (Unix
// seconds), given what the named household's record says. Held and pending
// both refuse the claimant; free, own and stale let it claim.
ClaimStanding StandingOfClaim(const std::optional<NationalIdClaim>& claim, std::string_view claimant,
                              HolderRecord holder, int64_t now);

// True when the standing lets the claimant write its claim.
bool MayClaim(ClaimStanding standing);

// True while a claim made at `claimed_at` that stays pending for
// `lifetime_seconds` still lets its household be written at `now`: during
// the first half of its life.
bool WithinWriteWindow(int64_t claimed_at, int64_t now, int64_t lifetime_seconds);

}  // namespace ansinh::registry
