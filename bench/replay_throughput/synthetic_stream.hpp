#pragma once

#include "bench/replay_throughput/bench_config.hpp"
#include "messages/fill.hpp"
#include "messages/market.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace hlc::bench {

/// One input of the replay: the mark the market data feed would have
/// delivered just before the fill (the replay driver moves the symbol's mark
/// to the leader's price; here the mark is the coin's own random walk), and
/// the leader fill as `parse_fill` turned it out of wire JSON.
struct bench_fill {
  std::optional<mark_price> mark;
  leader_fill fill;
};

/// What the generator put into the stream.
struct stream_stats {
  size_t orders = 0;
  size_t duplicates = 0;   ///< exact re-deliveries of an earlier fill
  size_t spot = 0;         ///< spot coins
  size_t hip3 = 0;         ///< builder perps
  size_t untradeable = 0;  ///< perps without a symbol or denied
  size_t liquidations = 0; ///< fills carrying a `liquidation` object
  size_t off_market = 0;   ///< fills priced ~1.2 % away from the mark
  double seconds = 0;      ///< generation + JSON + parse time
};

struct synthetic_stream {
  std::vector<bench_fill> fills;
  stream_stats stats;
};

/// Generates `n` leader fills, deterministic in `seed`: orders open,
/// increase, reduce, close and flip positions per (leader, coin), split into
/// up to 3 partial fills with chained `startPosition`; ~30 % of positions
/// already exist when the stream starts (their first reduction has nothing
/// attributed); ≈5 % of fills are re-deliveries of a recent fill; ≈2 % are
/// spot and ≈0.5 % HIP-3. Every fill is written as Hyperliquid wire JSON and
/// parsed back with `hyperliquid::parse_fill`, so the pipeline sees exactly
/// what ingest produces. Throws std::runtime_error if a fill fails to parse.
synthetic_stream make_stream(const universe& u, size_t n, uint64_t seed);

} // namespace hlc::bench
