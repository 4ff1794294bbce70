#include "monitoring/core/ward_projection.h"

namespace ansinh::monitoring {

WardProjection::WardProjection(std::vector<v1::HouseholdFigureRecord> records) {
  for (v1::HouseholdFigureRecord& record : records) {
    std::string household_id = record.household_id();
    records_.insert_or_assign(std::move(household_id), std::move(record));
  }
}

const v1::HouseholdFigureRecord* WardProjection::Find(std::string_view household_id) const {
  const auto found = records_.find(household_id);
  return found == records_.end() ? nullptr : &found->second;
}

std::vector<v1::HouseholdFigureRecord> WardProjection::Records() const {
  std::vector<v1::HouseholdFigureRecord> records;
  records.reserve(records_.size());
  for (const auto& [household_id, record] : records_) records.push_back(record);
  return records;
}

}  // namespace ansinh::monitoring
