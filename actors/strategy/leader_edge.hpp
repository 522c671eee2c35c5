#pragma once

#include "messages/decimal.hpp"
#include "messages/fill.hpp"

#include <cstdint>
#include <string>

namespace hlc {

/// A leader's closed trades as seen in its fills (STR-3 measured kelly).
struct trade_stats {
  int64_t trades = 0; ///< closing orders with a non-zero closedPnl
  int64_t wins = 0;   ///< ... of which closedPnl > 0
  decimal sum_win;    ///< sum of the winning trades' closedPnl (> 0)
  decimal sum_loss;   ///< sum of the losing trades' |closedPnl| (> 0)
};

/// Measures a leader's edge from the closedPnl of its fills. One closing
/// order (coin, oid) is one trade, however many fills it took; the trade
/// still being filled counts with its pnl so far.
class leader_edge {
public:
  void on_fill(const leader_fill& fill);
  trade_stats stats() const;

private:
  static void add(trade_stats& s, decimal pnl);

  trade_stats closed_;
  std::string open_coin_;
  uint64_t open_oid_ = 0;
  decimal open_pnl_;
  bool open_ = false;
};

} // namespace hlc
