#pragma once

#include "ingest/page_cursor.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace hlc::ingest {

/// What to do about the time since a leader's cursor (SPEC ING-7).
enum class gap_decision : uint8_t {
  backfill,  ///< within `backfill_window_ms`: fetch it
  too_large, ///< HALTED GAP_TOO_LARGE, alert, no orders
};

/// At start or after a reconnect: `now − cursor` beyond the window halts.
/// A leader without a cursor (first run) has no gap; it starts at now.
gap_decision decide_gap(int64_t now_ms, std::optional<int64_t> cursor_ms,
                        int64_t backfill_window_ms);

/// After a backfill: anything but `covered` means fills are missing.
gap_decision decide_backfill(backfill_end end);

/// Per-leader cursor (SPEC ING-6): the newest fill time that was durably
/// processed. Only the pipeline's acknowledgement moves it, and only
/// forward; fills received but not acknowledged never do.
class leader_cursors {
public:
  void set(const std::string& leader, int64_t time_ms);
  /// The pipeline durably processed fills up to `time_ms` of `leader`.
  void on_processed(const std::string& leader, int64_t time_ms);
  std::optional<int64_t> get(const std::string& leader) const;
  const std::map<std::string, int64_t>& all() const noexcept {
    return by_leader_;
  }

private:
  std::map<std::string, int64_t> by_leader_;
};

} // namespace hlc::ingest
