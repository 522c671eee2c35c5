#pragma once

#include "config/settings.hpp"

namespace hlc {

/// `hlcopy run --config F` (SPEC MODE-1, MODE-2, MODE-5).
/// - `dry-run`: Binance rules and marks (unsigned: exchangeInfo, the mark
///   stream, premiumIndex) gate the start; then the live ingest (HL_STREAM,
///   HL_BACKFILL) feeds the pipeline and the paper exchange fills at those
///   marks. Nothing is ever signed or sent to Binance.
/// - `backfill-only`: the live ingest with trading SAFE: fills, skips and
///   cursors are recorded, nothing is ordered.
/// - `live` needs the Binance gateway's startup checks and user stream
///   (issue 8): exit 2 with the reason.
/// Blocks until SIGINT/SIGTERM, then shuts down in order and returns 0;
/// returns 2 for config errors, 1 for startup failures (with a reason code).
int run_service(const settings& cfg);

} // namespace hlc
