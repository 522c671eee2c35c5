#pragma once

#include "adapters/binance/parse_error.hpp"
#include "messages/decimal.hpp"
#include "messages/market.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hlc::binance {

/// `GET /fapi/v1/premiumIndex`: one object (with `symbol=`) or an array.
result<std::vector<mark_price>> parse_premium_index(std::string_view body);

/// `GET /fapi/v1/ticker/bookTicker?symbol=`.
struct book_ticker {
  std::string symbol;
  decimal bid;
  decimal bid_qty;
  decimal ask;
  decimal ask_qty;
  int64_t time_ms = 0;
};

result<book_ticker> parse_book_ticker(std::string_view body);

/// One entry of `GET /fapi/v2/positionRisk` or `/fapi/v3/positionRisk`.
struct position_risk {
  std::string symbol;
  std::string position_side; ///< "BOTH" in one-way mode
  decimal position_amt;      ///< signed
  decimal entry_price;
  decimal mark;
};

/// v2 lists every symbol (flat ones with amount 0); v3 only symbols with a
/// position or open orders. Both are JSON arrays.
result<std::vector<position_risk>> parse_position_risk(std::string_view body);

/// `GET /fapi/v1/positionSide/dual` -> `dualSidePosition` (true = hedge mode).
result<bool> parse_position_side_dual(std::string_view body);

/// `GET /fapi/v1/time` -> `serverTime` in ms.
result<int64_t> parse_server_time(std::string_view body);

} // namespace hlc::binance
