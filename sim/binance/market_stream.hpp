#pragma once

// The market-data WebSocket streams binance-sim serves, at the paths USDⓈ-M
// uses since 2026-04-23 (protocol_facts §B.1):
//   /market/ws/<symbol>@markPrice[@1s]       markPriceUpdate every 3 s / 1 s
//   /public/ws/<symbol>@bookTicker           bookTicker on every best change
//   /market/stream?streams=a/b, /public/stream?streams=a/b   combined,
//                                            {"stream":…,"data":…}
// Symbols are lower-case in stream names. A stream on the wrong category
// (bookTicker under /market) or an unknown symbol refuses the upgrade.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hlc::sim::binance {

/// One stream of a market connection.
struct market_stream {
  enum class kind { mark_price, book_ticker };
  std::string name;   ///< as requested: "btcusdt@markPrice@1s"
  std::string symbol; ///< upper-case: "BTCUSDT"
  kind type = kind::mark_price;
  int64_t interval_ms = 0; ///< markPrice: 1000 or 3000
  int64_t next_due_ms = 0; ///< next markPrice push
};

/// What a market upgrade asks for.
struct market_request {
  bool combined = false;
  std::vector<market_stream> streams;
};

/// Parses a market path + query; nullopt when it is not a valid market
/// stream request for `symbols`.
std::optional<market_request>
parse_market_request(const std::string& path, const std::string& query,
                     const std::set<std::string>& symbols);

} // namespace hlc::sim::binance
