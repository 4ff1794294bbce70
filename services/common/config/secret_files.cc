#include "config/secret_files.h"

#include <sys/stat.h>

#include <cstdio>

namespace ansinh::config {
namespace {

std::string Octal(mode_t permissions) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(permissions & 07777));
  return text;
}

// Whose access in `bits` (e.g. S_IRWXG | S_IRWXO) `mode` grants, in words.
std::string WhoMay(const FileMode& mode, mode_t group_bits, mode_t other_bits, gid_t process_group) {
  const bool others = (mode.permissions & other_bits) != 0;
  const bool foreign_group = (mode.permissions & group_bits) != 0 && mode.group != process_group;
  if (others && foreign_group) return "its group and others";
  if (others) return "others";
  if (foreign_group) return "its group";
  return "";
}

}  // namespace

std::optional<std::string> SecretFileModeProblem(const std::string& flag, const std::string& path,
                                                 const FileMode& mode, gid_t process_group) {
  const std::string who = WhoMay(mode, S_IRWXG, S_IRWXO, process_group);
  if (who.empty()) return std::nullopt;
  return flag + " " + path + " (mode " + Octal(mode.permissions) + ") can be read by " + who +
         ", and it holds a secret; make it the owner's only: chmod 600 " + path;
}

std::optional<std::string> TokensFileModeProblem(const std::string& flag, const std::string& path,
                                                 const FileMode& mode, gid_t process_group) {
  const std::string who = WhoMay(mode, S_IWGRP, S_IWOTH, process_group);
  if (who.empty()) return std::nullopt;
  return flag + " " + path + " (mode " + Octal(mode.permissions) + ") can be written by " + who +
         ", who could add a token of any role; make it writable by its owner only: chmod go-w " + path;
}

std::optional<FileMode> ModeOf(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return std::nullopt;
  return FileMode{status.st_mode & 07777, status.st_gid};
}

}  // namespace ansinh::config
