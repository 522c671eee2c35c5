#pragma once

#include "messages/decimal.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hlc::sim::binance {

/// One position (one-way: side BOTH with a signed amount; hedge: LONG
/// with amount >= 0 or SHORT with amount <= 0).
struct position {
  std::string symbol;
  std::string side = "BOTH";
  decimal amount;      ///< signed
  decimal entry_price; ///< zero when flat
  decimal realized;    ///< accumulated realized PnL ("cr")
  int64_t update_time_ms = 0;
};

/// Result of applying a fill to a position.
struct fill_effect {
  decimal realized;
  decimal commission;
};

/// The USDT wallet, fees, per-symbol settings and positions of the one
/// simulated account. All arithmetic is exact (`hlc::decimal`).
class account {
public:
  decimal wallet_balance = decimal::from_int(10000);
  decimal taker_fee = decimal::parse_or_throw("0.0005");
  decimal maker_fee = decimal::parse_or_throw("0.0002");
  int default_leverage = 20;
  bool dual_side = false;

  /// Key of a position: "BTCUSDT|BOTH".
  static std::string key(const std::string& symbol, const std::string& side) {
    return symbol + "|" + side;
  }

  /// The position (created flat on first use).
  position& pos(const std::string& symbol, const std::string& side);

  /// The position if it exists, else a flat one.
  position peek(const std::string& symbol, const std::string& side) const;

  /// All positions, ordered by symbol then side.
  const std::map<std::string, position>& positions() const {
    return positions_;
  }

  int leverage(const std::string& symbol) const;
  void set_leverage(const std::string& symbol, int leverage) {
    leverage_[symbol] = leverage;
  }
  bool isolated(const std::string& symbol) const;
  void set_isolated(const std::string& symbol, bool isolated) {
    isolated_[symbol] = isolated;
  }

  /// Applies one fill of `qty` (signed: + buys) at `price`; updates the
  /// position (entry averaging, flips), realized PnL, fee and wallet.
  fill_effect apply_fill(const std::string& symbol, const std::string& side,
                         decimal signed_qty, decimal price, bool maker,
                         int64_t time_ms);

  /// Unrealized PnL of a position at `mark`.
  static decimal unrealized(const position& p, decimal mark);

  /// Break-even price: entry adjusted for the taker fee.
  decimal break_even(const position& p) const;

  /// Initial margin of a position at `mark` (|amount| * mark / leverage).
  decimal initial_margin(const position& p, decimal mark) const;

  /// Removes all positions and settings (reset).
  void clear() {
    positions_.clear();
    leverage_.clear();
    isolated_.clear();
  }

private:
  std::map<std::string, position> positions_;
  std::map<std::string, int> leverage_;
  std::map<std::string, bool> isolated_;
};

} // namespace hlc::sim::binance
