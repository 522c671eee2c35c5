#pragma once

#include "apps/hlcopy/market_data.hpp"
#include "config/settings.hpp"
#include "support/crash_points.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace hlc {

struct replay_options {
  settings cfg;
  std::string fills_path;      ///< a userFills / userFillsByTime recording file
  std::string_view fills_json; ///< ... or one in memory (must outlive the run)
  std::string fills_name;      ///< shown in the report
  market_snapshot market;      ///< filters and starting marks
  int64_t from_ms = 0;         ///< replay fills with time >= from_ms
  int64_t to_ms = INT64_MAX;   ///< ... and time <= to_ms
  /// Test option: SIGKILL at the Nth pass of a crash point.
  std::optional<crash_points::crash_spec> crash_at;
  bool count_crash_points = false; ///< test option: count passes
  uint64_t term_after_fills = 0;   ///< test hook: raise SIGTERM after N fills
  std::function<void(const std::string&)> out; ///< alert lines
};

/// What the replay driver counted itself (the rest comes from the DB).
struct replay_counters {
  uint64_t read = 0;        ///< fills in the recording (and time window)
  uint64_t quarantined = 0; ///< fills that failed to parse
  uint64_t fresh = 0;       ///< fills that passed the dedup gate
  uint64_t duplicates = 0;  ///< fills the dedup gate dropped
  bool interrupted = false; ///< SIGINT/SIGTERM stopped intake early
  int64_t first_ms = 0;
  int64_t last_ms = 0;
};

/// Installs SIGINT/SIGTERM handlers that ask a running replay to stop
/// (MODE-5): intake stops between two fills, every order is already settled
/// (the barrier), the WRITER flushes, the actors stop in order, the report
/// covers what was processed, and the process exits 0.
void install_stop_handlers();

/// Runs a recording through the real actors against the paper exchange
/// (SPEC MODE-1 replay), streamed (ADR 0020): one millisecond of leader
/// fills at a time, each batch settled (orders in a terminal state) before
/// the next, so a replay is deterministic (ADR 0021). The
/// replay clock follows the fills; each fill moves its symbol's mark to the
/// fill price, unless the marks are a timeline (`mark_timeline`): then each
/// mark moves when the clock reaches its time. Throws std::runtime_error
/// when startup fails.
replay_counters run_replay(const replay_options& opts);

} // namespace hlc
