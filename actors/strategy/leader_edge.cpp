#include "actors/strategy/leader_edge.hpp"

namespace hlc {

void leader_edge::add(trade_stats& s, decimal pnl) {
  if (pnl.is_zero()) return; // break-even: neither a win nor a loss
  ++s.trades;
  if (pnl.is_positive()) {
    ++s.wins;
    s.sum_win += pnl;
  } else {
    s.sum_loss += pnl.abs();
  }
}

void leader_edge::on_fill(const leader_fill& fill) {
  if (fill.closed_pnl.is_zero()) return; // an open or an add
  if (open_ && open_coin_ == fill.key.coin && open_oid_ == fill.key.oid) {
    open_pnl_ += fill.closed_pnl;
    return;
  }
  if (open_) add(closed_, open_pnl_);
  open_ = true;
  open_coin_ = fill.key.coin;
  open_oid_ = fill.key.oid;
  open_pnl_ = fill.closed_pnl;
}

trade_stats leader_edge::stats() const {
  auto s = closed_;
  if (open_) add(s, open_pnl_);
  return s;
}

} // namespace hlc
