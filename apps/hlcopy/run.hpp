#pragma once

#include "config/settings.hpp"

namespace hlc {

/// `hlcopy run --config F` (SPEC MODE-1, MODE-2, MODE-5). This build runs
/// `backfill-only`: the live ingest (HL_STREAM, HL_BACKFILL) feeds the
/// pipeline with trading SAFE, so fills, skips and cursors are recorded and
/// nothing is ordered. `live` needs the Binance gateway and `dry-run` the
/// Binance market data (both later in issue 7 and the next issue): they
/// exit 2 with the reason. Blocks until SIGINT/SIGTERM, then shuts down in
/// order and returns 0; returns 2 for config errors, 1 for startup failures.
int run_service(const settings& cfg);

} // namespace hlc
