#include "sim/binance/account.hpp"

namespace hlc::sim::binance {

namespace {

constexpr int money_scale = 8;

} // namespace

position& account::pos(const std::string& symbol, const std::string& side) {
  auto k = key(symbol, side);
  auto i = positions_.find(k);
  if (i == positions_.end()) {
    position p;
    p.symbol = symbol;
    p.side = side;
    i = positions_.emplace(k, p).first;
  }
  return i->second;
}

position account::peek(const std::string& symbol,
                       const std::string& side) const {
  auto i = positions_.find(key(symbol, side));
  if (i != positions_.end()) return i->second;
  position p;
  p.symbol = symbol;
  p.side = side;
  return p;
}

int account::leverage(const std::string& symbol) const {
  auto i = leverage_.find(symbol);
  return i == leverage_.end() ? default_leverage : i->second;
}

bool account::isolated(const std::string& symbol) const {
  auto i = isolated_.find(symbol);
  return i != isolated_.end() && i->second;
}

fill_effect account::apply_fill(const std::string& symbol,
                                const std::string& side, decimal signed_qty,
                                decimal price, bool maker, int64_t time_ms) {
  auto& p = pos(symbol, side);
  fill_effect fx;
  auto qty = signed_qty.abs();
  auto rate = maker ? maker_fee : taker_fee;
  fx.commission
      = decimal::multiply(qty * price, rate, money_scale, rounding::half_up);
  auto old = p.amount;
  if (old.is_zero() || old.sign() == signed_qty.sign()) {
    // Opening or adding: average the entry price.
    auto total = old.abs() + qty;
    auto cost = old.abs() * p.entry_price + qty * price;
    p.entry_price = decimal::divide(cost, total, money_scale, rounding::half_up)
                        .normalized();
    p.amount = old + signed_qty;
  } else {
    // Reducing, closing or flipping.
    auto closed = min(qty, old.abs());
    auto diff = price - p.entry_price;
    fx.realized = old.is_positive() ? closed * diff : -(closed * diff);
    p.amount = old + signed_qty;
    if (p.amount.is_zero())
      p.entry_price = decimal{};
    else if (p.amount.sign() != old.sign())
      p.entry_price = price.normalized();
  }
  p.realized += fx.realized;
  p.update_time_ms = time_ms;
  wallet_balance = wallet_balance + fx.realized - fx.commission;
  return fx;
}

decimal account::unrealized(const position& p, decimal mark) {
  if (p.amount.is_zero()) return {};
  return p.amount * (mark - p.entry_price);
}

decimal account::break_even(const position& p) const {
  if (p.amount.is_zero()) return {};
  auto one = decimal::from_int(1);
  auto factor = p.amount.is_positive() ? one + taker_fee : one - taker_fee;
  return decimal::multiply(p.entry_price, factor, money_scale,
                           rounding::half_up)
      .normalized();
}

decimal account::initial_margin(const position& p, decimal mark) const {
  if (p.amount.is_zero()) return {};
  return decimal::divide(p.amount.abs() * mark,
                         decimal::from_int(leverage(p.symbol)), money_scale,
                         rounding::half_up);
}

} // namespace hlc::sim::binance
