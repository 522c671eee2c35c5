#include "actors/strategy/target_book.hpp"

#include "actors/strategy/sizing.hpp"

#include <algorithm>

namespace hlc {

namespace {

// Derived prices, cap limits and the decimal images of the exact
// attributions and targets keep (at most) 10 decimals: finer than any
// Binance step or tick, so rounding an image to the step gives what the
// exact value gives, and sums of images stay within 64-bit mantissas up to
// 9.2e8 units. The attributions themselves are exact (`fraction`).
constexpr int qty_scale = 10;

const decimal hundred = decimal::from_int(100);

// Old rows (before ADR 0018) truncated every partial reduction at 10
// decimals; a restored attribution this close to k × L × multiplier is that
// full attribution.
const fraction restore_tolerance = fraction::of(decimal::from_units(1, 8));

/// Fills that move balances inside Hyperliquid, not a trade to copy; checked
/// before the coin kind (a dust conversion names a spot coin).
std::optional<skip_reason> internal_transfer(const leader_fill& f) {
  if (f.dir == "Spot Dust Conversion") return skip_reason::dust;
  if (f.dir == "Net Child Vaults") return skip_reason::vault;
  return std::nullopt;
}

} // namespace

struct target_book::context {
  const leader_fill& fill;
  const mark_table& marks;
  trading_state state;
  int64_t now_ms;
  leader_coin_state& row; ///< `leader_position` moves as the fill is applied
  exact_row& exact;
  symbol_mapping mapping;
  fill_decision& out;
  decimal start;
  decimal end;
};

target_book::target_book(const settings& cfg, const symbol_map& map)
    : cfg_(cfg), map_(map) {
  // nop
}

fill_decision target_book::on_fill(const leader_fill& fill,
                                   const mark_table& marks, trading_state state,
                                   int64_t now_ms) {
  // All or nothing: a fill whose numbers cannot be computed exactly (e.g. a
  // decimal overflow) leaves the book as it was, and the caller quarantines.
  auto key = std::make_pair(fill.key.leader, fill.key.coin);
  auto existing = states_.find(key);
  std::optional<leader_coin_state> saved;
  exact_row saved_exact;
  if (existing != states_.end()) {
    saved = existing->second;
    saved_exact = exact_[key];
  }
  try {
    auto out = apply(fill, marks, state, now_ms);
    // The sample for measured kelly: the fill counts after it was decided,
    // so an open is sized on the trades closed before it.
    if (follows(fill.key.leader)
        && classify_coin(fill.key.coin) == coin_kind::perp)
      edges_[fill.key.leader].on_fill(fill);
    return out;
  } catch (...) {
    if (saved) {
      states_[key] = *saved;
      exact_[key] = saved_exact;
    } else {
      states_.erase(key);
      if (auto x = exact_.find(key); x != exact_.end()) {
        for (auto& [symbol, rows] : rows_by_symbol_)
          rows.erase(std::remove(rows.begin(), rows.end(), &x->second),
                     rows.end());
        exact_.erase(x);
      }
    }
    for (auto& [symbol, rows] : rows_by_symbol_)
      refresh_target(symbol);
    throw;
  }
}

fill_decision target_book::apply(const leader_fill& fill,
                                 const mark_table& marks, trading_state state,
                                 int64_t now_ms) {
  fill_decision out;
  auto record = [&](skip_reason reason, std::string detail,
                    std::string symbol = {}) {
    out.skips.push_back(skip_record{reason, fill.key.leader, fill.key.coin,
                                    std::move(symbol), to_string(fill.key),
                                    std::move(detail), now_ms});
  };
  if (auto transfer = internal_transfer(fill)) {
    record(*transfer, "dir \"" + fill.dir + "\" on " + fill.key.coin);
    return out;
  }
  switch (classify_coin(fill.key.coin)) {
  case coin_kind::spot:
    record(skip_reason::spot, "spot fill on " + fill.key.coin);
    return out;
  case coin_kind::hip3:
    record(skip_reason::hip3, "HIP-3 builder perp " + fill.key.coin);
    return out;
  case coin_kind::perp:
    break;
  }
  if (!follows(fill.key.leader)) {
    // Never size a stranger's fills with a default: only configured,
    // enabled leaders are copied.
    record(skip_reason::denied, "leader " + fill.key.leader
                                    + " is not a configured, enabled "
                                      "leader");
    return out;
  }
  row_key key{fill.key.leader, fill.key.coin};
  bool first_seen = states_.count(key) == 0;
  auto& row = states_[key];
  auto& exact = exact_[key];
  row.leader = fill.key.leader;
  row.coin = fill.key.coin;
  auto start = fill.start_position;
  auto end = fill.end_position();
  mapping_refusal why;
  auto mapping = map_.resolve(fill.key.coin, &why);
  context ctx{fill,
              marks,
              state,
              now_ms,
              row,
              exact,
              mapping.value_or(symbol_mapping{}),
              out,
              start,
              end};
  // Fills we did not see (a position from before we started) move the
  // leader position without changing the attribution.
  follow(ctx, start);
  if (!mapping) {
    record(why.reason, why.detail);
    follow(ctx, end);
    out.state = row;
    return out;
  }
  row.symbol = mapping->symbol;
  index(key, row.symbol);
  if (fill.liquidation
      && cfg_.strategy.on_liquidation == liquidation_policy::ignore) {
    record(skip_reason::liquidation_ignored,
           "leader liquidation fill, policy ignore", row.symbol);
    follow(ctx, end);
    out.state = row;
    return out;
  }
  auto before = attribution(exact);
  auto previous_total = exact_targets_[row.symbol];
  if (first_seen && cfg_.strategy.copy_existing_positions && !start.is_zero())
    adopt_existing(ctx);
  bool flip = !start.is_zero() && !end.is_zero() && start.sign() != end.sign();
  bool reducing
      = !start.is_zero() && (end.is_zero() || flip || end.abs() < start.abs());
  if (reducing) reduce(ctx, flip ? decimal{} : end);
  if (start.is_zero() && !end.is_zero())
    open(ctx, end, true);
  else if (flip)
    open(ctx, end, true);
  else if (!start.is_zero() && end.abs() > start.abs())
    open(ctx, end - start, false);
  follow(ctx, end); // no-op unless a step above was skipped
  auto after = attribution(exact);
  row.attributed = after.to_decimal(qty_scale);
  if (after != before) {
    auto total = refresh_target(row.symbol);
    symbol_target t;
    t.symbol = row.symbol;
    t.target_qty = targets_[row.symbol];
    t.reference_px = decimal::divide(fill.px, mapping->multiplier, qty_scale,
                                     rounding::half_up);
    t.reduce_only = total.abs() < previous_total.abs()
                    && total.sign() * previous_total.sign() >= 0;
    t.seq = ++seq_;
    t.correlation = to_string(fill.key);
    t.leader_time_ms = fill.key.time_ms;
    t.received_us = fill.received_us;
    out.target = std::move(t);
  }
  account_pnl(fill, before, *mapping);
  out.state = row;
  return out;
}

void target_book::adopt_existing(context& ctx) {
  // MODE-3 copy_existing_positions: the leader position from before we
  // started is opened as if from flat, through every guard (price
  // deviation, freshness, caps) like any open.
  ctx.row.leader_position = decimal{};
  open(ctx, ctx.start, true);
}

void target_book::account_pnl(const leader_fill& fill,
                              const fraction& attributed_before,
                              const symbol_mapping& mapping) {
  if (fill.closed_pnl.is_zero() || fill.start_position.is_zero()
      || attributed_before.is_zero())
    return;
  // The follower held `attributed_before` (Binance units) of the leader's
  // `start` (HL units): its pnl is closedPnl × that share, in USD.
  auto share = attributed_before
               / (fraction::of(fill.start_position)
                  * fraction::of(mapping.multiplier));
  auto pnl = (fraction::of(fill.closed_pnl) * share).to_decimal(6);
  auto& t = leader_pnl_[fill.key.leader];
  t.realized += pnl;
  if (t.realized > t.peak) t.peak = t.realized;
  auto limit = cfg_.risk.max_leader_drawdown_usd;
  if (limit.is_positive() && t.peak - t.realized >= limit) t.stopped = true;
}

std::optional<state_change>
target_book::observe_follower_equity(decimal usd, int64_t now_ms) {
  follower_equity_ = usd;
  if (!equity_peak_ || usd > *equity_peak_) equity_peak_ = usd;
  auto limit = cfg_.risk.max_drawdown_usd;
  if (drawdown_state_ || !limit.is_positive() || *equity_peak_ - usd < limit)
    return std::nullopt;
  drawdown_state_ = cfg_.risk.drawdown_action;
  return state_change{*drawdown_state_, state_reason::drawdown_stop,
                      "follower equity " + usd.to_string() + " is "
                          + (*equity_peak_ - usd).to_string()
                          + " USD below its peak " + equity_peak_->to_string()
                          + " (risk.max_drawdown_usd " + limit.to_string()
                          + ")",
                      "strategy", now_ms};
}

trading_state target_book::effective_state(trading_state given) const {
  auto rank = [](trading_state s) {
    switch (s) {
    case trading_state::active:
      return 0;
    case trading_state::reducing:
      return 1;
    case trading_state::halted:
      return 2;
    case trading_state::safe:
      return 3;
    }
    return 3;
  };
  if (drawdown_state_ && rank(*drawdown_state_) > rank(given))
    return *drawdown_state_;
  return given;
}

trade_stats target_book::measured(const std::string& leader) const {
  auto i = edges_.find(leader);
  return i == edges_.end() ? trade_stats{} : i->second.stats();
}

decimal target_book::leader_realized_pnl(const std::string& leader) const {
  auto i = leader_pnl_.find(leader);
  return i == leader_pnl_.end() ? decimal{} : i->second.realized;
}

bool target_book::leader_stopped(const std::string& leader) const {
  auto i = leader_pnl_.find(leader);
  return i != leader_pnl_.end() && i->second.stopped;
}

fraction target_book::attribution(const exact_row& x) {
  return x.attributed;
}

void target_book::follow(context& ctx, decimal to) {
  // The covered part, and with it the attribution, stays as it is.
  ctx.row.leader_position = to;
}

void target_book::reduce(context& ctx, decimal to) {
  auto& x = ctx.exact;
  if (attribution(x).is_zero()) {
    skip(ctx, skip_reason::missing_open,
         "leader " + ctx.fill.dir + " " + ctx.start.to_string() + " -> "
             + ctx.end.to_string()
             + " but no follower position is attributed to it");
    follow(ctx, to);
    return;
  }
  if (ctx.state == trading_state::halted || ctx.state == trading_state::safe) {
    skip(ctx, skip_reason::state_halted,
         std::string{"close not copied: trading state "}
             + std::string{to_string(ctx.state)});
    follow(ctx, to);
    return;
  }
  if (effective_state(ctx.state) == trading_state::halted
      || (leader_stopped(ctx.row.leader)
          && cfg_.risk.drawdown_action == trading_state::halted)) {
    skip(ctx, skip_reason::drawdown,
         "close not copied: drawdown stop (risk.drawdown_action halted)");
    follow(ctx, to);
    return;
  }
  // φ = 1 − |to|/|start|: the covered part keeps exactly |to|/|start| of
  // itself (STR-5). Fully copied it equals the leader position, so it
  // becomes exactly `to`: nothing is rounded (STR-10).
  x.covered
      = to.is_zero()
            ? fraction{}
            : x.covered
                  * (fraction::of(to) / fraction::of(ctx.row.leader_position));
  x.update();
  ctx.row.leader_position = to;
}

void target_book::open(context& ctx, decimal leader_delta, bool from_flat) {
  auto& row = ctx.row;
  auto& x = ctx.exact;
  auto to = row.leader_position + leader_delta;
  if (from_flat || row.k.is_zero()) {
    auto& sizing = sizing_for(row.leader);
    sizing_inputs in{to.abs(), ctx.fill.px, follower_equity_, std::nullopt,
                     measured(row.leader)};
    if (auto e = leader_equity_.find(row.leader); e != leader_equity_.end())
      in.leader_equity = e->second;
    else if (sizing.leader_equity_usd.is_positive())
      in.leader_equity = sizing.leader_equity_usd;
    auto sized = scale_factor(sizing, in);
    if (!sized.k) {
      skip(ctx, sized.reason, sized.error);
      follow(ctx, to);
      return;
    }
    ctx.out.sizing_note = sized.note;
    auto held = attribution(x); // non-zero only if a close was skipped
    row.k = *sized.k;
    x.slope = fraction::of(row.k) * fraction::of(ctx.mapping.multiplier);
    x.covered = held.is_zero() ? fraction{} : held / x.slope;
    x.update();
  }
  auto add = x.slope * fraction::of(leader_delta);
  std::string detail;
  if (auto blocker = open_blocker(ctx, add.to_decimal(), detail)) {
    skip(ctx, *blocker, std::move(detail));
    follow(ctx, to);
    return;
  }
  auto proposed = attribution(x) + add;
  auto reason = skip_reason::cap;
  auto allowed = clamp_to_caps(ctx, proposed, detail, reason);
  row.leader_position = to;
  if (allowed == proposed) {
    x.covered = x.covered + fraction::of(leader_delta); // copied in full
  } else {
    skip(ctx, reason, std::move(detail));
    x.covered = allowed / x.slope;
  }
  x.update();
}

std::optional<skip_reason> target_book::open_blocker(context& ctx, decimal add,
                                                     std::string& detail) {
  const auto& s = cfg_.strategy;
  if (ctx.state == trading_state::halted || ctx.state == trading_state::safe) {
    detail = std::string{"open not copied: trading state "}
             + std::string{to_string(ctx.state)};
    return skip_reason::state_halted;
  }
  if (auto own = effective_state(ctx.state); own != ctx.state) {
    detail = std::string{"open not copied: drawdown stop, "}
             + std::string{to_string(own)};
    return skip_reason::drawdown;
  }
  if (ctx.state == trading_state::reducing) {
    detail = "open not copied: trading state REDUCING";
    return skip_reason::state_reducing;
  }
  if (leader_stopped(ctx.row.leader)) {
    detail = "open not copied: leader drawdown stop (pnl "
             + leader_realized_pnl(ctx.row.leader).to_string()
             + " USD, risk.max_leader_drawdown_usd "
             + cfg_.risk.max_leader_drawdown_usd.to_string() + ")";
    return skip_reason::drawdown;
  }
  if (ctx.fill.liquidation
      && s.on_liquidation == liquidation_policy::close_only) {
    detail = "leader liquidation fill, policy close_only";
    return skip_reason::liquidation_ignored;
  }
  auto age = ctx.now_ms - ctx.fill.key.time_ms;
  if (age > s.max_fill_age_ms) {
    detail = "fill is " + std::to_string(age) + " ms old (max_fill_age_ms "
             + std::to_string(s.max_fill_age_ms) + "): close-only";
    return skip_reason::stale_fill_open;
  }
  auto m = ctx.marks.find(ctx.mapping.symbol);
  if (m == ctx.marks.end() || !m->second.mark.is_positive()) {
    detail = "no mark price for " + ctx.mapping.symbol;
    return skip_reason::stale_market;
  }
  auto mark_age = ctx.now_ms - m->second.time_ms;
  if (mark_age > s.max_stale_ms) {
    detail = "mark for " + ctx.mapping.symbol + " is "
             + std::to_string(mark_age) + " ms old (max_stale_ms "
             + std::to_string(s.max_stale_ms) + ")";
    return skip_reason::stale_market;
  }
  auto mark = m->second.mark;
  auto leader_px = decimal::divide(ctx.fill.px, ctx.mapping.multiplier,
                                   qty_scale, rounding::half_up);
  auto gap = (leader_px - mark).abs();
  auto gap_pct = decimal::divide(gap * hundred, mark, 6, rounding::ceil);
  auto cost = decimal::multiply(gap, add.abs(), 6, rounding::ceil);
  if (gap_pct > s.max_dev_pct || cost > s.max_dev_usd) {
    detail = "leader px " + leader_px.to_string() + " vs mark "
             + mark.to_string() + ": " + gap_pct.to_string() + "% (max "
             + s.max_dev_pct.to_string() + "%), cost " + cost.to_string()
             + " USD (max " + s.max_dev_usd.to_string() + ")";
    return skip_reason::price_deviation;
  }
  return std::nullopt;
}

fraction target_book::clamp_to_caps(context& ctx, const fraction& proposed,
                                    std::string& detail, skip_reason& reason) {
  const auto& r = cfg_.risk;
  auto& symbol = ctx.mapping.symbol;
  auto current = symbol_exact(symbol);
  auto others = current - attribution(ctx.exact);
  auto wanted = others + proposed;
  auto current_mag
      = current.sign() == wanted.sign() ? current.abs() : fraction{};
  if (wanted.abs() <= current_mag)
    return proposed; // not adding exposure: caps never block reductions
  auto mark = ctx.marks.at(symbol).mark;
  auto limit = decimal::divide(r.max_position_usd, mark, qty_scale,
                               rounding::toward_zero);
  std::string which = "max_position_usd " + r.max_position_usd.to_string();
  if (auto i = r.max_position_qty.find(symbol);
      i != r.max_position_qty.end() && i->second < limit) {
    limit = i->second;
    which = "max_position_qty " + i->second.to_string();
  }
  auto room_usd = r.max_gross_usd - gross_usd_excluding(symbol, ctx.marks);
  auto gross_limit
      = room_usd.is_positive()
            ? decimal::divide(room_usd, mark, qty_scale, rounding::toward_zero)
            : decimal{};
  if (gross_limit < limit) {
    limit = gross_limit;
    which = "max_gross_usd " + r.max_gross_usd.to_string();
  }
  if (follower_equity_ && follower_equity_->is_positive()) {
    // max_leverage: gross exposure at most max_leverage × equity.
    auto allowed_gross = *follower_equity_ * decimal::from_int(r.max_leverage);
    auto room = allowed_gross - gross_usd_excluding(symbol, ctx.marks);
    auto leverage_limit
        = room.is_positive()
              ? decimal::divide(room, mark, qty_scale, rounding::toward_zero)
              : decimal{};
    if (leverage_limit < limit) {
      limit = leverage_limit;
      which = "max_leverage " + std::to_string(r.max_leverage) + " x equity "
              + follower_equity_->to_string();
    }
  }
  if (current.is_zero()
      && open_symbol_count() >= static_cast<size_t>(r.max_open_symbols)) {
    limit = decimal{};
    which = "max_open_symbols " + std::to_string(r.max_open_symbols);
  }
  reason = skip_reason::cap;
  if (r.min_liq_distance_pct.is_positive()) {
    auto b = brackets_.find(symbol);
    std::optional<decimal> notional;
    if (b != brackets_.end())
      notional = max_notional_for_liq_distance(b->second, cfg_.binance.leverage,
                                               r.min_liq_distance_pct,
                                               wanted.sign() > 0);
    auto liq_limit = notional ? decimal::divide(*notional, mark, qty_scale,
                                                rounding::toward_zero)
                              : decimal{};
    if (liq_limit < limit) {
      limit = liq_limit;
      reason = skip_reason::liquidation_risk;
      which = notional
                  ? "min_liq_distance_pct " + r.min_liq_distance_pct.to_string()
                        + " at leverage "
                        + std::to_string(cfg_.binance.leverage)
                        + " (max notional " + notional->to_string() + " USD)"
                  : "min_liq_distance_pct: no maintenance margin bracket "
                    "known for "
                        + symbol;
    }
  }
  auto exact_limit = fraction::of(limit);
  if (exact_limit < current_mag)
    exact_limit = current_mag; // never force a reduction
  if (wanted.abs() <= exact_limit) return proposed;
  auto allowed_total = wanted.sign() < 0 ? -exact_limit : exact_limit;
  detail = symbol + " target " + wanted.to_decimal(qty_scale).to_string()
           + " capped to " + allowed_total.to_decimal(qty_scale).to_string()
           + " by " + which;
  return allowed_total - others;
}

void target_book::skip(context& ctx, skip_reason reason, std::string detail) {
  ctx.out.skips.push_back(skip_record{
      reason, ctx.fill.key.leader, ctx.fill.key.coin, ctx.mapping.symbol,
      to_string(ctx.fill.key), std::move(detail), ctx.now_ms});
}

bool target_book::follows(const std::string& leader) const {
  for (auto& l : cfg_.leaders)
    if (l.address == leader) return l.enabled;
  return false;
}

const sizing_settings&
target_book::sizing_for(const std::string& leader) const {
  for (auto& l : cfg_.leaders)
    if (l.address == leader) return l.sizing;
  static const sizing_settings fallback{};
  return fallback;
}

decimal target_book::gross_usd_excluding(const std::string& symbol,
                                         const mark_table& marks) const {
  decimal total;
  for (auto& [s, qty] : targets_) {
    if (s == symbol || qty.is_zero()) continue;
    if (auto m = marks.find(s); m != marks.end())
      total += decimal::multiply(qty.abs(), m->second.mark, 6, rounding::ceil);
  }
  return total;
}

size_t target_book::open_symbol_count() const {
  size_t n = 0;
  for (auto& [s, qty] : targets_)
    if (!qty.is_zero()) ++n;
  return n;
}

void target_book::index(const row_key& key, const std::string& symbol) {
  auto& rows = rows_by_symbol_[symbol];
  const exact_row* row = &exact_[key];
  if (std::find(rows.begin(), rows.end(), row) == rows.end())
    rows.push_back(row);
}

fraction target_book::symbol_exact(const std::string& symbol) const {
  fraction total;
  auto i = rows_by_symbol_.find(symbol);
  if (i == rows_by_symbol_.end()) return total;
  for (auto* x : i->second)
    total = total + attribution(*x);
  return total;
}

fraction target_book::refresh_target(const std::string& symbol) {
  auto total = symbol_exact(symbol);
  exact_targets_[symbol] = total;
  targets_[symbol] = total.to_decimal(qty_scale);
  return total;
}

void target_book::restore(const leader_coin_state& row) {
  row_key key{row.leader, row.coin};
  auto& slot = states_[key];
  auto old_symbol = slot.symbol;
  if (!old_symbol.empty() && old_symbol != row.symbol) {
    auto& rows = rows_by_symbol_[old_symbol];
    rows.erase(std::remove(rows.begin(), rows.end(), &exact_[key]), rows.end());
    refresh_target(old_symbol);
  }
  slot = row;
  // The persisted attribution is the decimal image of the exact one. Within
  // old rounding of k × L × multiplier it is that full attribution;
  // otherwise the covered part is what gives back the image.
  exact_row x;
  if (!row.k.is_zero() && !row.attributed.is_zero()) {
    auto m = map_.resolve(row.coin);
    x.slope = fraction::of(row.k)
              * fraction::of(m ? m->multiplier : decimal::from_int(1));
    auto position = fraction::of(row.leader_position);
    auto held = fraction::of(row.attributed);
    auto full = x.slope * position;
    x.covered
        = full.sign() == held.sign() && (full - held).abs() <= restore_tolerance
              ? position
              : held / x.slope;
  } else if (!row.k.is_zero()) {
    auto m = map_.resolve(row.coin);
    x.slope = fraction::of(row.k)
              * fraction::of(m ? m->multiplier : decimal::from_int(1));
  }
  // k not fixed: nothing can be attributed (slope zero).
  x.update();
  exact_[key] = x;
  if (!row.symbol.empty()) {
    index(key, row.symbol);
    refresh_target(row.symbol);
  }
}

decimal target_book::symbol_target_qty(const std::string& symbol) const {
  auto i = targets_.find(symbol);
  return i == targets_.end() ? decimal{} : i->second;
}

std::vector<symbol_target> target_book::all_targets() {
  std::map<std::string, decimal> sorted(targets_.begin(), targets_.end());
  std::vector<symbol_target> result;
  for (auto& [symbol, qty] : sorted) {
    symbol_target t;
    t.symbol = symbol;
    t.target_qty = qty;
    t.seq = ++seq_;
    t.restated = true;
    result.push_back(std::move(t));
  }
  return result;
}

} // namespace hlc
