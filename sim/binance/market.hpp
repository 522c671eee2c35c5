#pragma once

#include "messages/decimal.hpp"
#include "sim/binance/symbol_spec.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace hlc::sim::binance {

/// One price level of the simulated book.
struct level {
  decimal price;
  decimal qty;
};

/// Mark price and order book of one symbol, moved by the scenario or the
/// control API. Bids descend, asks ascend.
struct market_state {
  decimal mark;
  decimal index;
  decimal funding_rate = decimal::parse_or_throw("0.00010000");
  std::vector<level> bids;
  std::vector<level> asks;
  uint64_t update_id = 1027024;
};

/// Shape of a generated book around the mark.
struct book_shape {
  int levels = 20;         ///< per side
  int spread_ticks = 1;    ///< best bid = mark - n ticks, best ask = + n
  int level_gap_ticks = 1; ///< distance between levels
  std::optional<decimal> level_qty; ///< default: the symbol's level_qty
};

/// A book of `shape.levels` per side around `mark`, prices on the tick.
market_state make_market(const symbol_spec& spec, decimal mark,
                         const book_shape& shape = {});

/// One execution against the book.
struct book_fill {
  decimal price;
  decimal qty;
};

/// Walks the opposite side for a taker of `qty` (BUY walks asks); with a
/// `limit` only levels at or better than it. Returns the fills in walk
/// order; their sum is less than `qty` when liquidity is short.
std::vector<book_fill> walk_book(const market_state& m, bool buy, decimal qty,
                                 std::optional<decimal> limit);

/// Removes filled quantity from the levels (when liquidity is consumed).
void consume(market_state& m, bool buy, const std::vector<book_fill>& fills);

} // namespace hlc::sim::binance
