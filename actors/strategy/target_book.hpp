#pragma once

#include "actors/strategy/fraction.hpp"
#include "actors/strategy/leader_edge.hpp"
#include "actors/strategy/liquidation.hpp"
#include "actors/strategy/symbol_map.hpp"
#include "config/settings.hpp"
#include "messages/fill.hpp"
#include "messages/market.hpp"
#include "messages/skip.hpp"
#include "messages/strategy_state.hpp"
#include "messages/target.hpp"

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace hlc {

/// Latest marks per Binance symbol.
using mark_table = std::unordered_map<std::string, mark_price>;

/// The outcome of one leader fill.
struct fill_decision {
  std::optional<symbol_target> target;    ///< set when the symbol target moved
  std::vector<skip_record> skips;         ///< every decision not to trade
  std::optional<leader_coin_state> state; ///< the (leader, coin) row to persist
  std::string sizing_note; ///< how k was fixed, when this fill fixed it
};

/// The target-position model (SPEC STR-2, STR-5..STR-9), pure logic.
///
/// Per (leader, coin) the book tracks the leader's position and the follower
/// quantity attributed to that leader, as an exact fraction (STR-10, ADR
/// 0018): opens and increases add k × Δleader × multiplier (after guards and
/// caps); a reduction by fraction φ reduces the attribution by φ; a full close
/// zeroes it; a flip is a close plus an open. Nothing is rounded here, so a
/// leader back at an earlier position gives back exactly the earlier target.
/// The per-symbol target is the sum of attributions, emitted as its decimal
/// image (toward zero at 10 decimals); executors round it to the step.
class target_book {
public:
  target_book(const settings& cfg, const symbol_map& map);

  /// Applies one (deduplicated) leader fill. `now_ms` is the injected clock
  /// (the replay clock in replay mode).
  fill_decision on_fill(const leader_fill& fill, const mark_table& marks,
                        trading_state state, int64_t now_ms);

  /// Restores a persisted row (startup).
  void restore(const leader_coin_state& row);

  /// Account inputs for sizing and caps (STR-3, STR-6), refreshed by the
  /// shell: the follower's equity (venue or paper account), a leader's
  /// equity (clearinghouseState), a symbol's maintenance margin brackets.
  void set_follower_equity(decimal usd) { follower_equity_ = usd; }
  void set_leader_equity(const std::string& leader, decimal usd) {
    leader_equity_[leader] = usd;
  }
  void set_brackets(const std::string& symbol,
                    std::vector<margin_bracket> brackets) {
    brackets_[symbol] = std::move(brackets);
  }

  /// Global drawdown stop (STR-6): tracks the follower equity's peak; once
  /// it falls `risk.max_drawdown_usd` below, returns the state change to
  /// `risk.drawdown_action` (once) and the book applies it from then on.
  std::optional<state_change> observe_follower_equity(decimal usd,
                                                      int64_t now_ms);

  /// The state the book applies: the worse of the given state and a
  /// drawdown stop it entered itself.
  trading_state effective_state(trading_state given) const;

  /// The closed trades measured for `leader` so far (kelly, measured).
  trade_stats measured(const std::string& leader) const;

  /// The follower's realized pnl attributed to `leader` (estimate from the
  /// leader's closedPnl × the share copied), and whether its drawdown stop
  /// (`risk.max_leader_drawdown_usd`) is hit.
  decimal leader_realized_pnl(const std::string& leader) const;
  bool leader_stopped(const std::string& leader) const;

  /// The current target for `symbol` (decimal image of the exact sum).
  decimal symbol_target_qty(const std::string& symbol) const;

  /// One target per symbol with a known target, for re-emission at start.
  std::vector<symbol_target> all_targets();

  /// Every (leader, coin) row, e.g. for the report.
  const std::map<std::pair<std::string, std::string>, leader_coin_state>&
  states() const noexcept {
    return states_;
  }

private:
  struct context;
  using row_key = std::pair<std::string, std::string>; // (leader, coin)
  /// The exact attribution of a row (ADR 0018): `slope × covered`, where
  /// `covered` is the part of the leader position that was copied. Fully
  /// copied, `covered` is the leader position itself (kept exactly), so the
  /// attribution is k × L × multiplier from the current L alone; clamps
  /// and blocked increases leave part of L uncovered.
  /// `leader_coin_state::attributed` is the decimal image (persisted).
  struct exact_row {
    fraction slope;      ///< k × multiplier; zero while k is not fixed
    fraction covered;    ///< leader units copied (signed)
    fraction attributed; ///< slope × covered, kept by `update`
    void update() { attributed = slope * covered; }
  };

  fill_decision apply(const leader_fill& fill, const mark_table& marks,
                      trading_state state, int64_t now_ms);
  void reduce(context& ctx, decimal to);
  static fraction attribution(const exact_row& x);
  static void follow(context& ctx, decimal to);
  void open(context& ctx, decimal leader_delta, bool from_flat);
  std::optional<skip_reason> open_blocker(context& ctx, decimal add,
                                          std::string& detail);
  fraction clamp_to_caps(context& ctx, const fraction& proposed_attributed,
                         std::string& detail, skip_reason& reason);
  void adopt_existing(context& ctx);
  void account_pnl(const leader_fill& fill, const fraction& attributed_before,
                   const symbol_mapping& mapping);
  void skip(context& ctx, skip_reason reason, std::string detail);
  void index(const row_key& key, const std::string& symbol);
  fraction symbol_exact(const std::string& symbol) const;
  fraction refresh_target(const std::string& symbol); // the exact total
  const sizing_settings& sizing_for(const std::string& leader) const;
  bool follows(const std::string& leader) const;
  decimal gross_usd_excluding(const std::string& symbol,
                              const mark_table& marks) const;
  size_t open_symbol_count() const;

  const settings& cfg_;
  const symbol_map& map_;
  std::map<row_key, leader_coin_state> states_;
  std::map<row_key, exact_row> exact_;
  /// The rows of each symbol (pointers into `exact_`: map nodes are stable).
  std::unordered_map<std::string, std::vector<const exact_row*>>
      rows_by_symbol_;
  /// Each symbol's exact target as of the last change, and its image.
  std::unordered_map<std::string, fraction> exact_targets_;
  std::unordered_map<std::string, decimal> targets_;
  uint64_t seq_ = 0;

  std::optional<decimal> follower_equity_;
  std::unordered_map<std::string, decimal> leader_equity_;
  std::unordered_map<std::string, std::vector<margin_bracket>> brackets_;
  std::unordered_map<std::string, leader_edge> edges_;
  struct pnl_track {
    decimal realized;
    decimal peak;
    bool stopped = false;
  };
  std::unordered_map<std::string, pnl_track> leader_pnl_;
  std::optional<decimal> equity_peak_;
  std::optional<trading_state> drawdown_state_;
};

} // namespace hlc
