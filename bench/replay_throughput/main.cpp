// bench_replay_throughput (SPEC PERF-3): a deterministic synthetic leader
// fill stream through dedup + strategy + the writer's batched persistence.
//
//   bench_replay_throughput [--fills N] [--seed S] [--batch B]
//
// stdout: one JSON line with the throughput of each stage (fills of the
// input stream per second, so 1/x of the stages add up to about 1/x of the
// whole); stderr: one JSON line with what the strategy decided and whether
// a fresh re-run and the database agree with the timed run. Exit code 1
// when they do not.

#include "bench/replay_throughput/bench_config.hpp"
#include "bench/replay_throughput/stages.hpp"
#include "bench/replay_throughput/synthetic_stream.hpp"
#include "persistence/processed_fill_repo.hpp"
#include "persistence/strategy_state_repo.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace {

using namespace hlc;
using namespace hlc::bench;

struct options {
  size_t fills = 1'000'000;
  uint64_t seed = 42;
  size_t batch = 1000;     ///< input fills per writer flush
  bool all_guards = false; ///< every sizing mode and risk guard (issue 9)
};

uint64_t parse_count(const std::string& flag, const char* text, uint64_t min,
                     uint64_t max) {
  std::string s = text == nullptr ? "" : text;
  char* end = nullptr;
  errno = 0;
  auto x = std::strtoull(s.c_str(), &end, 10);
  if (s.empty() || s[0] == '-' || *end != '\0' || errno != 0 || x < min
      || x > max)
    throw std::invalid_argument(flag + ": expected an integer in ["
                                + std::to_string(min) + ", "
                                + std::to_string(max) + "], got \"" + s + "\"");
  return x;
}

options parse_args(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    if (flag == "--all-guards") {
      o.all_guards = true;
      continue;
    }
    if (flag == "--fills")
      o.fills = parse_count(flag, value, 1, 100'000'000);
    else if (flag == "--seed")
      o.seed = parse_count(flag, value, 0, UINT64_MAX);
    else if (flag == "--batch")
      o.batch = parse_count(flag, value, 1, 1'000'000);
    else
      throw std::invalid_argument(
          "unknown argument \"" + flag
          + "\" (use --fills N, --seed S, --batch B, --all-guards)");
    ++i;
  }
  return o;
}

