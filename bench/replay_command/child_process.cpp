#include "bench/replay_command/child_process.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hlc::bench {

namespace {

/// Only async-signal-safe calls between fork and exec.
[[noreturn]] void exec_child(const std::string& program,
                             const std::vector<char*>& argv,
                             const std::string& dir, int out_fd, int err_fd) {
  if (chdir(dir.c_str()) != 0 || dup2(out_fd, STDOUT_FILENO) < 0
      || dup2(err_fd, STDERR_FILENO) < 0)
    _exit(127);
  execv(program.c_str(), argv.data());
  _exit(127);
}

} // namespace

child_result run_child(const std::string& program,
                       const std::vector<std::string>& args,
                       const std::string& dir, const std::string& stdout_path,
                       const std::string& stderr_path) {
  std::vector<std::string> words{program};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words)
    argv.push_back(w.data());
  argv.push_back(nullptr);
  int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC;
  int out_fd = open(stdout_path.c_str(), flags, 0644);
  int err_fd = open(stderr_path.c_str(), flags, 0644);
  if (out_fd < 0 || err_fd < 0)
    throw std::runtime_error("cannot open " + stdout_path + " or " + stderr_path
                             + ": " + std::strerror(errno));
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) exec_child(program, argv, dir, out_fd, err_fd);
  close(out_fd);
  close(err_fd);
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0)
    if (errno != EINTR) throw std::runtime_error("wait4 failed");
  child_result r;
  r.seconds
      = std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
  r.peak_rss_kb = usage.ru_maxrss;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

} // namespace hlc::bench
