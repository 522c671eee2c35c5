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
  }
  return out;
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
  if (order.state == order_state::unknown && before != order_state::unknown) {
    out.emplace_back(query_order_action{
        order.intent.client_id, order.intent.created_ms + opts_.recv_window_ms
                                    + opts_.query_margin_ms});
  }
  if (order.state == order_state::rejected && before != order_state::rejected) {
    if (order.restored) {
      // Committed before a crash but never sent: nothing to explain to the
      // user, the current target is traded afresh.
      out.emplace_back(
          alert_action{severity::warn,
                       "order " + order.intent.client_id
                           + " was never sent before the restart; the delta is "
                             "traded again"});
    } else {
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
  }
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
  auto step
      = f.market_step_size.is_positive() ? f.market_step_size : f.step_size;
  auto min_qty = f.market_min_qty.is_positive() ? f.market_min_qty : f.min_qty;
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
  if (f.market_max_qty.is_positive() && intent.qty > f.market_max_qty)
    intent.qty = f.market_max_qty.round_down_to_step(step);
  if (intent.qty.is_zero()) return;
  intent.client_id = make_client_order_id(opts_.client_id_prefix, opts_.epoch,
                                          symbol_, next_seq_++);
  tracked_order order;
  order.intent = intent;
  order.updated_ms = now_ms;
  order.target_seq = target_->seq;
  if (!crosses_or_closes) placed_seq_ = target_->seq;
  orders_.emplace(intent.client_id, std::move(order));
  out.emplace_back(place_order_action{std::move(intent)});
}

} // namespace hlc
