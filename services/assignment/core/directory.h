#pragma once

// The ward's organizations and helpers, looked up by id. Built from the ward
// configuration file or from the adapter's store; it does not validate
// (see directory_validation.h).

#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/assignment.pb.h"

namespace ansinh::assignment {

class Directory {
 public:
  Directory() = default;
  Directory(std::vector<v1::Organization> organizations, std::vector<v1::Helper> helpers);

  // nullptr when unknown.
  const v1::Organization* FindOrganization(std::string_view id) const;
  const v1::Helper* FindHelper(std::string_view id) const;

  // Ordered by id.
  const std::vector<v1::Organization>& organizations() const { return organizations_; }
  const std::vector<v1::Helper>& helpers() const { return helpers_; }

 private:
  std::vector<v1::Organization> organizations_;
  std::vector<v1::Helper> helpers_;
};

// "Hội Liên hiệp Phụ nữ phường (womens-union)", or the bare id when unknown.
std::string DescribeOrganization(const Directory& directory, std::string_view organization_id);
// "Nguyễn Thị Hương (women-03)", or the bare id when the helper is unknown.
std::string DescribeHelper(const Directory& directory, std::string_view helper_id);

}  // namespace ansinh::assignment
