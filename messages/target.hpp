#pragma once

#include "messages/decimal.hpp"

#include <cstdint>
#include <string>

namespace hlc {

/// The strategy's desired signed follower position for one symbol. Executors
/// trade toward the latest target; older targets are superseded, never queued.
struct symbol_target {
  std::string symbol;
  decimal target_qty;         ///< signed, in Binance units, step-aligned
  decimal reference_px;       ///< leader fill px after multiplier (for limits)
  bool reduce_only = false;   ///< the change only reduces exposure
  uint64_t seq = 0;           ///< strategy sequence; larger supersedes smaller
  std::string correlation;    ///< leader fill key that caused it
  int64_t leader_time_ms = 0; ///< leader fill time
  int64_t received_us = 0;    ///< when the leader fill arrived (wall µs)
  /// Re-emitted by a restarted STRATEGY: the STRATEGY's sequence restarted,
  /// so it applies even when its `seq` is not newer than the last one seen.
  bool restated = false;
};

} // namespace hlc
