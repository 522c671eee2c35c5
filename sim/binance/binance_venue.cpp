#include "sim/binance/binance_venue.hpp"

#include "sim/binance/signature.hpp"
#include "sim/binance/venue_util.hpp"

#include <algorithm>
#include <stdexcept>

namespace hlc::sim::binance {

using detail::int_param;
using detail::json;
using detail::required;

namespace {

enum class security { none, user_stream, signed_ };

int depth_weight(const param_set& p) {
  auto limit = p.get("limit");
  int n = limit && !limit->empty() ? std::atoi(limit->c_str()) : 500;
  if (n <= 50) return 2;
  if (n <= 100) return 5;
  if (n <= 500) return 10;
  return 20;
}

} // namespace

struct binance_venue::route {
  const char* method;
  const char* path;
  security sec;
  bool is_order;
  int (*weight)(const param_set&);
  std::string (binance_venue::*handler)(context&);
};

namespace {

int w0(const param_set&) {
  return 0;
}
int w1(const param_set&) {
  return 1;
}
int w5(const param_set&) {
  return 5;
}
int w30(const param_set&) {
  return 30;
}
int premium_weight(const param_set& p) {
  return p.has("symbol") ? 1 : 10;
}
int book_ticker_weight(const param_set& p) {
  return p.has("symbol") ? 2 : 5;
}
int open_orders_weight(const param_set& p) {
  return p.has("symbol") ? 1 : 40;
}

} // namespace

namespace {

using venue = binance_venue;

} // namespace

std::string binance_venue::get_balance(context& ctx) {
  return get_account(ctx, -1);
}

binance_venue::binance_venue(venue_config cfg, clock now_us)
    : cfg_(std::move(cfg)), now_us_(std::move(now_us)), limiter_(cfg_.limits),
      plan_(cfg_.seed), stream_(cfg_.seed, cfg_.listen_key_validity_ms),
      rng_(cfg_.seed) {
  init_state();
  for (auto& step : cfg_.timeline)
    if (specs_.count(step.symbol) == 0)
      throw std::invalid_argument("timeline: unknown symbol " + step.symbol);
}

void binance_venue::advance_timeline_locked(int64_t now_ms) {
  auto& steps = cfg_.timeline;
  while (timeline_next_ < steps.size()
         && started_ms_ + steps[timeline_next_].after_ms <= now_ms) {
    auto& s = steps[timeline_next_++];
    set_mark_locked(s.symbol, s.mark, std::nullopt, s.fill_ratio);
  }
}

void binance_venue::init_state() {
  started_ms_ = now_us() / 1000;
  timeline_next_ = 0;
  specs_.clear();
  markets_.clear();
  next_order_id_.clear();
  orders_.clear();
  open_.clear();
  by_id_.clear();
  by_cid_.clear();
  for (auto& s : cfg_.symbols) {
    specs_[s.symbol] = s;
    auto m
        = cfg_.marks.count(s.symbol) ? cfg_.marks.at(s.symbol) : s.initial_mark;
    markets_[s.symbol] = make_market(s, m, cfg_.shape);
    if (auto i = cfg_.books.find(s.symbol); i != cfg_.books.end()) {
      markets_[s.symbol].bids = i->second.bids;
      markets_[s.symbol].asks = i->second.asks;
    }
    next_order_id_[s.symbol] = cfg_.order_id_start;
  }
  next_trade_id_ = cfg_.trade_id_start;
  account_ = account{};
  account_.wallet_balance = cfg_.balance;
  account_.taker_fee = cfg_.taker_fee;
  account_.maker_fee = cfg_.maker_fee;
  account_.default_leverage = cfg_.default_leverage;
  account_.dual_side = cfg_.dual_side;
  for (auto& p : cfg_.positions) {
    auto& pos = account_.pos(p.symbol, p.side);
    pos.amount = p.amount;
    pos.entry_price = p.entry_price;
  }
  limiter_ = rate_limiter{cfg_.limits};
  plan_ = fault_plan{cfg_.seed};
  for (auto& f : cfg_.faults)
    plan_.add(f);
  stream_.reset();
  stream_.reseed(cfg_.seed);
  stream_.set_validity_ms(cfg_.listen_key_validity_ms);
  stream_.set_faults(cfg_.stream);
  rng_.seed(cfg_.seed);
  clock_offset_ms_ = cfg_.clock_offset_ms;
  records_.clear();
  signed_writes_ = 0;
}

// -- dispatch -----------------------------------------------------------------

http_response binance_venue::handle(const http_request& req) {
  std::lock_guard<std::mutex> guard{mtx_};
  if (req.path.rfind("/_sim/", 0) == 0) return control(req);
  advance_timeline_locked(now_us() / 1000);
  recorded_request rec;
  rec.received_us = req.received_us != 0 ? req.received_us : now_us();
  rec.method = req.method;
  rec.path = req.path;
  rec.query = req.query;
  rec.body = req.body;
  rec.api_key_sent = req.headers.count("x-mbx-apikey") > 0;
  rec.seq = next_request_seq_++;
  auto resp = dispatch(req, rec);
  rec.status = resp.reset || resp.stall ? 0 : resp.status;
  records_.push_back(std::move(rec));
  return resp;
}

namespace {

http_response error_response(const api_error& e) {
  http_response r;
  r.status = e.http_status();
  r.body = e.body();
  return r;
}

} // namespace

http_response binance_venue::dispatch(const http_request& req,
                                      recorded_request& rec) {
  static const route routes[] = {
      {"GET", "/fapi/v1/time", security::none, false, w1, &venue::get_time},
      {"GET", "/fapi/v1/ping", security::none, false, w1, &venue::get_time},
      {"GET", "/fapi/v1/exchangeInfo", security::none, false, w1,
       &venue::get_exchange_info},
      {"GET", "/fapi/v1/premiumIndex", security::none, false, premium_weight,
       &venue::get_premium_index},
      {"GET", "/fapi/v1/ticker/bookTicker", security::none, false,
       book_ticker_weight, &venue::get_book_ticker},
      {"GET", "/fapi/v1/depth", security::none, false, depth_weight,
       &venue::get_depth},
      {"GET", "/fapi/v1/positionSide/dual", security::signed_, false, w30,
       &venue::get_dual},
      {"POST", "/fapi/v1/positionSide/dual", security::signed_, false, w1,
       &venue::post_dual},
      {"POST", "/fapi/v1/order", security::signed_, true, w0,
       &venue::post_order},
      {"GET", "/fapi/v1/order", security::signed_, false, w1,
       &venue::get_order},
      {"DELETE", "/fapi/v1/order", security::signed_, false, w1,
       &venue::delete_order},
      {"GET", "/fapi/v1/openOrders", security::signed_, false,
       open_orders_weight, &venue::get_open_orders},
      {"DELETE", "/fapi/v1/allOpenOrders", security::signed_, false, w1,
       &venue::delete_all_open_orders},
      {"GET", "/fapi/v1/userTrades", security::signed_, false, w5,
       &venue::get_user_trades},
      {"GET", "/fapi/v2/positionRisk", security::signed_, false, w5,
       &venue::get_position_risk_v2},
      {"GET", "/fapi/v3/positionRisk", security::signed_, false, w5,
       &venue::get_position_risk_v3},
      {"GET", "/fapi/v2/account", security::signed_, false, w5, nullptr},
      {"GET", "/fapi/v3/account", security::signed_, false, w5, nullptr},
      {"GET", "/fapi/v2/balance", security::signed_, false, w5,
       &venue::get_balance},
      {"GET", "/fapi/v3/balance", security::signed_, false, w5,
       &venue::get_balance},
      {"POST", "/fapi/v1/leverage", security::signed_, false, w1,
       &venue::post_leverage},
      {"GET", "/fapi/v1/leverageBracket", security::signed_, false, w1,
       &venue::get_leverage_bracket},
      {"POST", "/fapi/v1/marginType", security::signed_, false, w1,
       &venue::post_margin_type},
      {"POST", "/fapi/v1/listenKey", security::user_stream, false, w1,
       &venue::post_listen_key},
      {"PUT", "/fapi/v1/listenKey", security::user_stream, false, w1,
       &venue::put_listen_key},
      {"DELETE", "/fapi/v1/listenKey", security::user_stream, false, w1,
       &venue::delete_listen_key},
  };
  context ctx{req, param_set::parse(req.query, req.body), now_us() / 1000, {}};
  if (req.method != "GET" && ctx.params.signature()) ++signed_writes_;
  const route* r = nullptr;
  for (auto& candidate : routes)
    if (req.method == candidate.method && req.path == candidate.path)
      r = &candidate;
  http_response resp;
  auto add_usage_headers = [&](http_response& out) {
    out.headers.emplace_back("X-MBX-USED-WEIGHT-1M",
                             std::to_string(ctx.used.used_weight));
    if (r != nullptr && r->is_order) {
      out.headers.emplace_back("X-MBX-ORDER-COUNT-10S",
                               std::to_string(ctx.used.orders_10s));
      out.headers.emplace_back("X-MBX-ORDER-COUNT-1M",
                               std::to_string(ctx.used.orders_1m));
    }
  };
  if (r == nullptr) {
    auto err = errors::not_found();
    rec.code = err.code();
    resp = error_response(err);
    ctx.used.used_weight = limiter_.used_weight(ctx.now_ms);
    add_usage_headers(resp);
    return resp;
  }
  try {
    limiter_.admit(ctx.now_ms, r->weight(ctx.params), r->is_order, ctx.used);
  } catch (const api_error& e) {
    rec.code = e.code();
    resp = error_response(e);
    resp.headers.emplace_back("Retry-After",
                              std::to_string(limiter_.retry_after_s()));
    add_usage_headers(resp);
    return resp;
  }
  // Binance exempts reduce-only orders from -1008 throttling.
  bool reduce_only = r->is_order && ctx.params.get("reduceOnly") == "true";
  const http_fault* fault = plan_.match(req.method, req.path, reduce_only);
  bool run
      = fault == nullptr || fault->executed || fault->kind == fault_kind::delay;
  try {
    if (!ctx.params.valid()) throw errors::illegal_value("query");
    if (run) {
      authenticate(*r, ctx);
      if (r->handler != nullptr)
        resp.body = (this->*(r->handler))(ctx);
      else
        resp.body = get_account(ctx, req.path == "/fapi/v2/account" ? 2 : 3);
    }
  } catch (const api_error& e) {
    rec.code = e.code();
    resp = error_response(e);
  }
  if (fault != nullptr) {
    switch (fault->kind) {
    case fault_kind::unknown_503: {
      auto e = errors::unknown_503();
      rec.code = e.code();
      resp = error_response(e);
      break;
    }
    case fault_kind::timeout_1007: {
      auto e = errors::timeout_1007();
      rec.code = e.code();
      resp = error_response(e);
      break;
    }
    case fault_kind::reset:
      resp.reset = true;
      break;
    case fault_kind::stall:
      resp.stall = true;
      break;
    case fault_kind::delay:
      resp.delay_us = fault->delay_ms * 1000;
      break;
    case fault_kind::overloaded_1008: {
      auto e = errors::overloaded_1008();
      rec.code = e.code();
      resp = error_response(e);
      break;
    }
    case fault_kind::status:
      resp = http_response{};
      resp.status = fault->status;
      resp.body = fault->body;
      break;
    }
    if (fault->retry_after_s > 0)
      resp.headers.emplace_back("Retry-After",
                                std::to_string(fault->retry_after_s));
  }
  add_usage_headers(resp);
  return resp;
}

void binance_venue::authenticate(const route& r, context& ctx) {
  if (r.sec == security::none) return;
  auto key = ctx.req.headers.find("x-mbx-apikey");
  if (key == ctx.req.headers.end() || key->second.empty())
    throw errors::bad_api_key_format();
  if (key->second != cfg_.api_key) throw errors::rejected_api_key();
  if (r.sec == security::user_stream) return;
  auto& p = ctx.params;
  if (!p.signature() || p.signature()->empty())
    throw errors::mandatory("signature");
  if (p.signature_misplaced() || !p.signed_payload()
      || !verify_signature(cfg_.api_secret, *p.signed_payload(),
                           *p.signature()))
    throw errors::invalid_signature();
  auto ts = int_param(required(p, "timestamp"), "timestamp");
  int64_t recv_window = 5000;
  if (auto rw = p.get("recvWindow"); rw && !rw->empty()) {
    recv_window = int_param(*rw, "recvWindow");
    if (recv_window <= 0 || recv_window > cfg_.max_recv_window_ms)
      throw errors::illegal_value("recvWindow");
  }
  auto server_ms = ctx.now_ms + clock_offset_ms_;
  if (!(ts < server_ms + 1000)) throw errors::timestamp_ahead();
  if (!(server_ms - ts <= recv_window))
    throw errors::invalid_timestamp_window();
}

// -- WebSocket
// ------------------------------------------------------------------

bool binance_venue::ws_open(const std::string& path, ws_peer_ptr peer) {
  http_request req;
  req.method = "GET";
  auto q = path.find('?');
  req.path = path.substr(0, q);
  if (q != std::string::npos) req.query = path.substr(q + 1);
  req.target = path;
  return ws_open(req, std::move(peer));
}

bool binance_venue::ws_open(const http_request& req, ws_peer_ptr peer) {
  std::lock_guard<std::mutex> guard{mtx_};
  if (open_market_locked(req, peer)) return true;
  // The user-data stream: the 2026-04-23 paths /private/ws?listenKey=K and
  // /private/ws/K. The legacy /ws/K is retired for USD-M (protocol_facts
  // B.1): refused with 404, as any unknown path.
  std::string key;
  if (req.path == "/private/ws") {
    auto params = param_set::parse(req.query, "");
    auto k = params.get("listenKey");
    if (!k) return false;
    key = *k;
  } else if (req.path.rfind("/private/ws/", 0) == 0) {
    key = req.path.substr(12);
  } else {
    return false;
  }
  stream_.poll(now_us());
  return stream_.attach(key, std::move(peer),
                        req.target.empty() ? req.path : req.target);
}

void binance_venue::ws_closed(uint64_t peer_id) {
  std::lock_guard<std::mutex> guard{mtx_};
  stream_.detach(peer_id);
  market_conns_.erase(peer_id);
}

void binance_venue::poll() {
  std::lock_guard<std::mutex> guard{mtx_};
  advance_timeline_locked(now_us() / 1000);
  stream_.poll(now_us());
  push_mark_prices_locked(now_us() / 1000);
}

size_t binance_venue::market_connections() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return market_conns_.size();
}

