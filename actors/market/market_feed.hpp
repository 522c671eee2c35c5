#pragma once

#include "messages/interfaces.hpp"

#include <cstdint>
#include <vector>

namespace hlc {

struct market_feed_state {
  static inline const char* name = "market_feed";
  strategy_actor strategy;
  router_actor router;
  paper_gateway_actor paper; ///< dry-run only: the paper venue fills at marks
  writer_actor writer;
  std::vector<symbol_filters> filters; ///< the latest, for restarted peers
  uint64_t marks = 0;
  uint64_t bad_inputs = 0;
};

/// The MARKET FEED (issue 7, STR-4, STR-8): hands Binance's trading rules
/// and mark prices, which its adapter (adapters/binance/market_feed) reads
/// on the network thread and sends here, to the STRATEGY, the ROUTER and —
/// in dry-run — the paper exchange; quarantines unreadable input through
/// the WRITER. A peer handed again after a restart gets the latest rules.
market_feed_actor::behavior_type
market_feed(market_feed_actor::stateful_pointer<market_feed_state> self,
            writer_actor writer);

} // namespace hlc
