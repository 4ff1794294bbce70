#include "standards/standard_loader.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

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

}  // namespace

Result<v1::Standard> ParseStandard(std::string_view text, std::string_view source_name) {
  v1::Standard standard;
  CollectingErrors errors(source_name);
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  // ParseFromString takes a ConstStringParam (std::string in 3.21).
  if (!parser.ParseFromString(std::string(text), &standard)) {
    return Error::InvalidArgument(errors.errors().empty() ? std::string(source_name) + ": does not parse"
                                                          : errors.errors());
  }
  FieldViolations violations = ValidateStandard(standard);
  if (!violations.empty()) {
    std::string message = std::string(source_name) + ": invalid standard: ";
    for (size_t i = 0; i < violations.size(); ++i) {
      if (i > 0) message += "; ";
      message += violations[i].field + " " + violations[i].description;
    }
    return Error::InvalidArgument(std::move(message), std::move(violations));
  }
  return standard;
}

Result<StandardCatalog> LoadStandardsFromDirectory(const std::filesystem::path& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    return Error::InvalidArgument("standards directory " + directory.string() +
                                  " does not exist or is not a directory");
  }
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == kStandardExtension) {
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

  std::vector<SourcedStandard> standards;
  standards.reserve(files.size());
  for (const std::filesystem::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in.is_open()) {
      return Error::InvalidArgument("cannot read standard file " + file.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    const std::string source_name = file.filename().string();
    Result<v1::Standard> standard = ParseStandard(text.str(), source_name);
    if (!standard.ok()) return standard.error();
    standards.push_back({std::move(standard).value(), source_name});
  }
  return StandardCatalog::Create(std::move(standards));
}

}  // namespace ansinh