/// A private directory for the database, removed on every exit path.
class temp_dir {
public:
  temp_dir() {
    auto pattern = (std::filesystem::temp_directory_path() / "hlc-bench-XXXXXX")
                       .string();
    if (mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
  }
  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

long long count_rows(database& db, const std::string& table) {
  long long n = 0;
  db.session() << "SELECT count(*) FROM " + table, soci::into(n);
  return n;
}

/// The persisted strategy rows equal the book's rows.
bool db_rows_match(database& db, const final_state& state) {
  auto rows = strategy_state_repo{db}.load_all();
  if (rows.size() != state.rows.size()) return false;
  for (auto& row : rows) {
    auto i = state.rows.find({row.leader, row.coin});
    if (i == state.rows.end()) return false;
    auto& s = i->second;
    if (s.symbol != row.symbol || s.leader_position != row.leader_position
        || s.k != row.k || s.attributed != row.attributed_qty)
      return false;
  }
  return true;
}

double rate(size_t n, double seconds) {
  return seconds > 0 ? static_cast<double>(n) / seconds : 0.0;
}

int run(const options& o) {
  auto u = make_universe(o.all_guards);
  auto map = make_symbol_map(u);
  auto stream = make_stream(u, o.fills, o.seed);
  auto& fills = stream.fills;
  const int64_t ttl_ms = int64_t{u.cfg.storage.dedup_ttl_days} * 86'400'000;

  std::vector<uint32_t> fresh;
  fresh.reserve(fills.size());
  auto dedup = run_dedup_only(fills, ttl_ms, fresh);
  auto strategy = run_strategy_only(fills, fresh, u.cfg, map);

  temp_dir dir;
  auto db_path = (dir.path() / "bench.db").string();
  auto db = database::open(db_path); // WAL, synchronous=NORMAL, migrated
  auto full = run_pipeline(fills, u.cfg, map, &db, o.batch);

  // Correctness: a fresh dedup_set + target_book over the same stream, the
  // strategy-only stage and the database must all agree with the timed run.
  auto rerun = run_pipeline(fills, u.cfg, map, nullptr, o.batch);
  bool deterministic = same_state(full.state, rerun.state)
                       && same_state(full.state, strategy.state)
                       && full.counts.targets == rerun.counts.targets
                       && full.counts.skips == rerun.counts.skips;
  auto processed = count_rows(db, "processed_fills");
  auto strategy_rows = count_rows(db, "strategy_state");
  auto skip_rows = count_rows(db, "skips");
  auto cursor_rows = count_rows(db, "leader_cursors");
  bool db_ok = static_cast<uint64_t>(processed) == full.counts.fresh
               && static_cast<uint64_t>(skip_rows) == full.counts.skips
               && db_rows_match(db, full.state)
               && dedup.counts.fresh == full.counts.fresh;
  auto db_rows = processed + strategy_rows + skip_rows + cursor_rows;

  std::string skips = "{";
  for (auto& [reason, n] : full.counts.skips_by_reason) {
    if (skips.size() > 1) skips += ',';
    skips += '"' + std::string{to_string(reason)} + "\":" + std::to_string(n);
  }
  skips += '}';
  auto& st = stream.stats;
  std::fprintf(
      stderr,
      "{\"check\":\"replay_throughput\",\"seed\":%llu,\"fresh\":%llu,"
      "\"duplicates\":%llu,\"targets\":%llu,\"skips\":%llu,"
      "\"skips_by_reason\":%s,\"symbols_with_target\":%zu,"
      "\"leader_coin_rows\":%zu,\"rerun_identical\":%s,\"db_matches\":%s,"
      "\"db\":{\"processed_fills\":%lld,\"strategy_state\":%lld,"
      "\"skips\":%lld,\"leader_cursors\":%lld},"
      "\"stream\":{\"orders\":%zu,\"duplicates\":%zu,\"spot\":%zu,"
      "\"hip3\":%zu,\"untradeable\":%zu,\"liquidations\":%zu,"
      "\"off_market\":%zu,\"gen_parse_s\":%.3f},"
      "\"pipeline_breakdown_s\":{\"total\":%.3f,\"make_flush_plan\":%.3f,"
      "\"apply\":%.3f,\"flushes\":%llu},"
      "\"dedup_strategy_no_db_fills_per_s\":%.0f}\n",
      static_cast<unsigned long long>(o.seed),
      static_cast<unsigned long long>(full.counts.fresh),
      static_cast<unsigned long long>(full.counts.duplicates),
      static_cast<unsigned long long>(full.counts.targets),
      static_cast<unsigned long long>(full.counts.skips), skips.c_str(),
      full.state.targets.size(), full.state.rows.size(),
      deterministic ? "true" : "false", db_ok ? "true" : "false", processed,
      strategy_rows, skip_rows, cursor_rows, st.orders, st.duplicates, st.spot,
      st.hip3, st.untradeable, st.liquidations, st.off_market, st.seconds,
      full.seconds, full.plan_seconds, full.apply_seconds,
      static_cast<unsigned long long>(full.flushes),
      rate(fills.size(), rerun.seconds));

  std::printf("{\"bench\":\"replay_throughput\",\"fills\":%zu,\"seconds\":%.3f,"
              "\"fills_per_s\":%.0f,\"dedup_only_fills_per_s\":%.0f,"
              "\"strategy_only_fills_per_s\":%.0f,"
              "\"with_persistence_fills_per_s\":%.0f,"
              "\"persistence_only_fills_per_s\":%.0f,\"db_rows\":%lld,"
              "\"all_guards\":%s}\n",
              fills.size(), full.seconds, rate(fills.size(), full.seconds),
              rate(fills.size(), dedup.seconds),
              rate(fills.size(), strategy.seconds),
              rate(fills.size(), full.seconds),
              rate(fills.size(), full.plan_seconds + full.apply_seconds),
              db_rows, o.all_guards ? "true" : "false");
  std::fflush(stdout);
  return deterministic && db_ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_args(argc, argv));
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "bench_replay_throughput: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_replay_throughput: %s\n", e.what());
    return 1;
  }
}
