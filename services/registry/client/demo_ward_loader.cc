#include "registry/client/demo_ward_loader.h"

#include <set>
#include <string>
#include <vector>

#include "registry/core/demo/demo_ward_generator.h"

namespace ansinh::registry::client {
namespace {

DemoWardCounts Count(const std::vector<DemoHousehold>& ward) {
  DemoWardCounts counts;
  std::set<std::string> groups;
  for (const DemoHousehold& demo : ward) {
    ++counts.households;
    ++counts.surveys;
    counts.members += demo.household.members_size();
    counts.review_year = demo.survey.review_year();
    groups.insert(demo.household.residential_group());
    switch (demo.intended_category) {
      case v1::POVERTY_CATEGORY_POOR:
        ++counts.poor;
        if (demo.intended_without_labour_capacity) ++counts.poor_without_labour_capacity;
        break;
      case v1::POVERTY_CATEGORY_NEAR_POOR:
        ++counts.near_poor;
        break;
      case v1::POVERTY_CATEGORY_AVERAGE:
        ++counts.average;
        break;
      default:
        ++counts.not_poor;
        break;
    }
  }
  counts.residential_groups = static_cast<int64_t>(groups.size());
  return counts;
}

}  // namespace

DemoLoadResult LoadDemoWard(v1::Registry::StubInterface& stub, const ContextFactory& make_context,
                            const DemoLoadOptions& options, const ProgressCallback& on_progress) {
  DemoLoadResult result;
  {
    v1::ListHouseholdsRequest request;
    request.mutable_page()->set_page_size(1);
    v1::ListHouseholdsResponse response;
    auto context = make_context();
    result.status = stub.ListHouseholds(context.get(), request, &response);
    if (!result.status.ok()) return result;
    result.existing_households = response.page().total_size();
  }
  if (options.if_empty && result.existing_households > 0) {
    result.skipped = true;
    return result;
  }

  DemoWardOptions ward_options;
  ward_options.household_count = options.households;
  ward_options.registered_on = options.today;
  const std::vector<DemoHousehold> ward = GenerateDemoWard(options.seed, ward_options);
  result.intended = Count(ward);

  size_t next = 0;
  result.import = StreamImport(
      stub, make_context,
      [&]() -> std::optional<v1::ImportHouseholdsRequest> {
        if (next == ward.size()) return std::nullopt;
        const DemoHousehold& demo = ward[next++];
        return ToImportRow(demo, static_cast<int64_t>(next));
      },
      static_cast<int64_t>(ward.size()), on_progress);
  result.status = result.import.status;
  return result;
}

}  // namespace ansinh::registry::client
