#pragma once

// Builders shared by the logic tests.

#include "config/settings.hpp"
#include "messages/fill.hpp"
#include "messages/market.hpp"

#include <string>

namespace hlc::test {

inline decimal d(const char* text) {
  return decimal::parse_or_throw(text);
}

inline const std::string leader_a
    = "0xaaaa000000000000000000000000000000000001";
inline const std::string leader_b
    = "0xbbbb000000000000000000000000000000000002";

/// A leader fill: `start` is the leader position before, side from `sz`'s
/// sign (positive = buy).
inline leader_fill fill(const std::string& leader, const std::string& coin,
                        const char* start, const char* signed_sz,
                        const char* px, int64_t time_ms, uint64_t oid = 1,
                        uint64_t tid = 1) {
  leader_fill f;
  f.key = fill_key{leader,
                   coin,
                   oid,
                   tid,
                   time_ms,
                   decimal::parse_or_throw(start),
                   decimal::parse_or_throw(signed_sz).abs()};
  f.start_position = d(start);
  auto sz = d(signed_sz);
  f.side = sz.is_negative() ? side::sell : side::buy;
  f.sz = sz.abs();
  f.px = d(px);
  return f;
}

inline symbol_filters filters(const std::string& symbol, const char* step,
                              const char* min_notional, const char* tick) {
  symbol_filters f;
  f.symbol = symbol;
  f.trading = true;
  f.tick_size = d(tick);
  f.min_price = d(tick);
  f.max_price = d("1000000");
  f.step_size = d(step);
  f.min_qty = d(step);
  f.max_qty = d("100000000");
  f.market_step_size = d(step);
  f.market_min_qty = d(step);
  f.market_max_qty = d("1000000");
  f.min_notional = d(min_notional);
  f.percent_up = d("1.05");
  f.percent_down = d("0.95");
  return f;
}

inline settings ratio_settings(const char* ratio = "0.5") {
  settings s;
  leader_settings a;
  a.address = leader_a;
  a.sizing.ratio = d(ratio);
  leader_settings b = a;
  b.address = leader_b;
  s.leaders = {a, b};
  s.strategy.max_fill_age_ms = 10000;
  s.strategy.max_stale_ms = 5000;
  s.strategy.max_dev_pct = d("1");
  s.strategy.max_dev_usd = d("1000");
  s.risk.max_position_usd = d("1000000");
  s.risk.max_gross_usd = d("10000000");
  s.risk.max_open_symbols = 50;
  return s;
}

} // namespace hlc::test
