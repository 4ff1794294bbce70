#include "output.h"

#include <fcntl.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/support/error_details.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <map>
#include <optional>

#include "client_options.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "kernel/review_years.h"
#include "metrics/rpc_metrics_interceptor.h"
#include "time/timestamps.h"

namespace ansinh::cli {
namespace {

using metrics::StatusCodeName;

// Combining diacritical marks (U+0300..U+036F) take no column.
bool IsCombiningMark(char32_t code_point) { return code_point >= 0x300 && code_point <= 0x36f; }

// The ErrorInfo's message in the run's language, with `problems` as its
// list argument "problems" (templates such as error.survey.cannot_classify
// name the violations); `english`, the service's own words, in English,
// without a key, or for a key this build lacks.
std::string Translated(const std::optional<google::rpc::ErrorInfo>& info, const std::string& english,
                       std::vector<i18n::Message> problems = {}) {
  if (!info || InEnglish() || !Words().Has(info->reason())) return english;
  i18n::Message message{info->reason(), {}, {}};
  for (const auto& [name, value] : info->metadata()) message.args.emplace(name, value);
  message.texts["problems"] = std::move(problems);
  return Words().Text(message);
}

}  // namespace

size_t DisplayWidth(const std::string& utf8) {
  size_t width = 0;
  for (size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : 4;
    char32_t code_point = lead;
    if (length == 2) code_point = lead & 0x1f;
    if (length == 3) code_point = lead & 0x0f;
    if (length == 4) code_point = lead & 0x07;
    for (size_t k = 1; k < length && i + k < utf8.size(); ++k) {
      code_point = (code_point << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3f);
    }
    if (!IsCombiningMark(code_point)) ++width;
    i += length;
  }
  return width;
}

void Table::Print(std::ostream& out) const {
  std::vector<size_t> widths(headers_.size(), 0);
  for (size_t c = 0; c < headers_.size(); ++c) widths[c] = DisplayWidth(headers_[c]);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  auto print_row = [&](const std::vector<std::string>& cells) {
    for (size_t c = 0; c < widths.size(); ++c) {
      const std::string& cell = c < cells.size() ? cells[c] : std::string();
      out << cell;
      if (c + 1 < widths.size()) out << std::string(widths[c] - DisplayWidth(cell) + 2, ' ');
    }
    out << "\n";
  };
  print_row(headers_);
  std::vector<std::string> rule;
  for (size_t width : widths) rule.push_back(std::string(width, '-'));
  print_row(rule);
  for (const auto& row : rows_) print_row(row);
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

std::vector<std::string> Headings(std::initializer_list<std::string_view> keys) {
  std::vector<std::string> headings;
  for (std::string_view key : keys) headings.push_back(Tr(key));
  return headings;
}

int ReportError(const grpc::Status& status, const std::string& what) {
  google::rpc::Status rich;
  std::vector<google::rpc::BadRequest::FieldViolation> violations;
  std::optional<google::rpc::ErrorInfo> error_info;
  std::map<std::string, google::rpc::ErrorInfo> violation_infos;
  if (!status.error_details().empty() && grpc::ExtractErrorDetails(status, &rich).ok()) {
    for (const auto& detail : rich.details()) {
      google::rpc::BadRequest bad_request;
      google::rpc::ErrorInfo info;
      if (detail.UnpackTo(&bad_request)) {
        violations.insert(violations.end(), bad_request.field_violations().begin(),
                          bad_request.field_violations().end());
      } else if (detail.UnpackTo(&info)) {
        // The domains of server::ToStatus (services/common/server/status_mapping.h).
        if (info.domain() == "ansinh") error_info = info;
        const auto field = info.metadata().find("field");
        if (info.domain() == "ansinh.violation" && field != info.metadata().end()) {
          violation_infos[field->second] = info;
        }
      }
    }
  }
  std::vector<std::pair<std::string, std::string>> described;
  std::vector<i18n::Message> problems;
  for (const auto& violation : violations) {
    const auto info = violation_infos.find(violation.field());
    described.emplace_back(
        violation.field(),
        Translated(info == violation_infos.end() ? std::nullopt : std::optional(info->second),
                   violation.description()));
    // A violation without a field sums up those left out ("and 137 more").
    if (violation.field().empty()) {
      problems.push_back(i18n::Message{"problem.as_written", {{"text", described.back().second}}, {}});
      continue;
    }
    problems.push_back(i18n::Message{
        "problem.field",
        {{"field", violation.field()}},
        {{"description", {i18n::Message{"problem.as_written", {{"text", described.back().second}}, {}}}}}});
  }
  std::cerr << Tr("cli.error.failed",
                  {{"what", what},
                   {"code", StatusCodeName(status.error_code())},
                   {"message", Translated(error_info, status.error_message(), std::move(problems))}})
            << "\n";
  for (const auto& [field, description] : described)
    std::cerr << "  " << (field.empty() ? "" : field + ": ") << description << "\n";
  return 1;
}

int Finish(const ClientOptions& options, const grpc::Status& status, const std::string& what,
           const google::protobuf::Message& response, const std::function<void()>& human) {
  if (!status.ok()) return ReportError(status, what);
  if (options.json) {
    std::cout << ToJson(response) << "\n";
  } else {
    human();
  }
  return 0;
}

std::string WardTime(const google::protobuf::Timestamp& at, WardTimePrecision precision) {
  return Date(FormatWardTime(SecondsOf(at), precision));
}

std::string OrDash(const std::string& text) { return text.empty() ? "-" : text; }

std::string ReviewYears(int review_year, int list_year) {
  if (list_year == 0) return Tr("cli.review_years", {{"review_year", review_year}});
  return Tr("cli.review_years_list", {{"review_year", review_year}, {"list_year", list_year}});
}

int SurveyListYear(const v1::Survey& survey) {
  return ListYearOf(survey.review_year(), survey.kind() == v1::REVIEW_KIND_REGULAR ? ReviewTiming::kRegular
                                                                                   : ReviewTiming::kPeriodic);
}

std::string FormatVnd(std::int64_t amount) {
  if (!InEnglish()) return Money(amount);
  std::string digits = std::to_string(amount);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') grouped += '.';
    grouped += digits[i];
  }
  return grouped + " đ";
}

bool WriteOwnerOnlyFile(const std::string& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = ::fchmod(fd, 0600) == 0;
  for (size_t written = 0; ok && written < content.size();) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<size_t>(n);
  }
  return ::close(fd) == 0 && ok;
}

}  // namespace ansinh::cli
