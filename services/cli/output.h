#pragma once

#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>
#include <grpcpp/support/status.h>

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "ansinh/v1/household.pb.h"
#include "kernel/ward_clock.h"
#include "words.h"

namespace ansinh::cli {

struct ClientOptions;

// Columns on a terminal, for UTF-8 text: Vietnamese letters are one column
// each whether precomposed or followed by combining marks.
size_t DisplayWidth(const std::string& utf8);

// An aligned text table; cells keep their Vietnamese text intact.
class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void Print(std::ostream& out) const;
  size_t size() const { return rows_.size(); }

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Table headings from catalog keys: Headings({"heading.household", "heading.group"}).
std::vector<std::string> Headings(std::initializer_list<std::string_view> keys);

// A protobuf message as pretty JSON (proto3 JSON mapping, field names as in
// the .proto files so they match docs/events.md).
std::string ToJson(const google::protobuf::Message& message);

// Prints a failed call for a person: what failed (words of the catalog, e.g.
// Tr("doing.open_round")), the status, its message and each BadRequest field
// violation on its own line. The message and the violations come in the
// run's language when the status carries their catalog keys (google.rpc.ErrorInfo,
// server::ToStatus); else as the service wrote them. Returns the exit code (1).
int ReportError(const grpc::Status& status, const std::string& what);

// The common ending of a command: the failed call reported (ReportError), or
// the response as JSON with --json, or else `human` (a table or a line).
// Returns the exit code.
int Finish(const ClientOptions& options, const grpc::Status& status, const std::string& what,
           const google::protobuf::Message& response, const std::function<void()>& human);

// `at` as the ward's clock showed it: "2026-01-10 14:03" (or to the second);
// "10/01/2026 14:03" in Vietnamese.
std::string WardTime(const google::protobuf::Timestamp& at,
                     WardTimePrecision precision = WardTimePrecision::kMinutes);

// `text`, or "-" in a table cell when it is empty.
std::string OrDash(const std::string& text);

// The two years of a review in words (docs/domain.md §3.0): "reviewed in
// 2026, list of 2027". A record from before list years were kept (0) shows
// the year held alone.
std::string ReviewYears(int review_year, int list_year);

// The list year of a survey: its review year, plus one for a periodic review.
int SurveyListYear(const v1::Survey& survey);

// An amount in đồng with dots between thousands: "50.000.000 đ"; in
// Vietnamese the language's money format (Money: "50.000.000 ₫").
std::string FormatVnd(std::int64_t amount);

// Writes `content` to `path`, readable by its owner only: exports hold
// personal data (histories, the audit log, a subject access export). The
// file is opened with mode 0600 and set to it, so a file that existed with a
// wider mode is closed too before anything is written. False when it cannot
// be written.
bool WriteOwnerOnlyFile(const std::string& path, const std::string& content);

}  // namespace ansinh::cli
