#include "actors/executor/executor_core.hpp"

#include <algorithm>

#include "actors/executor/client_order_id.hpp"
#include "actors/executor/order_fsm.hpp"

#include <utility>

namespace hlc {

namespace {

// Terminal orders kept in memory for late events; older ones live in the DB.
constexpr size_t max_kept_terminal = 64;

} // namespace

void apply_pricing(executor_options& opts, const execution_settings& x) {
  opts.type = x.order_type == "limit" ? order_type::limit : order_type::market;
  opts.price_offset_pct = x.price_offset_pct;
  opts.tif_ms = x.tif_ms;
  opts.max_slippage_pct = x.max_slippage_pct;
  opts.min_residual_usd = x.min_residual_usd;
}

executor_core::executor_core(std::string symbol, executor_options opts)
    : symbol_(std::move(symbol)), opts_(std::move(opts)) {
  // nop
}

bool executor_core::idle() const {
  for (auto& [id, order] : orders_)
    if (!is_terminal(order.state)) return false;
  return true;
}

std::vector<executor_action> executor_core::set_state(trading_state state,
                                                      int64_t now_ms) {
  std::vector<executor_action> out;
  state_ = state;
  evaluate(now_ms, out);
  return out;
}

std::vector<executor_action>
executor_core::restore(std::vector<tracked_order> open_orders, decimal position,
                       uint64_t next_seq, int64_t now_ms) {
  std::vector<executor_action> out;
  position_ = position;
  next_seq_ = next_seq > next_seq_ ? next_seq : next_seq_;
  resync_pending_ = !open_orders.empty();
  for (auto& order : open_orders) {
    order.restored = true;
    auto id = order.intent.client_id;
    // An in-process venue (recv_window 0) has no delayed copy in flight:
    // ask at once, whatever time the restarted clock shows.
    auto not_before = opts_.recv_window_ms == 0
                          ? int64_t{0}
                          : order.intent.created_ms + opts_.recv_window_ms
                                + opts_.query_margin_ms;
    out.emplace_back(query_order_action{id, not_before});
    // A GTC LIMIT from before the restart may still rest: its time in force
    // starts again (EXE-7).
    if (order.intent.type == order_type::limit
        && order.intent.tif == time_in_force::gtc)
      out.emplace_back(arm_tif_action{id, opts_.tif_ms});
    orders_.emplace(id, std::move(order));
  }
  evaluate(now_ms, out);
  return out;
}

std::vector<executor_action> executor_core::on_mark(decimal mark,
                                                    int64_t now_ms) {
  std::vector<executor_action> out;
  bool first_price = !mark_.is_positive() && mark.is_positive();
  mark_ = mark;
  if (first_price) {
    skipped_seq_ = 0; // the skip said "no price"; a new decision follows
    evaluate(now_ms, out);
  } else if (slippage_blocked_) {
    evaluate(now_ms, out);
  }
  return out;
}

std::vector<executor_action> executor_core::on_book(decimal bid, decimal ask,
                                                    int64_t now_ms) {
  std::vector<executor_action> out;
  bid_ = bid;
  ask_ = ask;
  if (slippage_blocked_) evaluate(now_ms, out);
  return out;
}

std::vector<executor_action> executor_core::on_tif(const std::string& client_id,
                                                   int64_t /*now_ms*/) {
  std::vector<executor_action> out;
  auto i = orders_.find(client_id);
  if (i == orders_.end()) return out;
  auto& order = i->second;
  if (is_terminal(order.state) || order.cancel_requested) return out;
  if (order.state == order_state::pending
      || order.state == order_state::unknown) {
    // Its answer (or query) is still due: a cancel now could meet -2011 and
    // a -2013 query before the order lands. Look again one TIF later.
    out.emplace_back(arm_tif_action{client_id, opts_.tif_ms});
    return out;
  }
  order.cancel_requested = true;
  out.emplace_back(cancel_order_action{client_id});
  return out;
}

std::vector<executor_action> executor_core::on_resync(int64_t now_ms) {
  std::vector<executor_action> out;
  resync_pending_ = true;
  for (auto& [id, order] : orders_) {
    // PENDING: its answer is in flight, a -2013 now would prove nothing.
    // UNKNOWN: its query is already due after recvWindow (EXE-5).
    if (order.state == order_state::submitted
        || order.state == order_state::partially_filled)
      out.emplace_back(query_order_action{id, now_ms});
  }
  return out;
}

std::string executor_core::slippage_refusal(side s) const {
  if (!mark_.is_positive()) return {};
  auto band = decimal::divide(mark_ * opts_.max_slippage_pct,
                              decimal::from_int(100), 10, rounding::floor);
  if (s == side::buy && ask_.is_positive() && ask_ > mark_ + band)
    return "best ask " + ask_.to_string() + " is more than "
           + opts_.max_slippage_pct.to_string() + "% above mark "
           + mark_.to_string();
  if (s == side::sell && bid_.is_positive() && bid_ < mark_ - band)
    return "best bid " + bid_.to_string() + " is more than "
           + opts_.max_slippage_pct.to_string() + "% below mark "
           + mark_.to_string();
  return {};
}

bool executor_core::needs_position_sync() const {
  return resync_pending_ && idle();
}

std::vector<executor_action> executor_core::sync_position(decimal venue,
                                                          int64_t now_ms) {
  std::vector<executor_action> out;
  position_ = venue;
  resync_pending_ = false;
  evaluate(now_ms, out);
  return out;
}

std::vector<executor_action>
executor_core::on_target(const symbol_target& target, int64_t now_ms) {
  std::vector<executor_action> out;
  if (target_ && target.seq <= target_->seq && !target.restated)
    return out; // stale target
  target_ = target;
  evaluate(now_ms, out);
  return out;
}

void executor_core::apply_fill(tracked_order& order,
                               const order_update& update) {
  decimal cum = order.filled_qty;
  if (update.cum_qty.is_positive()) {
    cum = update.cum_qty;
  } else if (update.kind == order_event_kind::trade
             && update.last_qty.is_positive()
             && order.trade_ids.insert(update.trade_id).second) {
    cum = order.filled_qty + update.last_qty;
  }
  if (cum <= order.filled_qty) return; // duplicate or late: already applied
  auto delta = cum - order.filled_qty;
  margin_alerted_ = false;
  auto signed_delta = order.intent.side == side::buy ? delta : -delta;
  if (!order.restored) position_ += signed_delta;
  if (update.avg_px.is_positive()) {
    order.avg_px = update.avg_px;
  } else if (update.last_px.is_positive()) {
    auto notional = order.avg_px * order.filled_qty + update.last_px * delta;
    order.avg_px = decimal::divide(notional, cum, 8, rounding::half_up);
  }
  order.filled_qty = cum;
}

std::vector<executor_action>
executor_core::on_update(const order_update& update, int64_t now_ms) {
  std::vector<executor_action> out;
  auto i = orders_.find(update.client_id);
  if (i == orders_.end()) {
    out.emplace_back(alert_action{
        severity::warn, "event for unknown order " + update.client_id + " on "
                            + symbol_ + " ("
                            + std::string{to_string(update.kind)} + ")"});
    return out;
  }
  auto& order = i->second;
  auto before = order.state;
  auto event = to_order_event(update, order.intent.qty);
  apply_fill(order, update);
  if (update.exchange_order_id != 0)
    order.exchange_order_id = update.exchange_order_id;
  if (update.error_code != 0 || !update.error_text.empty()) {
    order.error_code = update.error_code;
    order.error_text = update.error_text;
  }
  if (auto next = next_state(order.state, event)) {
    order.state = *next;
  } else {
    out.emplace_back(alert_action{
        severity::warn, "invalid order transition "
                            + std::string{to_string(before)} + " --"
                            + std::string{to_string(event)} + "--> for "
                            + order.intent.client_id + "; state kept"});
  }
  order.updated_ms = now_ms;
  out.emplace_back(
      order_changed_action{static_cast<const order_record&>(order)});
  if (update.kind == order_event_kind::not_placed
      && order.state == order_state::pending) {
    // Nothing exists at the venue: the same intent, under the same id,
    // after the venue's wait or a capped exponential backoff (EXE-5).
    constexpr int64_t first_ms = 250;
    constexpr int64_t cap_ms = 30000;
    auto shift = std::min<uint32_t>(order.not_placed, 7);
    auto backoff = std::min(cap_ms, first_ms << shift);
    ++order.not_placed;
    out.emplace_back(
        resend_order_action{order.intent.client_id,
                            now_ms + std::max(backoff, update.retry_after_ms)});
  }
  if (order.cancel_requested && !is_terminal(order.state)) {
    if (update.kind == order_event_kind::cancel_rejected
        || update.kind == order_event_kind::outcome_unknown) {
      // -2011: it ended before our cancel (or the cancel's fate is unknown):
      // the venue says how, now.
      order.cancel_in_doubt = true;
      out.emplace_back(query_order_action{order.intent.client_id, now_ms});
    } else if (order.cancel_in_doubt
               && (update.kind == order_event_kind::accepted
                   || update.kind == order_event_kind::trade)) {
      // The query says it still works: cancel again one TIF later.
      order.cancel_requested = false;
      order.cancel_in_doubt = false;
      out.emplace_back(arm_tif_action{order.intent.client_id, opts_.tif_ms});
    }
  }
  if (order.state == order_state::unknown && before != order_state::unknown) {
    out.emplace_back(query_order_action{
        order.intent.client_id, order.intent.created_ms + opts_.recv_window_ms
                                    + opts_.query_margin_ms});
  }
  if (order.state == order_state::rejected && before != order_state::rejected)
    on_rejected(order, now_ms, out);
  if (is_terminal(order.state) && !is_terminal(before)) on_ended(order);
  if (is_terminal(order.state)) {
    size_t terminal = 0;
    for (auto& [id, o] : orders_)
      terminal += is_terminal(o.state) ? 1 : 0;
    for (auto j = orders_.begin();
         terminal > max_kept_terminal && j != orders_.end();) {
      if (is_terminal(j->second.state) && j->first != update.client_id) {
        j = orders_.erase(j);
        --terminal;
      } else {
        ++j;
      }
    }
    evaluate(now_ms, out);
  }
  return out;
}

void executor_core::on_ended(const tracked_order& order) {
  if (order.cancel_requested
      && (order.state == order_state::canceled
          || order.state == order_state::expired))
    residual_pending_ = true; // the cancel is confirmed: now the residual
  if (order.residual && order.filled_qty < order.intent.qty)
    residual_done_seq_ = order.target_seq; // the IOC took what it could
}

void executor_core::on_rejected(tracked_order& order, int64_t now_ms,
                                std::vector<executor_action>& out) {
  if (order.restored) {
    // Committed before a crash but never sent: nothing to explain to the
    // user, the current target is traded afresh.
    out.emplace_back(alert_action{
        severity::warn, "order " + order.intent.client_id
                            + " was never sent before the restart; the delta "
                              "is traded again"});
    return;
  }
  if (order.intent.reduce_only && order.error_code == -2022
      && reduce_rejected_seq_ != order.target_seq) {
    // The position is already gone or smaller than we thought (EXE-8):
    // read the venue's and decide again, never a retry loop (a second
    // -2022 for this target is an ordinary rejection).
    reduce_rejected_seq_ = order.target_seq;
    resync_pending_ = true;
    out.emplace_back(alert_action{severity::warn,
                                  "reduce-only order " + order.intent.client_id
                                      + " rejected (-2022): re-reading the "
                                      + symbol_ + " position"});
    return;
  }
  if (order.error_code == -2019 && !margin_alerted_) {
    margin_alerted_ = true; // once, until an order fills again
    out.emplace_back(alert_action{
        severity::critical, "margin is insufficient for " + symbol_
                                + " (-2019): opens are skipped until it is"});
  }
  // Do not repeat an order the venue refused for this same target.
  rejected_seq_ = order.target_seq;
  out.emplace_back(skip_action{skip_record{
      skip_reason::order_rejected,
      {},
      {},
      symbol_,
      order.intent.correlation,
      "order " + order.intent.client_id + " rejected: "
          + std::to_string(order.error_code) + " " + order.error_text,
      now_ms}});
}

void executor_core::skip_once(skip_reason reason, std::string detail,
                              int64_t now_ms,
                              std::vector<executor_action>& out) {
  auto seq = target_ ? target_->seq : 0;
  if (seq == skipped_seq_) return;
  skipped_seq_ = seq;
  out.emplace_back(
      skip_action{skip_record{reason,
                              {},
                              {},
                              symbol_,
                              target_ ? target_->correlation : std::string{},
                              std::move(detail),
                              now_ms}});
}

void executor_core::evaluate(int64_t now_ms,
                             std::vector<executor_action>& out) {
  if (!target_ || !idle() || resync_pending_) return;
  if (target_->seq == rejected_seq_)
    return; // wait for a new target instead of repeating a rejected order
  if (target_->seq == residual_done_seq_)
    return; // the IOC residual took what the book gave; the next target
  auto target = target_->target_qty;
  if (state_ == trading_state::halted || state_ == trading_state::safe) {
    if (target != position_)
      skip_once(skip_reason::state_halted,
                "no orders in state " + std::string{to_string(state_)}, now_ms,
                out);
    return;
  }
  if (!filters_) {
    skip_once(skip_reason::symbol_disabled,
              "no exchangeInfo filters for " + symbol_, now_ms, out);
    return;
  }
  const auto& f = *filters_;
  bool limit = opts_.type == order_type::limit;
  // LIMIT orders obey LOT_SIZE, MARKET orders MARKET_LOT_SIZE.
  auto step = !limit && f.market_step_size.is_positive() ? f.market_step_size
                                                         : f.step_size;
  auto min_qty
      = !limit && f.market_min_qty.is_positive() ? f.market_min_qty : f.min_qty;
  auto max_qty = limit ? f.max_qty : f.market_max_qty;
  order_intent intent;
  intent.symbol = symbol_;
  intent.type = order_type::market;
  intent.correlation = target_->correlation;
  intent.created_ms = now_ms;
  bool crosses_or_closes
      = !position_.is_zero()
        && (target.is_zero() || target.sign() != position_.sign());
  if (crosses_or_closes) {
    // Close the whole position first (reduce-only, exempt from min notional,
    // never more than the live position); a flip opens the rest afterwards.
    intent.side = position_.is_positive() ? side::sell : side::buy;
    intent.qty = position_.abs().round_down_to_step(step);
    intent.reduce_only = true;
  } else {
    // The one rounding of STR-10: the exact target, toward zero to the
    // step. The follower then holds a function of the target alone, never
    // more than it (caps hold) and never across zero.
    auto goal = target.round_down_to_step(step);
    auto diff = goal - position_;
    intent.qty = diff.abs().round_down_to_step(step);
    if (intent.qty.is_zero()) {
      // Nothing tradable although the target differs: say so once, unless
      // an order was already placed for this target (its remainder is the
      // rounding) or the target is a re-emission at start.
      if (target != position_ && target_->seq != placed_seq_
          && !target_->restated)
        skip_once(skip_reason::below_step,
                  "target " + target.to_string() + " vs position "
                      + position_.to_string() + ": the difference is below "
                      + "one step " + step.to_string() + "; waits for more",
                  now_ms, out);
      return;
    }
    intent.side = diff.is_positive() ? side::buy : side::sell;
    intent.reduce_only = goal.abs() < position_.abs();
    if (state_ == trading_state::reducing && !intent.reduce_only) {
      skip_once(skip_reason::state_reducing,
                "increase to " + target.to_string() + " blocked in REDUCING",
                now_ms, out);
      return;
    }
    if (intent.qty < min_qty) {
      skip_once(skip_reason::min_notional_pending,
                "delta " + intent.qty.to_string() + " below min qty "
                    + min_qty.to_string() + "; waits for more",
                now_ms, out);
      return;
    }
    // Reduce-only orders never meet a local notional floor (EXE-8): Binance
    // exempts them from MIN_NOTIONAL (-4164).
    if (!intent.reduce_only) {
      auto notional = intent.qty * mark_;
      if (!mark_.is_positive() || notional < f.min_notional) {
        skip_once(skip_reason::min_notional_pending,
                  "delta " + intent.qty.to_string() + " x mark "
                      + mark_.to_string() + " = " + notional.to_string()
                      + " USDT below min notional " + f.min_notional.to_string()
                      + "; waits for more",
                  now_ms, out);
        return;
      }
    }
  }
  if (max_qty.is_positive() && intent.qty > max_qty)
    intent.qty = max_qty.round_down_to_step(step);
  if (intent.qty.is_zero()) return;
  bool residual = limit && residual_pending_;
  if (residual && !intent.reduce_only) {
    auto notional = intent.qty * mark_;
    if (notional < opts_.min_residual_usd) {
      // Too small to chase; closes and reductions are exempt (EXE-7).
      residual_pending_ = false;
      residual_done_seq_ = target_->seq;
      skip_once(skip_reason::residual_below_min,
                "residual " + intent.qty.to_string() + " x mark "
                    + mark_.to_string() + " = " + notional.to_string()
                    + " USDT below min_residual_usd "
                    + opts_.min_residual_usd.to_string(),
                now_ms, out);
      return;
    }
  }
  // The book must be within max_slippage_pct of the mark on our side; with
  // no book yet the mark alone is the reference (ADR 0037).
  if (auto why = slippage_refusal(intent.side); !why.empty()) {
    slippage_blocked_ = true;
    skip_once(skip_reason::slippage, why + "; waits for the book", now_ms, out);
    return;
  }
  slippage_blocked_ = false;
  if (limit) {
    if (!mark_.is_positive()) {
      skip_once(skip_reason::stale_market,
                "no mark price to price a LIMIT order on " + symbol_, now_ms,
                out);
      return;
    }
    // A marketable limit capped at the offset (the residual: at the
    // slippage bound), rounded to the tick toward less aggressive.
    auto pct = residual ? opts_.max_slippage_pct : opts_.price_offset_pct;
    auto offset = decimal::divide(mark_ * pct, decimal::from_int(100), 10,
                                  rounding::floor);
    bool buy = intent.side == side::buy;
    auto px = buy ? mark_ + offset : mark_ - offset;
    if (f.tick_size.is_positive())
      px = px.round_to_step(f.tick_size,
                            buy ? rounding::floor : rounding::ceil);
    intent.type = order_type::limit;
    intent.tif = residual ? time_in_force::ioc : time_in_force::gtc;
    intent.price = px.normalized();
  }
  intent.client_id = make_client_order_id(opts_.client_id_prefix, opts_.epoch,
                                          symbol_, next_seq_++);
  tracked_order order;
  order.intent = intent;
  order.updated_ms = now_ms;
  order.target_seq = target_->seq;
  order.residual = residual;
  residual_pending_ = false;
  if (!crosses_or_closes) placed_seq_ = target_->seq;
  auto id = intent.client_id;
  orders_.emplace(id, std::move(order));
  out.emplace_back(place_order_action{std::move(intent)});
  if (limit && !residual) out.emplace_back(arm_tif_action{id, opts_.tif_ms});
}

} // namespace hlc
