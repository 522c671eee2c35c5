#include "actors/strategy/liquidation.hpp"

#include "actors/strategy/fraction.hpp"

namespace hlc {

namespace {

const fraction one = fraction::of(decimal::from_int(1));
const fraction hundred = fraction::of(decimal::from_int(100));

const margin_bracket* bracket_of(const std::vector<margin_bracket>& brackets,
                                 decimal notional) {
  for (auto& b : brackets)
    if (notional <= b.notional_cap) return &b;
  return brackets.empty() ? nullptr : &brackets.back();
}

/// The c/N threshold of one bracket: the position is far enough from
/// liquidation while cum / N ≥ threshold.
fraction threshold(const margin_bracket& b, const fraction& inv_leverage,
                   const fraction& d, bool is_long) {
  auto m = fraction::of(b.maint_margin_ratio);
  if (is_long) return one - inv_leverage - (one - d) * (one - m);
  return (one + d) * (one + m) - one - inv_leverage;
}

} // namespace

std::optional<decimal>
max_notional_for_liq_distance(const std::vector<margin_bracket>& brackets,
                              int leverage, decimal min_distance_pct,
                              bool is_long) {
  if (brackets.empty() || leverage < 1) return std::nullopt;
  auto inv_leverage = one / fraction::of(decimal::from_int(leverage));
  auto d = fraction::of(min_distance_pct) / hundred;
  for (auto& b : brackets) {
    auto a = threshold(b, inv_leverage, d, is_long);
    if (a.sign() <= 0) continue; // every notional of this bracket is safe
    // N ≤ cum / a, within [floor, cap]
    auto limit = fraction::of(b.cum) / a;
    auto floor = fraction::of(b.notional_floor);
    auto cap = fraction::of(b.notional_cap);
    if (limit < floor) limit = floor;
    if (limit > cap) limit = cap;
    return limit.to_decimal(6);
  }
  return brackets.back().notional_cap;
}

decimal liq_distance_pct(const std::vector<margin_bracket>& brackets,
                         int leverage, decimal notional, bool is_long) {
  auto b = bracket_of(brackets, notional);
  if (b == nullptr || !notional.is_positive() || leverage < 1) return decimal{};
  auto inv_leverage = one / fraction::of(decimal::from_int(leverage));
  auto m = fraction::of(b->maint_margin_ratio);
  auto c = fraction::of(b->cum) / fraction::of(notional);
  auto ratio = is_long ? (one - inv_leverage - c) / (one - m)
                       : (one + inv_leverage + c) / (one + m);
  auto distance = is_long ? one - ratio : ratio - one;
  return (distance * hundred).to_decimal(6);
}

} // namespace hlc
