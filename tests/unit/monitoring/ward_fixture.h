#pragma once

// A small ward with a known history, fed through WardProjection exactly as
// the adapter would feed it. The expected figures in the tests were counted
// by hand from the table in ward_fixture.cc.

#include <cstdint>
#include <string>
#include <vector>

#include "monitoring/core/household_record.h"
#include "monitoring/core/ward_projection.h"

namespace ansinh::monitoring::testkit {

// Plain calls that read like the events they stand for.
class WardBuilder {
 public:
  explicit WardBuilder(WardProjection& projection) : projection_(projection) {}

  void Register(const std::string& household, const std::string& group);
  void Leave(const std::string& household, const std::string& left_on);
  void Dissolve(const std::string& household, const std::string& dissolved_on);
  void Approve(const std::string& household, const std::string& round, int year, v1::PovertyCategory category,
               v1::Transition transition, const std::string& approved_on,
               bool without_labour_capacity = false);
  void Assign(const std::string& household, const std::string& case_id, const std::string& organization,
              const std::string& on);
  void Close(const std::string& household, const std::string& case_id, const std::string& on);
  void Helper(const std::string& household, const std::string& case_id, const std::string& helper,
              const std::string& on);
  void Need(const std::string& household, const std::string& need_id, NeedKind kind, const std::string& on);
  void MarkNeed(const std::string& household, const std::string& need_id, NeedState state,
                const std::string& on);
  void Support(const std::string& household, const std::string& support_id, SupportKind kind,
               const std::string& on);
  // Policy credit of `programme` (UNSPECIFIED: a loan recorded without one).
  void Loan(const std::string& household, const std::string& support_id, v1::CreditProgramme programme,
            std::int64_t amount_vnd, const std::string& on);
  void Visit(const std::string& household, const std::string& on);

  // One outcome per call, in order.
  const std::vector<ApplyOutcome>& outcomes() const { return outcomes_; }

 private:
  template <typename Fact>
  void Feed(const Fact& fact) {
    outcomes_.push_back(projection_.Apply(fact));
  }

  WardProjection& projection_;
  std::vector<ApplyOutcome> outcomes_;
};

// Feeds the sample ward (eleven households in TDP-01 and TDP-02, review
// years 2022-2024) and returns the outcome of every fact.
std::vector<ApplyOutcome> FeedSampleWard(WardProjection& projection);

}  // namespace ansinh::monitoring::testkit
