#include "actors/paper/paper_book.hpp"

#include "adapters/binance/orders.hpp"

#include <utility>

namespace hlc {

namespace {

const decimal hundred = decimal::from_int(100);

} // namespace

paper_book::paper_book(paper_settings cfg) : cfg_(std::move(cfg)) {
  // nop
}

void paper_book::set_filters(const symbol_filters& f) {
  filters_[f.symbol] = f;
}

void paper_book::set_mark(const std::string& symbol, decimal mark) {
  marks_[symbol] = mark;
}

std::vector<order_update> paper_book::on_mark(const std::string& symbol,
                                              decimal mark, int64_t now_ms) {
  marks_[symbol] = mark;
  std::vector<order_update> events;
  std::vector<std::string> ended;
  auto r = resting_.find(symbol);
  if (r == resting_.end()) return events;
  for (auto& id : r->second) {
    auto& order = orders_.at(id);
    bool buy = order.intent.side == side::buy;
    if (buy ? order.intent.price < mark : order.intent.price > mark) continue;
    auto open = order.intent.qty - order.filled_qty;
    auto qty = open;
    if (order.intent.reduce_only) {
      auto pos = position(symbol);
      bool reduces = !pos.is_zero() && buy == pos.is_negative();
      qty = reduces ? min(open, pos.abs()) : decimal{};
    }
    order.updated_ms = now_ms;
    if (qty.is_positive()) {
      auto px = order.intent.price;
      auto notional = order.avg_px * order.filled_qty + px * qty;
      order.filled_qty += qty;
      order.avg_px
          = decimal::divide(notional, order.filled_qty, 8, rounding::half_up);
      order.status = order.filled_qty == order.intent.qty
                         ? order_state::filled
                         : order_state::expired;
      apply_fill(symbol, order.intent.side, qty, px);
      auto trade = snapshot(order, order_event_kind::trade);
      trade.last_qty = qty;
      trade.last_px = px;
      trade.trade_id = order.exchange_order_id;
      events.push_back(trade);
    } else {
      order.status = order_state::expired;
    }
    if (order.status == order_state::expired)
      events.push_back(snapshot(order, order_event_kind::expired));
    ended.push_back(id);
  }
  for (auto& id : ended)
    r->second.erase(id);
  if (r->second.empty()) resting_.erase(r);
  for (auto& id : ended)
    remember(orders_.at(id));
  return events;
}

decimal paper_book::position(const std::string& symbol) const {
  auto i = positions_.find(symbol);
  return i == positions_.end() ? decimal{} : i->second.qty;
}

const paper_order* paper_book::find(const std::string& client_id) const {
  auto i = orders_.find(client_id);
  return i == orders_.end() ? nullptr : &i->second;
}

const paper_position*
paper_book::find_position(const std::string& symbol) const {
  auto i = positions_.find(symbol);
  return i == positions_.end() ? nullptr : &i->second;
}

void paper_book::remember(const paper_order& order) {
  if (!is_terminal(order.status)) return;
  auto& ids = terminal_ids_[order.intent.symbol];
  ids.push_back(order.intent.client_id);
  while (ids.size() > max_kept_terminal) {
    auto i = orders_.find(ids.front());
    if (i != orders_.end() && is_terminal(i->second.status)) orders_.erase(i);
    ids.pop_front();
  }
}

void paper_book::restore_order(const paper_order& order) {
  orders_[order.intent.client_id] = order;
  if (!is_terminal(order.status) && order.intent.type == order_type::limit)
    resting_[order.intent.symbol].insert(order.intent.client_id);
  remember(order);
  if (order.exchange_order_id >= next_id_)
    next_id_ = order.exchange_order_id + 1;
}

void paper_book::restore_position(const paper_position& pos) {
  positions_[pos.symbol] = pos;
}

order_update paper_book::reject(const order_intent& intent, int code,
                                std::string text, int64_t now_ms) const {
  // One error catalog for the paper and the live venue (ADR 0025).
  auto u = binance::update_from_error(
      binance::venue_error{400, code, std::move(text)}, intent.client_id,
      intent.symbol);
  u.side = intent.side;
  u.event_time_ms = now_ms;
  return u;
}

order_update paper_book::snapshot(const paper_order& order,
                                  order_event_kind kind) const {
  order_update u;
  u.client_id = order.intent.client_id;
  u.symbol = order.intent.symbol;
  u.kind = kind;
  u.exchange_order_id = order.exchange_order_id;
  u.side = order.intent.side;
  u.cum_qty = order.filled_qty;
  u.avg_px = order.avg_px;
  u.event_time_ms = order.updated_ms;
  return u;
}

std::vector<order_update> paper_book::submit(const order_intent& intent,
                                             int64_t now_ms) {
  auto f = filters_.find(intent.symbol);
  if (f == filters_.end())
    return {reject(intent, -1121, "Invalid symbol.", now_ms)};
  if (auto existing = orders_.find(intent.client_id);
      existing != orders_.end() && !is_terminal(existing->second.status))
    return {reject(intent, -4116, "ClientOrderId is duplicated.", now_ms)};
  const auto& filters = f->second;
  bool market = intent.type == order_type::market;
  auto step = market && filters.market_step_size.is_positive()
                  ? filters.market_step_size
                  : filters.step_size;
  auto min_qty = market ? filters.market_min_qty : filters.min_qty;
  auto max_qty = market ? filters.market_max_qty : filters.max_qty;
  if (!intent.qty.is_positive())
    return {
        reject(intent, -4003, "Quantity less than or equal to zero.", now_ms)};
  if (!intent.qty.is_multiple_of(step))
    return {
        reject(intent, -4023, "Quantity not increased by step size.", now_ms)};
  if (intent.qty < min_qty)
    return {reject(intent, -4004, "Quantity less than min quantity.", now_ms)};
  if (max_qty.is_positive() && intent.qty > max_qty)
    return {
        reject(intent, -4005, "Quantity greater than max quantity.", now_ms)};
  auto m = marks_.find(intent.symbol);
  if (m == marks_.end() || !m->second.is_positive())
    return {
        reject(intent, -1007, "No mark price in the paper exchange.", now_ms)};
  auto mark = m->second;
  auto qty = intent.qty;
  auto pos = position(intent.symbol);
  if (intent.reduce_only) {
    bool reduces
        = !pos.is_zero() && (intent.side == side::buy) == pos.is_negative();
    if (!reduces)
      return {reject(intent, -2022, "ReduceOnly Order is rejected.", now_ms)};
    qty = min(qty, pos.abs()); // never beyond the live position
  } else {
    if (intent.qty * mark < filters.min_notional)
      return {reject(intent, -4164,
                     "Order's notional must be no smaller than "
                         + filters.min_notional.to_string()
                         + " (unless you choose reduce only).",
                     now_ms)};
  }
  // Market orders pay the configured slippage, rounded to the tick against us.
  auto slip
      = decimal::divide(mark * cfg_.slippage_pct, hundred, 10, rounding::ceil);
  auto px = intent.side == side::buy ? mark + slip : mark - slip;
  if (filters.tick_size.is_positive())
    px = px.round_to_step(filters.tick_size, intent.side == side::buy
                                                 ? rounding::ceil
                                                 : rounding::floor);
  paper_order order;
  order.intent = intent;
  order.exchange_order_id = next_id_++;
  order.updated_ms = now_ms;
  if (!market) {
    bool crosses = intent.side == side::buy ? intent.price >= mark
                                            : intent.price <= mark;
    if (!crosses) {
      order.status = intent.tif == time_in_force::ioc ? order_state::expired
                                                      : order_state::submitted;
      auto& stored = orders_[intent.client_id] = order;
      if (stored.status == order_state::submitted)
        resting_[intent.symbol].insert(intent.client_id);
      auto update = snapshot(stored, stored.status == order_state::expired
                                         ? order_event_kind::expired
                                         : order_event_kind::accepted);
      remember(order);
      return {update};
    }
    px = intent.side == side::buy ? min(px, intent.price)
                                  : max(px, intent.price);
  }
  order.filled_qty = qty;
  order.avg_px = px;
  order.status = qty == intent.qty ? order_state::filled : order_state::expired;
  apply_fill(intent.symbol, intent.side, qty, px);
  auto& stored = orders_[intent.client_id] = order;
  std::vector<order_update> result;
  result.push_back(snapshot(stored, order_event_kind::accepted));
  result.back().cum_qty = decimal{};
  result.back().avg_px = decimal{};
  auto trade = snapshot(stored, order_event_kind::trade);
  trade.last_qty = qty;
  trade.last_px = px;
  trade.trade_id = stored.exchange_order_id;
  result.push_back(trade);
  if (stored.status == order_state::expired)
    result.push_back(snapshot(stored, order_event_kind::expired));
  remember(order);
  return result;
}

order_update paper_book::query(const std::string& symbol,
                               const std::string& client_id) const {
  auto i = orders_.find(client_id);
  if (i == orders_.end() || i->second.intent.symbol != symbol) {
    return binance::update_from_error(
        binance::venue_error{400, -2013, "Order does not exist."}, client_id,
        symbol);
  }
  auto& o = i->second;
  switch (o.status) {
  case order_state::filled:
  case order_state::partially_filled:
    return snapshot(o, order_event_kind::trade);
  case order_state::canceled:
    return snapshot(o, order_event_kind::canceled);
  case order_state::expired:
    return snapshot(o, order_event_kind::expired);
  default:
    return snapshot(o, order_event_kind::accepted);
  }
}

order_update paper_book::cancel(const std::string& symbol,
                                const std::string& client_id, int64_t now_ms) {
  auto i = orders_.find(client_id);
  if (i == orders_.end() || i->second.intent.symbol != symbol
      || is_terminal(i->second.status)) {
    return binance::update_from_error(
        binance::venue_error{400, -2011, "Unknown order sent."}, client_id,
        symbol);
  }
  i->second.status = order_state::canceled;
  i->second.updated_ms = now_ms;
  if (auto r = resting_.find(symbol); r != resting_.end()) {
    r->second.erase(client_id);
    if (r->second.empty()) resting_.erase(r);
  }
  auto update = snapshot(i->second, order_event_kind::canceled);
  remember(i->second);
  return update;
}

void paper_book::apply_fill(const std::string& symbol, side s, decimal qty,
                            decimal px) {
  auto& pos = positions_[symbol];
  pos.symbol = symbol;
  auto signed_qty = s == side::buy ? qty : -qty;
  auto old = pos.qty;
  auto updated = old + signed_qty;
  if (old.is_zero() || old.sign() == signed_qty.sign()) {
    // adding: weighted average entry
    auto notional = pos.avg_entry_px * old.abs() + px * qty;
    pos.avg_entry_px
        = decimal::divide(notional, updated.abs(), 8, rounding::half_up);
  } else {
    auto closed = min(qty, old.abs());
    auto pnl_per_unit
        = old.is_positive() ? px - pos.avg_entry_px : pos.avg_entry_px - px;
    pos.realized_pnl += pnl_per_unit * closed;
    if (updated.is_zero())
      pos.avg_entry_px = decimal{};
    else if (updated.sign() != old.sign())
      pos.avg_entry_px = px; // flipped: the remainder opened at px
  }
  pos.qty = updated;
}

} // namespace hlc
