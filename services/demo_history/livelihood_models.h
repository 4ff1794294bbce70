#pragma once

// The livelihood models (mô hình sinh kế, resolution §3.6) of the demo
// ward's history: six models of the kinds a ward around Huế runs, each run by
// a mass organization of services/assignment/config/demo_organizations.json,
// started in different years, with what was put in, in VND and in words, and
// the effect the plan gives it (true_effects.h).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/livelihood.pb.h"

namespace ansinh::demo_history {

// Who a model takes.
enum class ModelEligibility {
  // Poor and near-poor households with someone able to work.
  kWorkingHouseholds,
  // Only poor households with someone able to work (the mentoring model).
  kPoorWorkingHouseholds,
  // Households with a member aged 18 to 45 able to work (training and a job).
  kYoungAdultMember,
};

// What a household receives on joining, recorded as support naming the model.
struct ModelSupport {
  v1::SupportType type = v1::SUPPORT_TYPE_UNSPECIFIED;
  // The amount is drawn from [low, high], in steps of 100,000 VND.
  int64_t amount_low_vnd = 0;
  int64_t amount_high_vnd = 0;
  std::string_view provider;
  std::string_view description;
  // Days after joining.
  int days_after_joining = 0;
};

struct DemoModel {
  std::string_view model_id;
  std::string_view name;
  v1::LivelihoodModelKind kind = v1::LIVELIHOOD_MODEL_KIND_UNSPECIFIED;
  // The organization of the demo directory that runs it.
  std::string_view organization_id;
  // Started on this month and day of `start_year`.
  int start_year = 0;
  int start_month = 1;
  int start_day = 1;
  int64_t resources_vnd = 0;
  std::string_view resources_description;
  std::string_view description;
  // The share of the ward's residential groups (ordered by name) it works
  // in, in twelfths: [first, last) of the list.
  int groups_from_twelfth = 0;
  int groups_to_twelfth = 12;
  ModelEligibility eligibility = ModelEligibility::kWorkingHouseholds;
  // Households it takes each year in a ward of 2,000 (scaled to the ward,
  // at least one).
  int yearly_places = 0;
  // Added to the chance of escaping in the year of joining and the next, per mille.
  int escape_effect = 0;
  // Added to the income of a household that stays below the line, percent.
  int income_effect_percent = 0;
  // A loan of the poor or near-poor households programme comes with it.
  bool comes_with_policy_loan = false;
  int64_t policy_loan_vnd = 0;
  std::vector<ModelSupport> supports;
  // Joins the households' notes: what each receives or does.
  std::string_view participation_note;
};

// The six models, in the order their ids sort.
std::span<const DemoModel> DemoModels();

// The model as the assignment service stores it, working in `groups` (the
// residential groups of the ward it covers).
v1::LivelihoodModel ToLivelihoodModel(const DemoModel& model, std::span<const std::string> groups);

// The groups of `ward_groups` (ordered) a model works in.
std::vector<std::string> GroupsOf(const DemoModel& model, std::span<const std::string> ward_groups);

}  // namespace ansinh::demo_history
