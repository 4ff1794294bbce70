#include "household_pages.h"

#include <gtest/gtest.h>

#include "service_process.h"

namespace ansinh::testkit {

std::vector<std::string> ListAllHouseholdIds(v1::Registry::Stub& stub, const std::string& token,
                                             v1::ListHouseholdsRequest filter, int page_size,
                                             int64_t* total) {
  std::vector<std::string> ids;
  std::string page_token;
  do {
    filter.mutable_page()->set_page_size(page_size);
    filter.mutable_page()->set_page_token(page_token);
    v1::ListHouseholdsResponse response;
    const grpc::Status result = stub.ListHouseholds(AuthorizedContext(token).get(), filter, &response);
    EXPECT_TRUE(result.ok()) << result.error_message();
    if (!result.ok()) break;
    EXPECT_LE(response.households_size(), page_size);
    for (const auto& household : response.households()) ids.push_back(household.household_id());
    if (total != nullptr) *total = response.page().total_size();
    page_token = response.page().next_page_token();
  } while (!page_token.empty());
  return ids;
}

}  // namespace ansinh::testkit
