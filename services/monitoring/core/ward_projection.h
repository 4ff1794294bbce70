#pragma once

// The ward's figure records in memory, keyed by household: the adapter (or a
// test) feeds facts with plain calls and hands Records() to the figure,
// scorecard and alert functions. Records round-trip through storage as
// HouseholdFigureRecord messages, one per household.

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "monitoring/core/household_record.h"

namespace ansinh::monitoring {

class WardProjection {
 public:
  WardProjection() = default;
  // Starts from stored records; a later record of the same household wins.
  explicit WardProjection(std::vector<v1::HouseholdFigureRecord> records);

  // Applies a fact (any struct of household_updates.h) to its household's
  // record, creating the record on the household's first valid fact.
  template <typename Fact>
  ApplyOutcome Apply(const Fact& fact) {
    if (auto found = records_.find(fact.household_id); found != records_.end()) {
      return monitoring::Apply(fact, found->second);
    }
    v1::HouseholdFigureRecord fresh;
    ApplyOutcome outcome = monitoring::Apply(fact, fresh);
    if (outcome.ok() && outcome.changed) records_.emplace(fact.household_id, std::move(fresh));
    return outcome;
  }

  // The household's record; nullptr when no fact about it was applied.
  const v1::HouseholdFigureRecord* Find(std::string_view household_id) const;

  // Every record, ordered by household id.
  std::vector<v1::HouseholdFigureRecord> Records() const;

  std::size_t size() const { return records_.size(); }

 private:
  std::map<std::string, v1::HouseholdFigureRecord, std::less<>> records_;
};

}  // namespace ansinh::monitoring
