#pragma once

#include "sim/binance/account.hpp"
#include "sim/binance/errors.hpp"
#include "sim/binance/faults.hpp"
#include "sim/binance/market.hpp"
#include "sim/binance/market_stream.hpp"
#include "sim/binance/order.hpp"
#include "sim/binance/params.hpp"
#include "sim/binance/rate_limiter.hpp"
#include "sim/binance/user_stream.hpp"
#include "sim/binance/venue_config.hpp"
#include "sim/common/http_types.hpp"

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace hlc::sim::binance {

/// A request as the venue recorded it (SIM-4). The API key itself is not
/// kept, only whether one was sent.
struct recorded_request {
  int64_t received_us = 0;
  std::string method;
  std::string path;
  std::string query;
  std::string body;
  bool api_key_sent = false;
  int status = 0;   ///< HTTP status answered (0 = reset/stall)
  int code = 0;     ///< Binance error code, 0 on success
  uint64_t seq = 0; ///< 1-based arrival order, never reset
};

/// The Binance USDⓈ-M Futures venue logic over transport-neutral types
/// (SPEC SIM-2..4): REST endpoints, user-data stream, matching, faults,
/// records and the `/_sim/` control routes. Thread-safe (one mutex).
class binance_venue {
public:
  /// Microseconds since the epoch; injected so tests control time.
  using clock = std::function<int64_t()>;

  binance_venue(venue_config cfg, clock now_us);

  // -- transport entry points -------------------------------------------------

  /// Answers one HTTP request (REST or `/_sim/`).
  http_response handle(const http_request& req);

  /// A WebSocket upgrade: the user-data stream
  /// (`/private/ws?listenKey=K` or `/private/ws/K`; the legacy `/ws/K` is
  /// refused) or a market stream (market_stream.hpp); false rejects it.
  bool ws_open(const http_request& req, ws_peer_ptr peer);
  bool ws_open(const std::string& path, ws_peer_ptr peer);
  /// The connection is gone.
  void ws_closed(uint64_t peer_id);
  /// Periodic housekeeping: timeline, listenKey expiry, due markPrice
  /// pushes (each markPrice stream pushes once per interval of the clock).
  void poll();
  /// Open market-stream connections.
  size_t market_connections() const;

  // -- C++ control API (same as the /_sim/ routes)
  // -----------------------------

  /// Moves the mark and regenerates the book around it; open orders the
  /// new book crosses fill (at most `fill_ratio` of their remainder).
  void set_mark(const std::string& symbol, decimal mark,
                std::optional<book_shape> shape = std::nullopt,
                decimal fill_ratio = decimal::from_int(1));
  /// Replaces the book (and optionally the mark) of `symbol`.
  void set_book(const std::string& symbol, std::vector<level> bids,
                std::vector<level> asks, std::optional<decimal> mark,
                decimal fill_ratio = decimal::from_int(1));
  void add_fault(http_fault f);
  void clear_faults();
  void set_stream_faults(stream_faults f);
  void set_event_order(event_order o);
  void set_rate_limits(rate_limits l);
  /// Server-clock drift (venue_config::clock_offset_ms) from now on.
  void set_clock_offset_ms(int64_t offset_ms);
  void expire_listen_key();
  /// Back to the configured initial state (records cleared too).
  void reset();

  // -- observation
  // --------------------------------------------------------------

  std::vector<position> positions() const;
  std::vector<sim_order> orders() const;
  std::optional<sim_order> find_order(const std::string& symbol,
                                      const std::string& client_id) const;
  decimal wallet_balance() const;
  decimal mark(const std::string& symbol) const;
  /// Signed POST/PUT/DELETE requests received (valid or not); dry-run
  /// proofs assert this stays 0.
  uint64_t signed_write_count() const;
  std::vector<recorded_request> requests() const;
  std::vector<pushed_frame> frames() const;
  std::string listen_key() const;
  size_t ws_connections() const;
  const venue_config& config() const { return cfg_; }

private:
  struct route;
  struct context {
    const http_request& req;
    param_set params;
    int64_t now_ms;
    usage used;
  };

  void init_state();
  void set_mark_locked(const std::string& symbol, decimal mark,
                       std::optional<book_shape> shape, decimal fill_ratio);
  void set_book_locked(const std::string& symbol, std::vector<level> bids,
                       std::vector<level> asks, std::optional<decimal> mark,
                       decimal fill_ratio);
  http_response dispatch(const http_request& req, recorded_request& rec);
  http_response control(const http_request& req);
  void authenticate(const route& r, context& ctx);

  // REST handlers (return the JSON body).
  std::string get_time(context& ctx);
  std::string get_exchange_info(context& ctx);
  std::string get_premium_index(context& ctx);
  std::string get_book_ticker(context& ctx);
  std::string get_depth(context& ctx);
  std::string get_dual(context& ctx);
  std::string post_dual(context& ctx);
  std::string post_order(context& ctx);
  std::string get_order(context& ctx);
  std::string delete_order(context& ctx);
  std::string get_open_orders(context& ctx);
  std::string delete_all_open_orders(context& ctx);
  std::string get_user_trades(context& ctx);
  std::string get_position_risk_v2(context& ctx);
  std::string get_position_risk_v3(context& ctx);
  std::string get_account(context& ctx, int version);
  std::string get_balance(context& ctx);
  std::string post_leverage(context& ctx);
  std::string get_leverage_bracket(context& ctx);
  std::string post_margin_type(context& ctx);
  std::string post_listen_key(context& ctx);
  std::string put_listen_key(context& ctx);
  std::string delete_listen_key(context& ctx);

  // Trading internals.
  const symbol_spec& spec_of(const std::string& symbol) const;
  const symbol_spec& require_symbol(const context& ctx);
  sim_order& find_for_query(const context& ctx, bool for_cancel);
  void execute(sim_order& o, const std::vector<book_fill>& fills, bool maker,
               std::vector<std::string>& frames, bool with_new);
  void sweep_resting(const std::string& symbol, decimal fill_ratio);
  decimal open_notional(const std::string& symbol, bool buy) const;
  decimal available_balance() const;
  decimal reducible(const sim_order& o) const;
  std::string order_json(const sim_order& o, bool with_time,
                         bool with_cum_qty) const;
  int64_t now_us() const { return now_us_(); }
  /// Applies the scripted mark moves that are due at `now_ms`.
  void advance_timeline_locked(int64_t now_ms);

  // Market streams (venue_streams.cpp).
  struct market_conn {
    ws_peer_ptr peer;
    std::string path;
    market_request req;
  };
  bool open_market_locked(const http_request& req, ws_peer_ptr peer);
  void push_mark_prices_locked(int64_t now_ms);
  void push_book_ticker_locked(const std::string& symbol);
  void send_market_locked(market_conn& c, const market_stream& s,
                          const std::string& payload);
  std::string mark_price_event(const std::string& symbol, int64_t now_ms) const;
  std::string book_ticker_event(const std::string& symbol,
                                int64_t now_ms) const;
  std::map<uint64_t, market_conn> market_conns_;
  uint64_t next_request_seq_ = 1;
  int64_t started_ms_ = 0;   ///< venue start (or last reset), for timeline
  size_t timeline_next_ = 0; ///< first timeline step not applied yet

  venue_config cfg_;
  clock now_us_;
  mutable std::mutex mtx_;
  std::map<std::string, symbol_spec> specs_;
  std::map<std::string, market_state> markets_;
  std::map<std::string, uint64_t> next_order_id_;
  uint64_t next_trade_id_ = 0;
  void prune_open();

  std::deque<sim_order> orders_; // creation order; references stay valid
  std::vector<sim_order*> open_; // open orders, creation order
  std::map<std::pair<std::string, uint64_t>, sim_order*> by_id_;
  std::map<std::pair<std::string, std::string>, sim_order*> by_cid_; // newest
  account account_;
  rate_limiter limiter_;
  fault_plan plan_;
  user_stream stream_;
  std::mt19937_64 rng_;
  std::vector<recorded_request> records_;
  uint64_t signed_writes_ = 0;
  int64_t clock_offset_ms_ = 0; ///< server-clock drift (fault)
};

} // namespace hlc::sim::binance
