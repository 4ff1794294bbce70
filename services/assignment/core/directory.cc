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

Directory Directory::Partial(std::vector<v1::Organization> organizations, std::vector<v1::Helper> helpers,
                             std::set<std::string, std::less<>> organization_ids,
                             std::set<std::string, std::less<>> helper_ids) {
  Directory directory(std::move(organizations), std::move(helpers));
  directory.partial_ = true;
  directory.organization_ids_ = std::move(organization_ids);
  directory.helper_ids_ = std::move(helper_ids);
  return directory;
}

const v1::Organization* Directory::FindOrganization(std::string_view id) const {
  if (partial_ && !organization_ids_.contains(id)) {
    missed_organizations_.emplace(id);
    return nullptr;
  }
  return FindById(organizations_, id);
}

const v1::Helper* Directory::FindHelper(std::string_view id) const {
  if (partial_ && !helper_ids_.contains(id)) {
    missed_helpers_.emplace(id);
    return nullptr;
  }
  return FindById(helpers_, id);
}

const std::vector<v1::Organization>& Directory::organizations() const {
  if (partial_) walked_ = true;
  return organizations_;
}

const std::vector<v1::Helper>& Directory::helpers() const {
  if (partial_) walked_ = true;
  return helpers_;
}

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
