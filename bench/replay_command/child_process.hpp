#pragma once

#include <string>
#include <vector>

namespace hlc::bench {

/// How a child process ended and what it cost.
struct child_result {
  int exit_code = -1;   ///< exit status, or -1 when killed by a signal
  int signal = 0;       ///< the signal that killed it, 0 when it exited
  double seconds = 0;   ///< wall time from fork to reaped
  long peak_rss_kb = 0; ///< the child's `ru_maxrss` (wait4)
};

/// Runs `program args...` with working directory `dir`, stdout and stderr
/// appended to `stdout_path` / `stderr_path`, and waits for it. The parent
/// must be small when it forks: Linux counts the pages a forked child
/// shares with its parent into the child's peak RSS until it execs.
child_result run_child(const std::string& program,
                       const std::vector<std::string>& args,
                       const std::string& dir, const std::string& stdout_path,
                       const std::string& stderr_path);

} // namespace hlc::bench
