#pragma once

#include "actors/strategy/symbol_map.hpp"
#include "bench/replay_throughput/synthetic_stream.hpp"
#include "config/settings.hpp"
#include "messages/reasons.hpp"
#include "messages/strategy_state.hpp"
#include "persistence/database.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace hlc::bench {

/// What the strategy decided over a run.
struct tally {
  uint64_t fresh = 0;      ///< fills through the dedup gate
  uint64_t duplicates = 0; ///< fills the dedup gate dropped
  uint64_t targets = 0;    ///< fills that moved a symbol target
  uint64_t skips = 0;
  std::map<skip_reason, uint64_t> skips_by_reason;
};

/// The strategy's end state, for comparing runs.
struct final_state {
  std::vector<std::pair<std::string, decimal>> targets; ///< by symbol
  std::map<std::pair<std::string, std::string>, leader_coin_state> rows;
};

/// True when both runs ended with the same targets and (leader, coin) rows.
bool same_state(const final_state& a, const final_state& b);

struct stage_result {
  double seconds = 0;
  tally counts;
  final_state state;
  double plan_seconds = 0;  ///< in make_flush_plan
  double apply_seconds = 0; ///< in apply (SQLite)
  uint64_t flushes = 0;
};

/// Stage 1: `dedup_set::insert` + TTL prune per fill, as the dedup gate does.
/// Appends the indexes of the fresh fills to `fresh`.
stage_result run_dedup_only(const std::vector<bench_fill>& fills,
                            int64_t ttl_ms, std::vector<uint32_t>& fresh);

/// Stage 2: mark refresh + `target_book::on_fill` over the fresh fills only.
stage_result run_strategy_only(const std::vector<bench_fill>& fills,
                               const std::vector<uint32_t>& fresh,
                               const settings& cfg, const symbol_map& map);

/// The whole replay path: mark refresh, dedup, strategy, one `db_write` per
/// fresh fill (exactly what the STRATEGY actor sends the WRITER for a batch
/// of one fill), and every `batch` input fills `apply(make_flush_plan)`
/// into `db`, as the WRITER does. With `db == nullptr` nothing is persisted
/// (the determinism re-run).
stage_result run_pipeline(const std::vector<bench_fill>& fills,
                          const settings& cfg, const symbol_map& map,
                          database* db, size_t batch);

} // namespace hlc::bench
