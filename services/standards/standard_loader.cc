#include "standards/standard_loader.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "standards/retirement_age_validator.h"
#include "standards/standard_validator.h"

namespace ansinh {
namespace {

constexpr std::string_view kStandardExtension = ".textproto";

// Keeps every parse error with its position (1-based, as editors show it).
class CollectingErrors : public google::protobuf::io::ErrorCollector {
 public:
  explicit CollectingErrors(std::string_view source_name) : source_name_(source_name) {}

  void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
    if (!errors_.empty()) errors_ += "; ";
    errors_ +=
        source_name_ + ":" + std::to_string(line + 1) + ":" + std::to_string(column + 1) + ": " + message;
  }

  const std::string& errors() const { return errors_; }

 private:
  std::string source_name_;
  std::string errors_;
};

// Parses one text-format file into `message`; the error, if any, names the
// file and the position.
std::optional<Error> ParseTextFormat(std::string_view text, std::string_view source_name,
                                     google::protobuf::Message& message) {
  CollectingErrors errors(source_name);
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  // ParseFromString takes a ConstStringParam (std::string in 3.21).
  if (!parser.ParseFromString(std::string(text), &message)) {
    return Error::InvalidArgument(errors.errors().empty() ? std::string(source_name) + ": does not parse"
                                                          : errors.errors());
  }
  return std::nullopt;
}

Result<std::string> ReadFile(const std::filesystem::path& file, std::string_view what) {
  std::ifstream in(file, std::ios::binary);
  if (!in.is_open()) {
    return Error::InvalidArgument("cannot read " + std::string(what) + " file " + file.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Result<v1::Standard> ParseStandard(std::string_view text, std::string_view source_name) {
  v1::Standard standard;
  if (std::optional<Error> error = ParseTextFormat(text, source_name, standard)) return *error;
  FieldViolations violations = ValidateStandard(standard);
  if (standard.working_age().has_statutory_retirement_ages()) {
    violations.push_back({"working_age.statutory_retirement_ages",
                          "must not be set in a standard file: the statutory retirement ages are read "
                          "from " +
                              std::string(kRetirementAgesFileName) + " when the standards load"});
  }
  if (!violations.empty()) {
    std::string message = ListViolations(std::string(source_name) + ": invalid standard", violations);
    return Error::InvalidArgument(std::move(message), std::move(violations));
  }
  return standard;
}

Result<v1::RetirementAgeSchedule> ParseRetirementAgeSchedule(std::string_view text,
                                                             std::string_view source_name) {
  v1::RetirementAgeSchedule schedule;
  if (std::optional<Error> error = ParseTextFormat(text, source_name, schedule)) return *error;
  FieldViolations violations = ValidateRetirementAgeSchedule(schedule);
  if (!violations.empty()) {
    std::string message = ListViolations(std::string(source_name) + ": invalid retirement ages", violations);
    return Error::InvalidArgument(std::move(message), std::move(violations));
  }
  return schedule;
}

Result<StandardCatalog> LoadStandardsFromDirectory(const std::filesystem::path& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    return Error::InvalidArgument("standards directory " + directory.string() +
                                  " does not exist or is not a directory");
  }
  std::vector<std::filesystem::path> files;
  bool has_retirement_ages = false;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    if (!it->is_regular_file() || it->path().extension() != kStandardExtension) continue;
    if (it->path().filename() == kRetirementAgesFileName) {
      has_retirement_ages = true;
    } else {
      files.push_back(it->path());
    }
  }
  if (error) {
    return Error::InvalidArgument("cannot list standards directory " + directory.string() + ": " +
                                  error.message());
  }
  if (files.empty()) {
    return Error::InvalidArgument("standards directory " + directory.string() +
                                  " holds no *.textproto standard");
  }
  // A stable order makes "covered by both A and B" messages reproducible.
  std::sort(files.begin(), files.end());

  // The standards first, so that a broken standard is named even in a
  // directory that also lacks the retirement ages.
  std::vector<SourcedStandard> standards;
  standards.reserve(files.size());
  for (const std::filesystem::path& file : files) {
    Result<std::string> text = ReadFile(file, "standard");
    if (!text.ok()) return text.error();
    const std::string source_name = file.filename().string();
    Result<v1::Standard> standard = ParseStandard(*text, source_name);
    if (!standard.ok()) return standard.error();
    standards.push_back({std::move(standard).value(), source_name});
  }
  if (!has_retirement_ages) {
    return Error::InvalidArgument(
        "standards directory " + directory.string() + " holds no " + std::string(kRetirementAgesFileName) +
        ": the statutory retirement ages that end working age (docs/domain.md §3.4)");
  }
  Result<std::string> text = ReadFile(directory / kRetirementAgesFileName, "retirement ages");
  if (!text.ok()) return text.error();
  Result<v1::RetirementAgeSchedule> retirement_ages =
      ParseRetirementAgeSchedule(*text, kRetirementAgesFileName);
  if (!retirement_ages.ok()) return retirement_ages.error();
  return StandardCatalog::Create(std::move(standards), std::move(retirement_ages).value());
}

}  // namespace ansinh
