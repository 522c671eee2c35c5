#pragma once

#include "actors/strategy/leader_edge.hpp"
#include "config/settings.hpp"
#include "messages/decimal.hpp"
#include "messages/reasons.hpp"

#include <optional>
#include <string>

namespace hlc {

/// Inputs that fix the scale factor k when a leader position opens (STR-3).
struct sizing_inputs {
  decimal leader_open_qty; ///< |leader position| after the opening fill
  decimal price;           ///< leader fill price (HL units)
  std::optional<decimal> follower_equity; ///< USD; unknown = nullopt
  std::optional<decimal> leader_equity;   ///< USD; unknown = nullopt
  trade_stats measured;                   ///< the leader's closed trades
};

/// The scale factor k, or why the mode cannot size this open. `note` says
/// how k was chosen (logged and kept with the decision).
struct sizing_result {
  std::optional<decimal> k;
  skip_reason reason = skip_reason::sizing_unavailable; ///< when no k
  std::string error;                                    ///< when no k
  std::string note;                                     ///< when k
};

/// The Kelly bet before sizing: f* and the share of equity it gives.
struct kelly_bet {
  decimal edge;  ///< f* = p − (1 − p) / b (after shrinkage when measured)
  decimal share; ///< min(kelly_fraction × f*, kelly_cap); > 0 to copy
  std::string why;
};

/// `kelly`: f* from the configured win rate and payoff, or measured from the
/// leader's closed trades (at least `kelly_min_trades`; shrunk toward zero
/// by n / (n + kelly_shrink_trades)). nullopt with `error` set when the
/// edge is not positive or the sample too small.
std::optional<kelly_bet> kelly(const sizing_settings& cfg,
                               const trade_stats& measured, std::string& error);

/// `ratio`: k = ratio. `equity`: k = weight × follower equity / leader
/// equity. `fixed_usd`: the opening fill maps to a fixed notional,
/// k = fixed_usd / (qty × px). `kelly`: the opening fill maps to
/// follower equity × share (see `kelly`). Later adds and reductions scale
/// with the leader through the same k.
sizing_result scale_factor(const sizing_settings& cfg, const sizing_inputs& in);

/// True for the modes this build can size: all of them since ADR 0027 (kept
/// so the CLI's check for unsupported modes stays a one-liner).
constexpr bool sizing_supported(sizing_mode) noexcept {
  return true;
}

} // namespace hlc
