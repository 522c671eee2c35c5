// Trading endpoints and the matching engine: POST/GET/DELETE order,
// openOrders, resting-order sweeps when the book moves.

#include "sim/binance/binance_venue.hpp"
#include "sim/binance/events.hpp"
#include "sim/binance/venue_util.hpp"

#include <algorithm>

namespace hlc::sim::binance {

using detail::decimal_param;
using detail::json;
using detail::kv;
using detail::required;

namespace {

bool valid_client_id(const std::string& id) {
  if (id.empty() || id.size() > 36) return false;
  for (char c : id) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9') || c == '.' || c == ':' || c == '/'
              || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool is_conditional(const std::string& type) {
  return type == "STOP" || type == "STOP_MARKET" || type == "TAKE_PROFIT"
         || type == "TAKE_PROFIT_MARKET" || type == "TRAILING_STOP_MARKET";
}

decimal sum_qty(const std::vector<book_fill>& fills) {
  decimal total;
  for (auto& f : fills)
    total += f.qty;
  return total;
}

} // namespace

// -- margin and position helpers
// -----------------------------------------------

decimal binance_venue::open_notional(const std::string& symbol,
                                     bool buy) const {
  decimal total;
  for (auto* o : open_)
    if (o->is_open() && o->symbol == symbol && o->buy() == buy
        && o->type == "LIMIT")
      total += o->remaining() * o->price;
  return total;
}

void binance_venue::prune_open() {
  std::vector<sim_order*> kept;
  kept.reserve(open_.size());
  for (auto* o : open_)
    if (o->is_open()) kept.push_back(o);
  open_ = std::move(kept);
}

decimal binance_venue::available_balance() const {
  auto avail = account_.wallet_balance;
  for (auto& [k, p] : account_.positions()) {
    auto mark = markets_.at(p.symbol).mark;
    avail += account::unrealized(p, mark);
    avail -= account_.initial_margin(p, mark);
  }
  for (auto* o : open_)
    if (o->is_open() && o->type == "LIMIT" && !o->reduce_only)
      avail -= decimal::divide(o->remaining() * o->price,
                               decimal::from_int(account_.leverage(o->symbol)),
                               8, rounding::half_up);
  return avail;
}

decimal binance_venue::reducible(const sim_order& o) const {
  auto amount = account_.peek(o.symbol, o.position_side).amount;
  bool reduces = o.buy() ? amount.is_negative() : amount.is_positive();
  return reduces ? amount.abs() : decimal{};
}

// -- JSON
// ---------------------------------------------------------------------------

std::string binance_venue::order_json(const sim_order& o, bool with_time,
                                      bool with_cum_qty) const {
  auto& s = specs_.at(o.symbol);
  auto pp = s.price_precision;
  auto qp = s.quantity_precision;
  return json([&](json_writer& w) {
    w.StartObject();
    w.Key("orderId");
    w.Uint64(o.order_id); // > 2^53: a JSON integer, never a double
    kv(w, "symbol", o.symbol);
    kv(w, "status", o.status);
    kv(w, "clientOrderId", o.client_id);
    kv(w, "price", o.type == "MARKET" ? "0" : o.price.to_fixed(pp));
    auto avg = o.avg_price(pp + 3);
    kv(w, "avgPrice", avg.is_zero() ? avg.to_fixed(pp) : avg.to_fixed(pp + 3));
    kv(w, "origQty", o.orig_qty.to_fixed(qp));
    kv(w, "executedQty", o.executed_qty.to_fixed(qp));
    if (with_cum_qty) kv(w, "cumQty", o.executed_qty.to_fixed(qp));
    kv(w, "cumQuote", o.cum_quote.to_fixed(pp + 3));
    kv(w, "timeInForce", o.time_in_force);
    kv(w, "type", o.type);
    w.Key("reduceOnly");
    w.Bool(o.reduce_only);
    w.Key("closePosition");
    w.Bool(false);
    kv(w, "side", o.side);
    kv(w, "positionSide", o.position_side);
    kv(w, "stopPrice", decimal{}.to_fixed(pp));
    kv(w, "workingType", "CONTRACT_PRICE");
    w.Key("priceProtect");
    w.Bool(false);
    kv(w, "origType", o.type);
    kv(w, "priceMatch", o.price_match);
    kv(w, "selfTradePreventionMode", o.stp_mode);
    w.Key("goodTillDate");
    w.Int64(o.good_till_date);
    if (with_time) {
      w.Key("time");
      w.Int64(o.time_ms);
    }
    w.Key("updateTime");
    w.Int64(o.update_time_ms);
    w.EndObject();
  });
}

// -- matching
// -------------------------------------------------------------------

void binance_venue::execute(sim_order& o, const std::vector<book_fill>& fills,
                            bool maker, std::vector<std::string>& frames,
                            bool with_new) {
  auto& spec = specs_.at(o.symbol);
  auto now_ms = now_us() / 1000;
  bool capture = cfg_.order == event_order::capture;
  // Building frames nobody receives only costs time (benchmarks).
  bool emit = stream_.listening();
  std::string new_frame;
  if (with_new && emit) {
    new_frame = order_trade_update(o, spec, "NEW", nullptr, now_ms,
                                   open_notional(o.symbol, true),
                                   open_notional(o.symbol, false));
    if (fills.empty() || !capture) frames.push_back(new_frame);
  }
  for (size_t i = 0; i < fills.size(); ++i) {
    auto& f = fills[i];
    auto signed_qty = o.buy() ? f.qty : -f.qty;
    auto fx = account_.apply_fill(o.symbol, o.position_side, signed_qty,
                                  f.price, maker, now_ms);
    order_fill of{f.price,          f.qty, fx.commission, fx.realized,
                  next_trade_id_++, maker, now_ms};
    o.executed_qty += f.qty;
    o.cum_quote += f.qty * f.price;
    o.status = o.remaining().is_zero() ? "FILLED" : "PARTIALLY_FILLED";
    o.update_time_ms = now_ms;
    o.fills.push_back(of);
    if (!emit) continue;
    auto& m = markets_.at(o.symbol);
    auto tl = trade_lite(o, spec, of, now_ms);
    auto au = account_update(account_, account_.peek(o.symbol, o.position_side),
                             m.mark, account_.isolated(o.symbol), now_ms);
    auto tr = order_trade_update(o, spec, "TRADE", &of, now_ms,
                                 open_notional(o.symbol, true),
                                 open_notional(o.symbol, false));
    if (capture) {
      // REAL seq A: TRADE_LITE, OTU NEW, ACCOUNT_UPDATE, OTU TRADE.
      frames.push_back(std::move(tl));
      if (with_new && i == 0) frames.push_back(new_frame);
      frames.push_back(std::move(au));
      frames.push_back(std::move(tr));
    } else {
      frames.push_back(std::move(tr));
      frames.push_back(std::move(au));
      frames.push_back(std::move(tl));
    }
  }
}

void binance_venue::sweep_resting(const std::string& symbol,
                                  decimal fill_ratio) {
  auto& m = markets_.at(symbol);
  auto& spec = specs_.at(symbol);
  std::vector<std::string> frames;
  auto now_ms = now_us() / 1000;
  auto resting = open_;
  for (auto* op : resting) {
    auto& o = *op;
    if (!o.is_open() || o.symbol != symbol || o.type != "LIMIT") continue;
    auto want = o.remaining();
    if (fill_ratio < decimal::from_int(1))
      want = decimal::multiply(want, fill_ratio, 18, rounding::toward_zero)
                 .round_down_to_step(spec.step_size);
    if (o.reduce_only) {
      auto cap = reducible(o);
      if (cap.is_zero()) {
        o.status = "EXPIRED";
        o.update_time_ms = now_ms;
        frames.push_back(order_trade_update(o, spec, "EXPIRED", nullptr, now_ms,
                                            open_notional(symbol, true),
                                            open_notional(symbol, false)));
        continue;
      }
      want = min(want, cap);
    }
    if (!want.is_positive()) continue;
    auto crossed = walk_book(m, o.buy(), want, o.price);
    if (crossed.empty()) continue;
    if (cfg_.consume_liquidity) consume(m, o.buy(), crossed);
    // A resting order trades at its own limit price, as maker.
    std::vector<book_fill> fills{{o.price, sum_qty(crossed)}};
    execute(o, fills, true, frames, false);
  }
  prune_open();
  stream_.publish(frames, now_us());
}

void binance_venue::set_mark(const std::string& symbol, decimal mark,
                             std::optional<book_shape> shape,
                             decimal fill_ratio) {
  std::lock_guard<std::mutex> guard{mtx_};
  set_mark_locked(symbol, mark, std::move(shape), fill_ratio);
}

void binance_venue::set_mark_locked(const std::string& symbol, decimal mark,
                                    std::optional<book_shape> shape,
                                    decimal fill_ratio) {
  auto& spec = spec_of(symbol);
  auto& m = markets_.at(symbol);
  auto update_id = m.update_id;
  m = make_market(spec, mark, shape ? *shape : cfg_.shape);
  m.update_id = update_id + 1;
  sweep_resting(symbol, fill_ratio);
  push_book_ticker_locked(symbol);
}

void binance_venue::set_book(const std::string& symbol, std::vector<level> bids,
                             std::vector<level> asks,
                             std::optional<decimal> mark, decimal fill_ratio) {
  std::lock_guard<std::mutex> guard{mtx_};
  set_book_locked(symbol, std::move(bids), std::move(asks), mark, fill_ratio);
}

void binance_venue::set_book_locked(const std::string& symbol,
                                    std::vector<level> bids,
                                    std::vector<level> asks,
                                    std::optional<decimal> mark,
                                    decimal fill_ratio) {
  spec_of(symbol);
  auto& m = markets_.at(symbol);
  m.bids = std::move(bids);
  m.asks = std::move(asks);
  if (mark) {
    m.mark = *mark;
    m.index = *mark;
  }
  ++m.update_id;
  sweep_resting(symbol, fill_ratio);
  push_book_ticker_locked(symbol);
}

// -- endpoints
// ------------------------------------------------------------------

std::string binance_venue::post_order(context& ctx) {
  auto& p = ctx.params;
  auto& spec = require_symbol(ctx);
  auto side = required(p, "side");
  if (side != "BUY" && side != "SELL") throw errors::invalid_side();
  auto type = required(p, "type");
  if (is_conditional(type)) throw errors::algo_type_required();
  if (type != "LIMIT" && type != "MARKET") throw errors::invalid_order_type();
  bool market = type == "MARKET";
  bool buy = side == "BUY";
  // Position mode.
  std::string ps = p.get("positionSide").value_or("BOTH");
  if (ps.empty()) ps = "BOTH";
  if (ps != "BOTH" && ps != "LONG" && ps != "SHORT")
    throw errors::illegal_value("positionSide");
  if (account_.dual_side == (ps == "BOTH"))
    throw errors::position_side_mismatch();
  bool reduce_only = false;
  if (auto ro = p.get("reduceOnly")) {
    if (account_.dual_side) throw errors::not_required("reduceOnly");
    if (*ro == "true")
      reduce_only = true;
    else if (*ro != "false")
      throw errors::illegal_value("reduceOnly");
  }
  bool hedge_close = (ps == "LONG" && !buy) || (ps == "SHORT" && buy);
  // Client order id.
  std::string cid;
  if (auto c = p.get("newClientOrderId")) {
    if (!valid_client_id(*c)) throw errors::bad_client_order_id();
    cid = *c;
  } else {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk"
                                       "lmnopqrstuvwxyz0123456789";
    std::uniform_int_distribution<size_t> pick{0, sizeof(alphabet) - 2};
    for (int i = 0; i < 22; ++i)
      cid.push_back(alphabet[pick(rng_)]);
  }
  // Quantity filters (LOT_SIZE, or MARKET_LOT_SIZE for MARKET).
  auto qty_text = required(p, "quantity");
  auto qty = decimal_param(qty_text, "quantity");
  if (!qty.is_positive()) throw errors::qty_not_positive();
  if (qty.normalized().scale() > spec.quantity_precision)
    throw errors::bad_precision();
  auto step = market ? spec.market_step_size : spec.step_size;
  if (!qty.is_multiple_of(step)) throw errors::qty_not_step();
  if (qty < (market ? spec.market_min_qty : spec.min_qty))
    throw errors::qty_below_min();
  if (qty > (market ? spec.market_max_qty : spec.max_qty))
    throw errors::qty_above_max();
  // Price filters (PRICE_FILTER, PERCENT_PRICE).
  auto& m = markets_.at(spec.symbol);
  decimal price;
  std::string price_text = "0";
  std::string tif = "GTC";
  if (market) {
    if (p.has("price")) throw errors::not_required("price");
  } else {
    price_text = required(p, "price");
    price = decimal_param(price_text, "price");
    if (!price.is_positive()) throw errors::illegal_value("price");
    tif = required(p, "timeInForce");
    if (tif != "GTC" && tif != "IOC" && tif != "FOK" && tif != "GTX"
        && tif != "GTD")
      throw errors::invalid_tif();
    if (price.normalized().scale() > spec.price_precision)
      throw errors::bad_precision();
    if (!price.is_multiple_of(spec.tick_size)) throw errors::price_not_tick();
    if (buy && price > m.mark * spec.percent_up)
      throw errors::price_above_cap();
    if (!buy && price < m.mark * spec.percent_down)
      throw errors::price_below_floor();
  }
  auto resp_type = p.get("newOrderRespType").value_or("ACK");
  if (resp_type != "ACK" && resp_type != "RESULT")
    throw errors::illegal_value("newOrderRespType");
  // Duplicate ids are refused among OPEN orders only.
  for (auto* o : open_)
    if (o->is_open() && o->client_id == cid)
      throw errors::duplicate_client_order_id();
  auto ref_price = market ? m.mark : price;
  if (!reduce_only && !hedge_close && qty * ref_price < spec.min_notional)
    throw errors::min_notional(spec.min_notional.to_string());
  // Reduce-only: must shrink an existing position.
  auto pos = account_.peek(spec.symbol, ps).amount;
  auto signed_qty = buy ? qty : -qty;
  if (reduce_only && (pos.is_zero() || pos.sign() == signed_qty.sign()))
    throw errors::reduce_only_rejected();
  if (hedge_close && qty > pos.abs()) throw errors::reduce_only_rejected();
  // Initial margin of the exposure the order adds.
  decimal increase;
  if (account_.dual_side)
    increase = hedge_close ? decimal{} : qty;
  else if (!reduce_only)
    increase = max(decimal{}, (pos + signed_qty).abs() - pos.abs());
  if (increase.is_positive()) {
    auto needed = decimal::divide(
        increase * ref_price, decimal::from_int(account_.leverage(spec.symbol)),
        8, rounding::half_up);
    if (needed > available_balance()) throw errors::margin_insufficient();
  }
  // Matching.
  if (tif == "GTX") {
    bool crosses = buy ? (!m.asks.empty() && m.asks[0].price <= price)
                       : (!m.bids.empty() && m.bids[0].price >= price);
    if (crosses) throw errors::post_only_rejected();
  }
  auto want = reduce_only ? min(qty, pos.abs()) : qty;
  std::vector<book_fill> fills;
  if (tif != "GTX")
    fills = walk_book(m, buy, want,
                      market ? std::nullopt : std::optional<decimal>{price});
  if (tif == "FOK" && sum_qty(fills) < qty) throw errors::fok_rejected();
  // Accepted.
  sim_order o;
  o.order_id = next_order_id_[spec.symbol]++;
  o.symbol = spec.symbol;
  o.client_id = cid;
  o.side = side;
  o.type = type;
  o.time_in_force = tif;
  o.position_side = ps;
  o.qty_text = qty_text;
  o.price_text = price_text;
  o.price = price;
  o.orig_qty = qty;
  o.reduce_only = reduce_only;
  if (auto stp = p.get("selfTradePreventionMode"); stp && !stp->empty())
    o.stp_mode = *stp;
  if (auto gtd = p.get("goodTillDate"); gtd && tif == "GTD")
    o.good_till_date = detail::int_param(*gtd, "goodTillDate");
  o.time_ms = o.update_time_ms = ctx.now_ms;
  auto ack = o;
  orders_.push_back(std::move(o));
  auto& placed = orders_.back();
  by_id_[{placed.symbol, placed.order_id}] = &placed;
  by_cid_[{placed.symbol, placed.client_id}] = &placed;
  open_.push_back(&placed);
  std::vector<std::string> frames;
  if (cfg_.consume_liquidity && !fills.empty()) {
    consume(m, buy, fills);
    push_book_ticker_locked(spec.symbol);
  }
  execute(placed, fills, false, frames, true);
  if (!placed.remaining().is_zero() && (market || tif == "IOC")) {
    // The unfilled rest of a taker expires (thin book, or a reduce-only
    // order capped at the position).
    placed.status = "EXPIRED";
    placed.update_time_ms = ctx.now_ms;
    frames.push_back(order_trade_update(
        placed, spec, "EXPIRED", nullptr, ctx.now_ms,
        open_notional(spec.symbol, true), open_notional(spec.symbol, false)));
  }
  prune_open();
  stream_.publish(frames, now_us());
  return order_json(resp_type == "RESULT" ? placed : ack, false, true);
}

sim_order& binance_venue::find_for_query(const context& ctx, bool for_cancel) {
  auto& spec = require_symbol(ctx);
  auto id = ctx.params.get("orderId");
  auto cid = ctx.params.get("origClientOrderId");
  if ((!id || id->empty()) && (!cid || cid->empty()))
    throw api_error{400, -1102,
                    "Param 'orderId' or 'origClientOrderId' must be sent, "
                    "but both were empty/null!"};
  auto fail = [&]() -> api_error {
    return for_cancel ? errors::cancel_rejected() : errors::no_such_order();
  };
  sim_order* found = nullptr;
  if (id && !id->empty()) {
    auto n = detail::uint_param(*id, "orderId");
    if (auto i = by_id_.find({spec.symbol, n}); i != by_id_.end())
      found = i->second;
    if (found && cid && !cid->empty() && found->client_id != *cid)
      found = nullptr;
  } else {
    // A client id can be reused once its order closed; the newest wins.
    if (auto i = by_cid_.find({spec.symbol, *cid}); i != by_cid_.end())
      found = i->second;
  }
  if (found == nullptr) throw fail();
  return *found;
}

std::string binance_venue::get_order(context& ctx) {
  return order_json(find_for_query(ctx, false), true, false);
}

std::string binance_venue::delete_order(context& ctx) {
  auto& o = find_for_query(ctx, true);
  if (!o.is_open()) throw errors::cancel_rejected();
  o.status = "CANCELED";
  o.update_time_ms = ctx.now_ms;
  prune_open();
  auto& spec = specs_.at(o.symbol);
  stream_.publish({order_trade_update(o, spec, "CANCELED", nullptr, ctx.now_ms,
                                      open_notional(o.symbol, true),
                                      open_notional(o.symbol, false))},
                  now_us());
  return order_json(o, false, true);
}

std::string binance_venue::get_open_orders(context& ctx) {
  std::string symbol;
  if (ctx.params.has("symbol")) symbol = require_symbol(ctx).symbol;
  std::string out = "[";
  for (auto* o : open_) {
    if (!o->is_open() || (!symbol.empty() && o->symbol != symbol)) continue;
    if (out.size() > 1) out += ',';
    out += order_json(*o, true, false);
  }
  out += ']';
  return out;
}

} // namespace hlc::sim::binance

namespace hlc::sim::binance {

std::string binance_venue::delete_all_open_orders(context& ctx) {
  auto& spec = require_symbol(ctx);
  std::vector<std::string> frames;
  for (auto* o : open_) {
    if (!o->is_open() || o->symbol != spec.symbol) continue;
    o->status = "CANCELED";
    o->update_time_ms = ctx.now_ms;
    frames.push_back(order_trade_update(*o, spec, "CANCELED", nullptr,
                                        ctx.now_ms, decimal{}, decimal{}));
  }
  prune_open();
  stream_.publish(frames, now_us());
  return R"({"code":200,"msg":"The operation of cancel all open order is done."})";
}

namespace {

constexpr int64_t seven_days_ms = 7LL * 24 * 3600 * 1000;

struct trade_row {
  const sim_order* order;
  const order_fill* fill;
};

} // namespace

// BN-docs trade/rest-api/Account-Trade-List: at most `limit` (<= 1000)
// trades of one symbol, oldest first; fromId excludes startTime/endTime; a
// time window is at most 7 days (the last 7 days when none is given).
std::string binance_venue::get_user_trades(context& ctx) {
  auto& spec = require_symbol(ctx);
  auto& p = ctx.params;
  auto opt_int = [&](const char* name) -> std::optional<int64_t> {
    auto v = p.get(name);
    if (!v || v->empty()) return std::nullopt;
    return detail::int_param(*v, name);
  };
  auto limit = opt_int("limit").value_or(500);
  if (limit < 1 || limit > 1000) throw errors::bad_limit();
  // Ids exceed int64's 18 digits: unsigned.
  auto opt_id = [&](const char* name) -> std::optional<uint64_t> {
    auto v = p.get(name);
    if (!v || v->empty()) return std::nullopt;
    return detail::uint_param(*v, name);
  };
  auto from_id = opt_id("fromId");
  auto start = opt_int("startTime");
  auto end = opt_int("endTime");
  auto order_id = opt_id("orderId");
  if (from_id && (start || end)) throw errors::bad_combination();
  if (start && end && *end - *start > seven_days_ms)
    throw errors::range_too_long(168);
  bool newest = false; // keep the most recent `limit` of the window
  if (!from_id) {
    if (!start && !end) {
      end = ctx.now_ms;
      newest = true;
    }
    if (!start) start = *end - seven_days_ms;
    if (!end) end = *start + seven_days_ms;
  }
  std::vector<trade_row> rows;
  for (auto& o : orders_) {
    if (o.symbol != spec.symbol) continue;
    if (order_id && o.order_id != *order_id) continue;
    for (auto& f : o.fills) {
      if (from_id && f.trade_id < *from_id) continue;
      if (!from_id && (f.time_ms < *start || f.time_ms > *end)) continue;
      rows.push_back({&o, &f});
    }
  }
  std::sort(rows.begin(), rows.end(),
            [](const trade_row& a, const trade_row& b) {
              return a.fill->trade_id < b.fill->trade_id;
            });
  auto n = static_cast<size_t>(limit);
  if (rows.size() > n) {
    if (newest)
      rows.erase(rows.begin(), rows.end() - static_cast<ptrdiff_t>(n));
    else
      rows.resize(n);
  }
  auto pp = spec.price_precision;
  auto qp = spec.quantity_precision;
  return json([&](json_writer& w) {
    w.StartArray();
    for (auto& r : rows) {
      auto& o = *r.order;
      auto& f = *r.fill;
      w.StartObject();
      w.Key("buyer");
      w.Bool(o.buy());
      kv(w, "commission", f.commission.to_fixed(8));
      kv(w, "commissionAsset", "USDT");
      w.Key("id");
      w.Uint64(f.trade_id);
      w.Key("maker");
      w.Bool(f.maker);
      w.Key("orderId");
      w.Uint64(o.order_id);
      kv(w, "price", f.price.to_fixed(pp));
      kv(w, "qty", f.qty.to_fixed(qp));
      kv(w, "quoteQty", (f.price * f.qty).to_fixed(pp + qp));
      kv(w, "realizedPnl", f.realized.to_fixed(8));
      kv(w, "side", o.side);
      kv(w, "positionSide", o.position_side);
      kv(w, "symbol", o.symbol);
      w.Key("time");
      w.Int64(f.time_ms);
      w.EndObject();
    }
    w.EndArray();
  });
}

} // namespace hlc::sim::binance
