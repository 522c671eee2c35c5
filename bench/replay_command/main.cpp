// bench_replay_command (SPEC PERF-3): the real `hlcopy replay` command, end
// to end, on a generated userFills recording.
//
//   bench_replay_command [--fills N] [--seed S] [--order newest|oldest]
//                        [--shape wrapped|array] [--config F] [--db NAME]
//                        [--hlcopy BIN] [--keep]
//
// Writes the recording and the config (default: config/examples/demo.json,
// whose database and logs go where a user's would: the working directory and
// stderr) into a scratch directory, runs `hlcopy replay` there as a child
// process, and prints one JSON line: fills/s over the command's wall time,
// the child's peak RSS (wait4 ru_maxrss), orders placed, fills. stdout and
// stderr of the child land in the scratch directory (out.txt, err.txt).
// Exit code 1 when the command fails or did not process every fill.

#include "bench/replay_command/child_process.hpp"
#include "bench/replay_command/recording_generator.hpp"
#include "persistence/database.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace hlc::bench;

constexpr const char* demo_leader
    = "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2";

struct options {
  recording_options recording;
  std::string config
      = std::string{HLC_SOURCE_DIR} + "/config/examples/demo.json";
  std::string db = "hlcopy-demo.db"; ///< storage.path of the config
  std::string hlcopy = HLCOPY_BIN;
  bool keep = false;
};

uint64_t parse_count(const std::string& flag, const char* text) {
  std::string s = text == nullptr ? "" : text;
  char* end = nullptr;
  errno = 0;
  auto x = std::strtoull(s.c_str(), &end, 10);
  if (s.empty() || s[0] == '-' || *end != '\0' || errno != 0 || x == 0)
    throw std::invalid_argument(flag + ": expected a positive integer, got \""
                                + s + "\"");
  return x;
}

std::string parse_choice(const std::string& flag, const char* text,
                         const std::string& a, const std::string& b) {
  std::string s = text == nullptr ? "" : text;
  if (s != a && s != b)
    throw std::invalid_argument(flag + ": expected " + a + " or " + b
                                + ", got \"" + s + "\"");
  return s;
}

options parse_args(int argc, char** argv) {
  options o;
  o.recording.leader = demo_leader;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--keep") {
      o.keep = true;
      continue;
    }
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    if (value == nullptr) throw std::invalid_argument(flag + " needs a value");
    if (flag == "--fills")
      o.recording.fills = parse_count(flag, value);
    else if (flag == "--seed")
      o.recording.seed = parse_count(flag, value);
    else if (flag == "--order")
      o.recording.newest_first
          = parse_choice(flag, value, "newest", "oldest") == "newest";
    else if (flag == "--shape")
      o.recording.wrapped
          = parse_choice(flag, value, "wrapped", "array") == "wrapped";
    else if (flag == "--config")
      o.config = value;
    else if (flag == "--db")
      o.db = value;
    else if (flag == "--hlcopy")
      o.hlcopy = value;
    else
      throw std::invalid_argument(
          "unknown argument \"" + flag
          + "\" (use --fills N, --seed S, --order newest|oldest, --shape "
            "wrapped|array, --config F, --db NAME, --hlcopy BIN, --keep)");
    ++i;
  }
  return o;
}

std::string scratch_dir() {
  auto pattern
      = (fs::temp_directory_path() / "hlc-replay-command-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("mkdtemp failed for " + pattern);
  return pattern;
}

long long count_rows(hlc::database& db, const std::string& table) {
  long long n = 0;
  db.session() << "SELECT count(*) FROM " + table, soci::into(n);
  return n;
}

std::string tail(const std::string& path, size_t bytes) {
  std::ifstream in{path};
  std::ostringstream text;
  text << in.rdbuf();
  auto s = text.str();
  return s.size() > bytes ? s.substr(s.size() - bytes) : s;
}

int run(const options& o) {
  auto dir = scratch_dir();
  auto recording = dir + "/recording.json";
  auto stats = write_recording(recording, o.recording);
  fs::copy_file(o.config, dir + "/config.json");
  auto child = run_child(
      o.hlcopy,
      {"replay", "--config", "config.json", "--fills", "recording.json"}, dir,
      dir + "/out.txt", dir + "/err.txt");
  bool ok = child.exit_code == 0;
  long long orders = 0;
  long long processed = 0;
  long long skips = 0;
  if (ok) {
    auto db = hlc::database::open(dir + "/" + o.db);
    orders = count_rows(db, "orders");
    processed = count_rows(db, "processed_fills");
    skips = count_rows(db, "skips");
    ok = processed == static_cast<long long>(stats.fills);
  }
  std::printf(
      "{\"bench\":\"replay_command\",\"fills\":%zu,\"seconds\":%.3f,"
      "\"fills_per_s\":%.0f,\"peak_rss_mb\":%.1f,\"orders\":%lld,"
      "\"skips\":%lld,\"processed_fills\":%lld,\"recording_mb\":%.1f,"
      "\"order\":\"%s\",\"shape\":\"%s\",\"exit_code\":%d}\n",
      stats.fills, child.seconds,
      child.seconds > 0 ? static_cast<double>(stats.fills) / child.seconds : 0,
      static_cast<double>(child.peak_rss_kb) / 1024.0, orders, skips, processed,
      static_cast<double>(stats.bytes) / (1024.0 * 1024.0),
      o.recording.newest_first ? "newest_first" : "oldest_first",
      o.recording.wrapped ? "wrapped" : "array", child.exit_code);
  std::fprintf(stderr,
               "recording: %zu fills in %zu leader orders (%zu flips), %zu "
               "fills share their millisecond, span %lld ms\n",
               stats.fills, stats.orders, stats.flips, stats.shared_ms,
               static_cast<long long>(stats.last_ms - stats.first_ms));
  if (!ok)
    std::fprintf(stderr, "hlcopy failed (exit %d, signal %d) in %s:\n%s\n",
                 child.exit_code, child.signal, dir.c_str(),
                 tail(dir + "/err.txt", 2000).c_str());
  if (o.keep || !ok) {
    std::fprintf(stderr, "scratch directory kept: %s\n", dir.c_str());
  } else {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  return ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_args(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_replay_command: %s\n", e.what());
    return 2;
  }
}
