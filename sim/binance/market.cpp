#include "sim/binance/market.hpp"

namespace hlc::sim::binance {

market_state make_market(const symbol_spec& spec, decimal mark,
                         const book_shape& shape) {
  market_state m;
  m.mark = mark;
  m.index = mark;
  auto qty = shape.level_qty ? *shape.level_qty : spec.level_qty;
  auto tick = spec.tick_size;
  auto center = mark.round_to_step(tick, rounding::half_up);
  for (int i = 0; i < shape.levels; ++i) {
    auto offset
        = decimal::from_int(shape.spread_ticks + i * shape.level_gap_ticks)
          * tick;
    auto bid = center - offset;
    if (bid.is_positive()) m.bids.push_back({bid, qty});
    m.asks.push_back({center + offset, qty});
  }
  return m;
}

std::vector<book_fill> walk_book(const market_state& m, bool buy, decimal qty,
                                 std::optional<decimal> limit) {
  std::vector<book_fill> out;
  auto& side = buy ? m.asks : m.bids;
  auto left = qty;
  for (auto& lv : side) {
    if (!left.is_positive()) break;
    if (limit && (buy ? lv.price > *limit : lv.price < *limit)) break;
    if (!lv.qty.is_positive()) continue;
    auto take = min(left, lv.qty);
    out.push_back({lv.price, take});
    left -= take;
  }
  return out;
}

void consume(market_state& m, bool buy, const std::vector<book_fill>& fills) {
  auto& side = buy ? m.asks : m.bids;
  for (auto& f : fills) {
    for (auto& lv : side) {
      if (lv.price == f.price) {
        lv.qty -= f.qty;
        break;
      }
    }
  }
  std::vector<level> kept;
  for (auto& lv : side)
    if (lv.qty.is_positive()) kept.push_back(lv);
  side = std::move(kept);
  ++m.update_id;
}

} // namespace hlc::sim::binance
