#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace ansinh::config {

// What a service checks of the files its secrets come from before it starts
// (docs/security.md, "Files"): a secret (the Redis password, the TLS key)
// others can read is no secret, and a tokens file others can write lets them
// add a token of any role.

// The permission bits and group of a file, as stat() reports them.
struct FileMode {
  mode_t permissions = 0;  // the 0777 bits
  gid_t group = 0;
};

// Why a secret file with `mode` may not be used (nullopt: it may), naming the
// flag, the file and the fix. Others may have no access at all. The group may
// read only when it is the service's own group (`process_group`): Kubernetes
// mounts a Secret for the pod's fsGroup that way (mode 0440); any other group
// is refused.
std::optional<std::string> SecretFileModeProblem(const std::string& flag, const std::string& path,
                                                 const FileMode& mode, gid_t process_group);

// Why a tokens file with `mode` may not be used: writable by others, or by a
// group that is not the service's own.
std::optional<std::string> TokensFileModeProblem(const std::string& flag, const std::string& path,
                                                 const FileMode& mode, gid_t process_group);

// The mode of `path`, nullopt when it cannot be read (a missing file is
// someone else's problem to report).
std::optional<FileMode> ModeOf(const std::string& path);

}  // namespace ansinh::config
