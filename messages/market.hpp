#pragma once

#include "messages/decimal.hpp"

#include <cstdint>
#include <string>

namespace hlc {

/// Binance per-symbol trading rules from exchangeInfo (SPEC STR-4).
struct symbol_filters {
  std::string symbol;
  bool trading = false; ///< PERPETUAL and status TRADING
  decimal tick_size;    ///< PRICE_FILTER
  decimal min_price;
  decimal max_price;
  decimal step_size; ///< LOT_SIZE
  decimal min_qty;
  decimal max_qty;
  decimal market_step_size; ///< MARKET_LOT_SIZE
  decimal market_min_qty;
  decimal market_max_qty;
  decimal min_notional; ///< MIN_NOTIONAL.notional (never hard coded)
  decimal percent_up;   ///< PERCENT_PRICE.multiplierUp
  decimal percent_down; ///< PERCENT_PRICE.multiplierDown
};

/// A mark price observation for one Binance symbol.
struct mark_price {
  std::string symbol;
  decimal mark;
  int64_t time_ms = 0; ///< exchange time of the observation
};

/// The best bid and ask of one Binance symbol (bookTicker): the slippage
/// check of a MARKET order is against the book, not the mark (EXE-3).
struct book_top {
  std::string symbol;
  decimal bid;
  decimal ask;
  int64_t time_ms = 0; ///< exchange time of the observation
};

/// A Hyperliquid mid (`allMids`) for one coin: the STRATEGY's price sanity
/// check of the symbol map at start (STR-1).
struct coin_mid {
  std::string coin;
  decimal mid;
};

} // namespace hlc
