#pragma once

#include "adapters/binance/parse_error.hpp"
#include "messages/market.hpp"

#include <rapidjson/document.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hlc::binance {

/// Parsed `/fapi/v1/exchangeInfo`. A symbol with a bad or missing filter is
/// left out and reported (e.g. "symbols[3].filters[0].tickSize"); the other
/// symbols are unaffected.
/// One entry of exchangeInfo's `rateLimits` (protocol_facts §B.2): e.g.
/// REQUEST_WEIGHT 2400 per 1 MINUTE, ORDERS 300 per 10 SECOND.
struct rate_limit {
  std::string type; ///< REQUEST_WEIGHT, ORDERS (RAW_REQUESTS is not used)
  int64_t interval_ms = 0;
  int64_t limit = 0;
};

struct exchange_info {
  std::vector<symbol_filters> symbols;
  std::vector<rate_limit> rate_limits; ///< empty when the body has none
  std::vector<parse_error> errors;
};

/// Accepts the full response (`{..., symbols:[...]}`) or a single symbol
/// entry object (errors then start at "filters[j]"). Reads PRICE_FILTER,
/// LOT_SIZE, MARKET_LOT_SIZE, MIN_NOTIONAL (`notional`) and PERCENT_PRICE,
/// all required; `trading` = contractType PERPETUAL and status TRADING.
exchange_info parse_exchange_info(std::string_view body);
exchange_info parse_exchange_info(const rapidjson::Value& body);

} // namespace hlc::binance
