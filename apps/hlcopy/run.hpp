#pragma once

#include "config/settings.hpp"
#include "messages/market.hpp"

#include <functional>
#include <vector>

namespace hlc {

/// `hlcopy run --config F` (SPEC MODE-1, MODE-2, MODE-5).
/// - `dry-run`: Binance rules and marks (unsigned: exchangeInfo, the mark
///   stream, premiumIndex) gate the start; then the live ingest (HL_STREAM,
///   HL_BACKFILL) feeds the pipeline and the paper exchange fills at those
///   marks. Nothing is ever signed or sent to Binance.
/// - `backfill-only`: the live ingest with trading SAFE: fills, skips and
///   cursors are recorded, nothing is ordered.
/// - `live`: the same, plus clock sync, the one-way mode check and the
///   baseline (MODE-3), then the Binance GATEWAY trades signed (issue 8).
/// Blocks until SIGINT/SIGTERM, then shuts down in order and returns 0;
/// returns 2 for config errors, 1 for startup failures (with a reason code).
int run_service(const settings& cfg);

/// What an embedding command (`hlcopy demo`) adds to a run.
struct run_hooks {
  /// Called once the pipeline runs and the ingest is connecting.
  std::function<void()> on_ready;
  /// Polled every 100 ms besides the stop signals: true stops the run the
  /// way SIGTERM does.
  std::function<bool()> done;
  /// Receives the exchangeInfo rules the run traded with.
  std::vector<symbol_filters>* filters_out = nullptr;
};

int run_service(const settings& cfg, const run_hooks& hooks);

} // namespace hlc
