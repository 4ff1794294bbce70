#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ansinh::testkit {

// A program started by a test, its output going to a log file. The
// destructor kills it if it is still running, so a failing test leaves
// nothing behind.
class ChildProcess {
 public:
  ChildProcess() = default;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  void Start(const std::vector<std::string>& argv, const std::string& log_path);
  bool running();
  // Sends `signal` and waits up to `timeout` for the exit; returns the exit
  // status as from waitpid, or nullopt if it did not exit in time.
  std::optional<int> Stop(int signal, std::chrono::milliseconds timeout);
  void Kill();  // SIGKILL and reap
  // Sends `signal` without waiting (SIGSTOP/SIGCONT freeze and thaw it);
  // false when the process is not running.
  bool Signal(int signal);
  // Waits up to `timeout` for the process to exit by itself; returns the
  // exit status as from waitpid, or nullopt if it is still running.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_path_; }
  std::string ReadLog() const;

 private:
  pid_t pid_ = -1;
  std::string log_path_;
};

// From now on, every ChildProcess this program starts is killed (SIGKILL) by
// the kernel when this program ends, however it ends: an exception, SIGINT,
// SIGTERM or SIGKILL (prctl PR_SET_PDEATHSIG, set between fork and exec).
// The kernel sends it when the *thread* that started the child ends, so only
// a program that starts its children from its main thread calls this
// (ansinh-bench); the tests, which may start processes from other threads,
// keep posix_spawn.
void KillChildrenWhenThisProcessDies();

// A TCP port on 127.0.0.1 nobody listens on right now.
int FreePort();

// Polls until something accepts TCP connections on 127.0.0.1:port.
bool WaitForPort(int port, std::chrono::milliseconds timeout);

// A fresh directory under /tmp, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace ansinh::testkit
