#include "assignment/core/directory.h"

#include <algorithm>
#include <string>

namespace ansinh::assignment {
namespace {

template <typename T>
const T* FindById(const std::vector<T>& items, std::string_view id) {
  const auto it = std::lower_bound(items.begin(), items.end(), id,
                                   [](const T& item, std::string_view key) { return item.id() < key; });
  return it != items.end() && it->id() == id ? &*it : nullptr;
}

template <typename T>
void SortById(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.id() < b.id(); });
}

}  // namespace

Directory::Directory(std::vector<v1::Organization> organizations, std::vector<v1::Helper> helpers)
    : organizations_(std::move(organizations)), helpers_(std::move(helpers)) {
  SortById(organizations_);
  SortById(helpers_);
}

const v1::Organization* Directory::FindOrganization(std::string_view id) const {
  return FindById(organizations_, id);
}

const v1::Helper* Directory::FindHelper(std::string_view id) const { return FindById(helpers_, id); }

std::string DescribeOrganization(const Directory& directory, std::string_view organization_id) {
  const v1::Organization* organization = directory.FindOrganization(organization_id);
  if (organization == nullptr) return std::string(organization_id);
  return organization->name() + " (" + organization->id() + ")";
}

std::string DescribeHelper(const Directory& directory, std::string_view helper_id) {
  const v1::Helper* helper = directory.FindHelper(helper_id);
  if (helper == nullptr) return std::string(helper_id);
  return helper->full_name() + " (" + helper->id() + ")";
}

}  // namespace ansinh::assignment
