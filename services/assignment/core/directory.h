#pragma once

// The ward's organizations and helpers, looked up by id. Built from the ward
// configuration file or from the adapter's store; it does not validate
// (see directory_validation.h).

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/assignment.pb.h"

namespace ansinh::assignment {

class Directory {
 public:
  Directory() = default;
  Directory(std::vector<v1::Organization> organizations, std::vector<v1::Helper> helpers);

  // Only the entries of `organization_ids` and `helper_ids` were read (those
  // absent from the vectors are not in the ward): what one case operation
  // touches, so it need not read a province's directory. Asking it for
  // another id, or for every entry, gives what a lookup of an unknown id
  // gives and notes what was missing (missed_*, walked): the adapter reads
  // that too and asks the core again, so the core decides as on the whole.
  static Directory Partial(std::vector<v1::Organization> organizations, std::vector<v1::Helper> helpers,
                           std::set<std::string, std::less<>> organization_ids,
                           std::set<std::string, std::less<>> helper_ids);

  // nullptr when unknown.
  const v1::Organization* FindOrganization(std::string_view id) const;
  const v1::Helper* FindHelper(std::string_view id) const;

  // Ordered by id.
  const std::vector<v1::Organization>& organizations() const;
  const std::vector<v1::Helper>& helpers() const;

  // A partial directory: ids asked for but not read; whether every entry was
  // asked for.
  const std::set<std::string, std::less<>>& missed_organizations() const { return missed_organizations_; }
  const std::set<std::string, std::less<>>& missed_helpers() const { return missed_helpers_; }
  bool walked() const { return walked_; }
  bool complete() const { return missed_organizations_.empty() && missed_helpers_.empty() && !walked_; }

 private:
  std::vector<v1::Organization> organizations_;
  std::vector<v1::Helper> helpers_;
  bool partial_ = false;
  std::set<std::string, std::less<>> organization_ids_;
  std::set<std::string, std::less<>> helper_ids_;
  // Noted by const lookups: a partial directory serves one call of the core.
  mutable std::set<std::string, std::less<>> missed_organizations_;
  mutable std::set<std::string, std::less<>> missed_helpers_;
  mutable bool walked_ = false;
};

// "Hội Liên hiệp Phụ nữ phường (womens-union)", or the bare id when unknown.
std::string DescribeOrganization(const Directory& directory, std::string_view organization_id);
// "Nguyễn Thị Hương (women-03)", or the bare id when the helper is unknown.
std::string DescribeHelper(const Directory& directory, std::string_view helper_id);

}  // namespace ansinh::assignment
