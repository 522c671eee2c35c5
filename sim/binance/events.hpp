#pragma once

#include "sim/binance/account.hpp"
#include "sim/binance/order.hpp"
#include "sim/binance/symbol_spec.hpp"

#include <string>

namespace hlc::sim::binance {

/// `ORDER_TRADE_UPDATE` for `o` with execution type `x` ("NEW", "TRADE",
/// "CANCELED", "EXPIRED"); `fill` is the trade of a TRADE event. Field order
/// and value formats follow the REAL captures.
std::string order_trade_update(const sim_order& o, const symbol_spec& spec,
                               const char* x, const order_fill* fill,
                               int64_t event_ms, decimal bids_notional,
                               decimal asks_notional);

/// `TRADE_LITE` for one fill of `o`.
std::string trade_lite(const sim_order& o, const symbol_spec& spec,
                       const order_fill& fill, int64_t event_ms);

/// `ACCOUNT_UPDATE` (reason ORDER) with the USDT balance and the changed
/// position `p` at `mark`.
std::string account_update(const account& acct, const position& p, decimal mark,
                           bool isolated, int64_t event_ms);

/// `listenKeyExpired` (E as a string, as the docs show it).
std::string listen_key_expired(const std::string& key, int64_t event_ms);

} // namespace hlc::sim::binance
