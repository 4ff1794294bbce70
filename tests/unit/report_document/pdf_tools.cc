#include "pdf_tools.h"

#include <glib.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

extern char** environ;

namespace ansinh::report_document::fixtures {
namespace {

bool OnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream directories(path == nullptr ? "" : path);
  std::string directory;
  while (std::getline(directories, directory, ':')) {
    if (!directory.empty() && access((directory + "/" + program).c_str(), X_OK) == 0) return true;
  }
  return false;
}

std::string Field(const std::string& report, const std::string& name) {
  std::istringstream lines(report);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(name + ":", 0) == 0) {
      const std::size_t value = line.find_first_not_of(' ', name.size() + 1);
      return value == std::string::npos ? "" : line.substr(value);
    }
  }
  return "";
}

}  // namespace

std::string RunTool(const std::vector<std::string>& arguments) {
  const std::string& program = arguments.at(0);
  if (!OnPath(program)) {
    ADD_FAILURE()
        << program << " is not installed: the PDF tests read the document back with poppler-utils "
        << "(Debian package poppler-utils, listed in deploy/local/packages.txt; make test installs it)";
    return "";
  }
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) {
    ADD_FAILURE() << "pipe failed";
    return "";
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
  posix_spawn_file_actions_addclose(&actions, pipe_ends[1]);
  std::vector<char*> argv;
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  pid_t child = 0;
  const int spawned = posix_spawnp(&child, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_ends[1]);
  std::string output;
  if (spawned == 0) {
    char buffer[8192];
    ssize_t got = 0;
    while ((got = read(pipe_ends[0], buffer, sizeof buffer)) > 0)
      output.append(buffer, static_cast<std::size_t>(got));
  }
  close(pipe_ends[0]);
  if (spawned != 0) {
    ADD_FAILURE() << "could not start " << program;
    return "";
  }
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    ADD_FAILURE() << program << " failed (status " << status << ")";
  }
  return output;
}

std::string PdfText(const std::string& path) {
  return Nfc(RunTool({"pdftotext", "-enc", "UTF-8", path, "-"}));
}

std::string PdfPageText(const std::string& path, int page) {
  const std::string number = std::to_string(page);
  return Nfc(RunTool({"pdftotext", "-enc", "UTF-8", "-f", number, "-l", number, path, "-"}));
}

int PdfPageCount(const std::string& path) {
  const std::string pages = Field(RunTool({"pdfinfo", path}), "Pages");
  return pages.empty() ? -1 : std::atoi(pages.c_str());
}

std::string PdfTitle(const std::string& path) {
  return Nfc(Field(RunTool({"pdfinfo", "-enc", "UTF-8", path}), "Title"));
}

std::vector<std::string> PdfFontNames(const std::string& path) {
  // Two header lines, then one font per line, its name first.
  std::istringstream lines(RunTool({"pdffonts", path}));
  std::vector<std::string> names;
  std::string line;
  for (int number = 0; std::getline(lines, line); ++number) {
    if (number < 2 || line.empty()) continue;
    names.push_back(line.substr(0, line.find(' ')));
  }
  return names;
}

int PdfImageCount(const std::string& path) {
  std::istringstream lines(RunTool({"pdfimages", "-list", path}));
  std::string line;
  int count = 0;
  for (int number = 0; std::getline(lines, line); ++number) {
    if (number >= 2 && !line.empty()) ++count;
  }
  return count;
}

std::string Nfc(const std::string& text) {
  gchar* normalized = g_utf8_normalize(text.c_str(), static_cast<gssize>(text.size()), G_NORMALIZE_NFC);
  if (normalized == nullptr) {
    ADD_FAILURE() << "not valid UTF-8: " << text;
    return "";
  }
  std::string result(normalized);
  g_free(normalized);
  return result;
}

std::string CollapseWhitespace(const std::string& text) {
  std::string collapsed;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
      space = true;
      continue;
    }
    if (space && !collapsed.empty()) collapsed.push_back(' ');
    space = false;
    collapsed.push_back(c);
  }
  return collapsed;
}

ScratchDirectory::ScratchDirectory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "ansinh-report-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
  path_ = pattern;
}

ScratchDirectory::~ScratchDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace ansinh::report_document::fixtures
