#pragma once

// Runs the real hlcopy binary in a scratch directory and reads its DB.

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace hlc::test {

/// Polls `p` every 20 ms until it holds or `bound` passed: for conditions
/// that live in another process (a child hlcopy's DB), nothing to wait on.
template <class Pred>
bool eventually(Pred p,
                std::chrono::milliseconds bound = std::chrono::seconds(30)) {
  auto deadline = std::chrono::steady_clock::now() + bound;
  while (!p()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

/// A fresh directory under the system temp dir (removed by the destructor).
struct scratch_dir {
  scratch_dir();
  ~scratch_dir();
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
  std::string path;
};

struct run_result {
  int status = -1; ///< shell status: exit code, or 128 + signal
  std::string out;
  std::string err;
};

/// Runs `hlcopy <args>` with the working directory `dir`.
run_result run_hlcopy(const std::string& dir, const std::string& args);

/// Writes the demo config (config/examples/demo.json) into `dir`.
std::string write_demo_config(const std::string& dir);

/// The bundled REAL recording.
std::string demo_fills_path();

/// One line per order in the run's DB: "id symbol side qty state filled".
std::vector<std::string> order_lines(const std::string& db_path);

/// Client ids of every order the paper venue received.
std::vector<std::string> venue_order_ids(const std::string& db_path);

/// Paper positions by symbol (normalized decimal text).
std::map<std::string, std::string> paper_positions(const std::string& db_path);

/// Strategy targets by symbol (sum of attributions, decimal text).
std::map<std::string, std::string> targets(const std::string& db_path);

/// Skip reasons recorded per symbol.
std::map<std::string, std::vector<std::string>>
skips_by_symbol(const std::string& db_path);

} // namespace hlc::test
