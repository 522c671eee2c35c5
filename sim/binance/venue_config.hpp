#pragma once

#include "messages/decimal.hpp"
#include "sim/binance/faults.hpp"
#include "sim/binance/market.hpp"
#include "sim/binance/rate_limiter.hpp"
#include "sim/binance/symbol_spec.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hlc::sim::binance {

/// The official docs' test key pair (BN-docs general-info, protocol_facts
/// §B.3): the default credentials of the simulator.
inline constexpr const char* test_api_key
    = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
inline constexpr const char* test_api_secret
    = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";

/// Order of the user-data events of one fill.
enum class event_order {
  capture,   ///< TRADE_LITE, OTU NEW, ACCOUNT_UPDATE, OTU TRADE (REAL seq A)
  otu_first, ///< OTU NEW, OTU TRADE, ACCOUNT_UPDATE, TRADE_LITE
};

/// A position present at start (and after reset).
struct position_seed {
  std::string symbol;
  std::string side = "BOTH";
  decimal amount;
  decimal entry_price;
};

/// An explicit book for a symbol (instead of a generated one).
struct book_seed {
  std::vector<level> bids;
  std::vector<level> asks;
};

/// One scripted mark move: `after_ms` after the venue starts (or resets),
/// `symbol`'s mark moves to `mark` and its book is rebuilt around it;
/// resting orders the move crosses fill (`fill_ratio` of their quantity).
struct mark_step {
  int64_t after_ms = 0;
  std::string symbol;
  decimal mark;
  decimal fill_ratio = decimal::from_int(1);
};

/// Everything a scenario can set. Defaults give a realistic mainnet-like
/// venue with 10 000 USDT.
struct venue_config {
  std::string api_key = test_api_key;
  std::string api_secret = test_api_secret;
  std::vector<symbol_spec> symbols = default_symbols();
  std::map<std::string, decimal> marks;   ///< overrides initial marks
  std::map<std::string, book_seed> books; ///< overrides generated books
  book_shape shape;                       ///< generated book shape
  decimal balance = decimal::from_int(10000);
  decimal taker_fee = decimal::parse_or_throw("0.0005");
  decimal maker_fee = decimal::parse_or_throw("0.0002");
  int default_leverage = 20;
  bool dual_side = false;
  std::vector<position_seed> positions;
  rate_limits limits;
  event_order order = event_order::capture;
  stream_faults stream;
  std::vector<http_fault> faults;
  uint64_t seed = 1;
  uint64_t order_id_start = 8389765739703625592ULL;
  uint64_t trade_id_start = 5612428004ULL;
  int64_t listen_key_validity_ms = 3600000;
  int64_t max_recv_window_ms = 60000;
  /// Server-clock drift: the venue's clock (serverTime and the timestamp
  /// check of signed requests) runs this many ms ahead (negative: behind)
  /// of the wall clock, so a client synced before the drift gets -1021
  /// until it resyncs via GET /fapi/v1/time.
  int64_t clock_offset_ms = 0;
  bool consume_liquidity = false;  ///< taker fills remove book liquidity
  std::vector<mark_step> timeline; ///< scripted mark moves, by after_ms
};

} // namespace hlc::sim::binance