// -- control
// --------------------------------------------------------------------

void binance_venue::add_fault(http_fault f) {
  std::lock_guard<std::mutex> guard{mtx_};
  plan_.add(std::move(f));
}

void binance_venue::clear_faults() {
  std::lock_guard<std::mutex> guard{mtx_};
  plan_.clear();
}

void binance_venue::set_stream_faults(stream_faults f) {
  std::lock_guard<std::mutex> guard{mtx_};
  stream_.set_faults(f);
}

void binance_venue::set_event_order(event_order o) {
  std::lock_guard<std::mutex> guard{mtx_};
  cfg_.order = o;
}

void binance_venue::set_rate_limits(rate_limits l) {
  std::lock_guard<std::mutex> guard{mtx_};
  limiter_.set_limits(l);
}

void binance_venue::set_clock_offset_ms(int64_t offset_ms) {
  std::lock_guard<std::mutex> guard{mtx_};
  clock_offset_ms_ = offset_ms;
}

void binance_venue::expire_listen_key() {
  std::lock_guard<std::mutex> guard{mtx_};
  stream_.poll(now_us(), true);
}

void binance_venue::reset() {
  std::lock_guard<std::mutex> guard{mtx_};
  init_state();
}

// -- observation
// ----------------------------------------------------------------

std::vector<position> binance_venue::positions() const {
  std::lock_guard<std::mutex> guard{mtx_};
  std::vector<position> out;
  for (auto& [k, p] : account_.positions())
    out.push_back(p);
  return out;
}

std::vector<sim_order> binance_venue::orders() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return {orders_.begin(), orders_.end()};
}

std::optional<sim_order>
binance_venue::find_order(const std::string& symbol,
                          const std::string& client_id) const {
  std::lock_guard<std::mutex> guard{mtx_};
  auto i = by_cid_.find({symbol, client_id});
  if (i == by_cid_.end()) return std::nullopt;
  return *i->second;
}

decimal binance_venue::wallet_balance() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return account_.wallet_balance;
}

decimal binance_venue::mark(const std::string& symbol) const {
  std::lock_guard<std::mutex> guard{mtx_};
  auto i = markets_.find(symbol);
  return i == markets_.end() ? decimal{} : i->second.mark;
}

uint64_t binance_venue::signed_write_count() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return signed_writes_;
}

std::vector<recorded_request> binance_venue::requests() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return records_;
}

std::vector<pushed_frame> binance_venue::frames() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return stream_.frames();
}

std::string binance_venue::listen_key() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return stream_.key();
}

size_t binance_venue::ws_connections() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return stream_.connections();
}

} // namespace hlc::sim::binance
