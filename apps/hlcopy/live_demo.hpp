#pragma once

// `hlcopy demo` (issue 8 item 7): the live path on one machine, offline.
// Starts hl-sim and binance-sim in this process on 127.0.0.1, runs a
// scripted leader session (3 minutes of leader time compressed 12×) through
// `hlcopy run`'s real code in live mode (ingest → strategy → executors →
// signed REST → binance-sim), and prints what was copied, what was skipped
// and why, the final Binance positions against the targets, and copy
// latency percentiles.

#include <iosfwd>

namespace hlc {

/// Runs the demo; 0 when every symbol ended on target or said why.
int run_live_demo(std::ostream& out, std::ostream& err);

} // namespace hlc
