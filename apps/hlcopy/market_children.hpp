#pragma once

// The MARKET FEED child of `hlcopy run` (dry-run; live later): the Binance
// market feed adapter runs on the network thread and reaches the MARKET
// FEED actor through a bridge, which survives the actor's restarts and
// keeps what arrived before the actor existed.

#include "actors/supervisor/supervisor.hpp"
#include "adapters/binance/market_feed.hpp"
#include "messages/interfaces.hpp"

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hlc {

/// Hands the adapter's results to the current MARKET FEED actor.
class market_bridge {
public:
  /// The adapter's callbacks, bound to this bridge.
  binance::market_feed_events events(std::function<int64_t()> now_ms);

  /// Waits for the first exchangeInfo (startup step); nullopt on timeout.
  std::optional<std::vector<symbol_filters>>
  first_filters(std::chrono::milliseconds bound);

  /// Waits until every symbol in `symbols` has a mark; false on timeout.
  bool marks_for(const std::set<std::string>& symbols,
                 std::chrono::milliseconds bound);

  /// exchangeInfo's request windows (EXE-2), once it arrived.
  std::vector<binance::rate_limit> rate_limits();

  /// The latest mark of every symbol seen so far.
  std::vector<mark_price> marks();

  /// The (re)started actor: gets the latest rules and marks at once.
  void attach(const market_feed_actor& actor);

private:
  void on_filters(std::vector<symbol_filters> filters);
  void on_mark(mark_price m);
  void on_bad(quarantine_record q);

  std::mutex m_;
  std::condition_variable cv_;
  market_feed_actor actor_;
  std::optional<std::vector<symbol_filters>> filters_;
  std::vector<binance::rate_limit> rate_limits_;
  std::map<std::string, mark_price> marks_;
};

/// Declares the MARKET FEED child (intake phase: it stops with the ingest).
void add_market_feed(supervisor_config& sc,
                     std::shared_ptr<market_bridge> bridge);

} // namespace hlc
