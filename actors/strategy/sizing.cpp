#include "actors/strategy/sizing.hpp"

namespace hlc {

namespace {

// Enough digits for k and for Kelly's fractions; quantities are rounded to
// the step later.
constexpr int k_scale = 12;

const decimal one = decimal::from_int(1);

decimal div(decimal a, decimal b) {
  return decimal::divide(a, b, k_scale, rounding::toward_zero);
}

decimal mul(decimal a, decimal b) {
  return decimal::multiply(a, b, k_scale, rounding::toward_zero);
}

sizing_result refuse(skip_reason reason, std::string error) {
  sizing_result r;
  r.reason = reason;
  r.error = std::move(error);
  return r;
}

sizing_result sized(decimal k, std::string note) {
  sizing_result r;
  r.k = k;
  r.note = std::move(note);
  return r;
}

/// k that maps the opening position to `notional` USD.
sizing_result from_notional(decimal notional, const sizing_inputs& in,
                            std::string note) {
  auto open = decimal::multiply(in.leader_open_qty.abs(), in.price, k_scale,
                                rounding::toward_zero);
  if (!open.is_positive())
    return refuse(skip_reason::sizing_unavailable,
                  "sizing needs a positive opening notional");
  auto k = div(notional, open);
  return sized(k, note + ", k " + k.to_string());
}

} // namespace

std::optional<kelly_bet> kelly(const sizing_settings& cfg, const trade_stats& m,
                               std::string& error) {
  kelly_bet bet;
  if (cfg.kelly_from == kelly_source::configured) {
    auto p = cfg.kelly_win_rate;
    bet.edge = p - div(one - p, cfg.kelly_payoff);
    bet.why = "configured p " + p.to_string() + ", b "
              + cfg.kelly_payoff.to_string();
  } else {
    if (m.trades < cfg.kelly_min_trades) {
      error = "kelly: " + std::to_string(m.trades)
              + " closed trades measured, kelly_min_trades is "
              + std::to_string(cfg.kelly_min_trades);
      return std::nullopt;
    }
    auto n = decimal::from_int(m.trades);
    auto wins = decimal::from_int(m.wins);
    auto losses = decimal::from_int(m.trades - m.wins);
    auto p = div(wins, n);
    decimal raw;
    if (m.wins == 0)
      raw = -one;
    else if (m.wins == m.trades)
      raw = one; // no loss seen: b is unbounded, f* = p = 1
    else {
      // (1 − p) / b = (1 − p) × avg loss / avg win
      auto avg_win = div(m.sum_win, wins);
      auto avg_loss = div(m.sum_loss, losses);
      raw = p - div(mul(one - p, avg_loss), avg_win);
    }
    // Shrink toward zero by n / (n + s): a short record counts for less.
    auto shrink = div(n, n + decimal::from_int(cfg.kelly_shrink_trades));
    bet.edge = mul(raw, shrink);
    bet.why = "measured " + std::to_string(m.wins) + "/"
              + std::to_string(m.trades) + " wins, f* " + raw.to_string()
              + " shrunk x" + shrink.to_string();
  }
  if (!bet.edge.is_positive()) {
    error = "kelly: no positive edge (" + bet.why + ", f* "
            + bet.edge.to_string() + ")";
    return std::nullopt;
  }
  bet.share = mul(cfg.kelly_fraction, bet.edge);
  if (bet.share > cfg.kelly_cap) bet.share = cfg.kelly_cap;
  if (!bet.share.is_positive()) {
    error = "kelly: share of equity rounds to zero (" + bet.why + ")";
    return std::nullopt;
  }
  return bet;
}

sizing_result scale_factor(const sizing_settings& cfg,
                           const sizing_inputs& in) {
  switch (cfg.mode) {
  case sizing_mode::ratio:
    return sized(cfg.ratio, "ratio " + cfg.ratio.to_string());
  case sizing_mode::fixed_usd:
    return from_notional(cfg.fixed_usd, in,
                         "fixed_usd " + cfg.fixed_usd.to_string());
  case sizing_mode::equity: {
    if (!in.follower_equity || !in.follower_equity->is_positive())
      return refuse(skip_reason::sizing_unavailable,
                    "equity sizing: follower equity unknown");
    if (!in.leader_equity || !in.leader_equity->is_positive())
      return refuse(skip_reason::sizing_unavailable,
                    "equity sizing: leader equity unknown (no "
                    "clearinghouseState, sizing.leader_equity_usd 0)");
    auto k = div(mul(cfg.weight, *in.follower_equity), *in.leader_equity);
    if (!k.is_positive())
      return refuse(skip_reason::sizing_unavailable,
                    "equity sizing: k rounds to zero");
    return sized(k, "equity " + cfg.weight.to_string() + " x "
                        + in.follower_equity->to_string() + " / "
                        + in.leader_equity->to_string() + ", k "
                        + k.to_string());
  }
  case sizing_mode::kelly: {
    if (!in.follower_equity || !in.follower_equity->is_positive())
      return refuse(skip_reason::sizing_unavailable,
                    "kelly sizing: follower equity unknown");
    std::string error;
    auto bet = kelly(cfg, in.measured, error);
    if (!bet) return refuse(skip_reason::no_edge, error);
    auto notional = mul(*in.follower_equity, bet->share);
    return from_notional(notional, in,
                         "kelly " + bet->why + ", share "
                             + bet->share.to_string() + " of equity "
                             + in.follower_equity->to_string());
  }
  }
  return refuse(skip_reason::sizing_unavailable, "unknown sizing mode");
}

} // namespace hlc
