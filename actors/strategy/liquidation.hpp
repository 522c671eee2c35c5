#pragma once

#include "messages/decimal.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hlc {

/// One maintenance margin bracket of a symbol (Binance `leverageBracket`).
struct margin_bracket {
  decimal notional_floor;     ///< USD
  decimal notional_cap;       ///< USD
  decimal maint_margin_ratio; ///< e.g. 0.0065
  decimal cum;                ///< maintenance amount, USD
};

/// The largest position notional (USD) whose estimated liquidation price
/// stays at least `min_distance_pct` from the entry price, for a position
/// opened at `leverage` with its initial margin only (isolated-margin
/// estimate; cross margin liquidates later, so the estimate is on the safe
/// side). Liquidation of a long at entry E, quantity Q, notional N = Q E:
/// P = E (1 − 1/L − cum/N) / (1 − mmr); of a short:
/// P = E (1 + 1/L + cum/N) / (1 + mmr). The distance shrinks as N grows
/// (larger brackets have larger mmr), so the brackets are walked upward.
/// `brackets` sorted by floor; empty → nullopt (unknown: never guessed).
std::optional<decimal>
max_notional_for_liq_distance(const std::vector<margin_bracket>& brackets,
                              int leverage, decimal min_distance_pct,
                              bool is_long);

/// The estimated liquidation distance in percent of the entry price for a
/// position of `notional` USD (for messages and tests).
decimal liq_distance_pct(const std::vector<margin_bracket>& brackets,
                         int leverage, decimal notional, bool is_long);

} // namespace hlc
