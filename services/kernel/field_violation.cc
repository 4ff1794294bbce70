#include "kernel/field_violation.h"

#include <utility>

namespace ansinh {

FieldViolations PrefixFieldPaths(std::string_view prefix, FieldViolations violations) {
  for (FieldViolation& violation : violations) {
    std::string path(prefix);
    if (!violation.field.empty()) {
      if (violation.field.front() != '[') path += '.';
      path += violation.field;
    }
    violation.field = std::move(path);
  }
  return violations;
}

std::string ListViolations(std::string what, const FieldViolations& violations) {
  for (size_t i = 0; i < violations.size(); ++i) {
    what += i == 0 ? ": " : "; ";
    what += violations[i].field + " " + violations[i].description;
  }
  return what;
}

}  // namespace ansinh
