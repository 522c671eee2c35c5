#pragma once

#include "config/settings.hpp"
#include "messages/alert.hpp"
#include "messages/market.hpp"
#include "messages/order.hpp"
#include "messages/order_record.hpp"
#include "messages/skip.hpp"
#include "messages/target.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace hlc {

/// One order as the executor tracks it: the persisted record plus the trade
/// ids seen for fill events without a cumulative quantity (TRADE_LITE).
struct tracked_order : order_record {
  std::set<uint64_t> trade_ids;
  /// Loaded at restart: its fills are already in the venue position read at
  /// restart (or will be in the one read after it resolves), so they never
  /// move `position` here.
  bool restored = false;
  /// Seq of the target this order was placed for (0 when restored).
  uint64_t target_seq = 0;
  /// How often the venue answered "not placed, retry" for it.
  uint32_t not_placed = 0;
  /// Its time in force elapsed and a cancel was sent; until the venue
  /// confirms the end, the order still works (EXE-7).
  bool cancel_requested = false;
  /// The cancel was refused or lost: a query asks what became of the order.
  bool cancel_in_doubt = false;
  /// The IOC residual of a LIMIT order canceled after its time in force.
  bool residual = false;
};

/// Persist the intent (write-ahead), then send it.
struct place_order_action {
  order_intent intent;
};
/// Ask the venue about an order no earlier than `not_before_ms` (EXE-5).
struct query_order_action {
  std::string client_id;
  int64_t not_before_ms = 0;
};
/// The order's state or fill progress changed: persist it.
struct order_changed_action {
  order_record order;
};
/// A decision not to trade: record it.
struct skip_action {
  skip_record skip;
};
/// Something an operator must hear about.
struct alert_action {
  hlc::severity level = severity::warn;
  std::string text;
};
/// The venue did not place the order and said to retry (EXE-5): send the
/// same intent, same client id, no earlier than `not_before_ms`.
struct resend_order_action {
  std::string client_id;
  int64_t not_before_ms = 0;
};

/// Cancel a working order by client id (its time in force elapsed).
struct cancel_order_action {
  std::string client_id;
};
/// Arm the time-in-force timer of a LIMIT GTC order (EXE-7).
struct arm_tif_action {
  std::string client_id;
  int64_t delay_ms = 0;
};

using executor_action
    = std::variant<place_order_action, query_order_action, order_changed_action,
                   skip_action, alert_action, resend_order_action,
                   cancel_order_action, arm_tif_action>;

struct executor_options {
  std::string client_id_prefix = "hlc";
  std::string epoch = "0";
  int64_t recv_window_ms = 5000; ///< wait this past the send before a query
  int64_t query_margin_ms = 1000;
  /// Pricing (EXE-7): MARKET after a slippage check, or LIMIT GTC at mark
  /// ± `price_offset_pct`, canceled after `tif_ms`, the residual as IOC.
  order_type type = order_type::market;
  decimal price_offset_pct = decimal::parse_or_throw("0.02");
  int64_t tif_ms = 3000;
  decimal max_slippage_pct = decimal::parse_or_throw("0.2");
  decimal min_residual_usd = decimal::from_int(5);
};

/// Copies the pricing settings (`execution.order_type`, `price_offset_pct`,
/// `tif_ms`, `max_slippage_pct`, `min_residual_usd`) into `opts`.
void apply_pricing(executor_options& opts, const execution_settings& x);

/// The per-symbol order logic (SPEC EXE-3, EXE-5, EXE-8), pure: it owns the
/// symbol's orders and position, trades toward the latest target, keeps at
/// most one order working (new targets coalesce meanwhile), and emits actions
/// for its actor to carry out.
class executor_core {
public:
  executor_core(std::string symbol, executor_options opts);

  void set_filters(const symbol_filters& f) { filters_ = f; }
  void set_mark(decimal mark) { mark_ = mark; }

  /// A new mark. The first price after none trades a target that could not
  /// be valued without one (e.g. handed to an EXECUTOR spawned by a
  /// restarted ROUTER before any mark reached it).
  std::vector<executor_action> on_mark(decimal mark, int64_t now_ms);

  /// The best bid and ask: the slippage check's reference (EXE-3, EXE-7).
  /// A target refused for slippage is re-evaluated on the next book/mark.
  std::vector<executor_action> on_book(decimal bid, decimal ask,
                                       int64_t now_ms);

  /// A LIMIT order's time in force elapsed: cancel it if it still works.
  std::vector<executor_action> on_tif(const std::string& client_id,
                                      int64_t now_ms);

  /// The venue may have moved without us (EXE-9): query every order that
  /// works at the venue now, then re-read the venue position (through
  /// `needs_position_sync` / `sync_position`) before trading on.
  std::vector<executor_action> on_resync(int64_t now_ms);

  /// Trading state gate: HALTED/SAFE place nothing, REDUCING only reduces.
  std::vector<executor_action> set_state(trading_state state, int64_t now_ms);

  /// Restart recovery (EXE-6): non-terminal orders from the DB, the venue's
  /// position and the next sequence number. Every restored order is queried
  /// before anything new is placed.
  std::vector<executor_action> restore(std::vector<tracked_order> open_orders,
                                       decimal position, uint64_t next_seq,
                                       int64_t now_ms);

  /// True once restored orders are resolved and the venue position must be
  /// read again before anything is traded (EXE-6).
  bool needs_position_sync() const;

  /// The venue's position after restart recovery; trading resumes.
  std::vector<executor_action> sync_position(decimal venue_position,
                                             int64_t now_ms);

  /// A new target; supersedes older ones.
  std::vector<executor_action> on_target(const symbol_target& target,
                                         int64_t now_ms);

  /// A venue event for one of this symbol's orders.
  std::vector<executor_action> on_update(const order_update& update,
                                         int64_t now_ms);

  /// True when no order of this symbol is working or unresolved.
  bool idle() const;

  /// True when idle and not waiting for a position sync: a target is done.
  bool settled() const { return idle() && !resync_pending_; }

  const std::string& symbol() const noexcept { return symbol_; }
  decimal position() const noexcept { return position_; }
  decimal target_qty() const noexcept {
    return target_ ? target_->target_qty : position_;
  }
  uint64_t next_seq() const noexcept { return next_seq_; }
  const std::map<std::string, tracked_order>& orders() const noexcept {
    return orders_;
  }

private:
  void evaluate(int64_t now_ms, std::vector<executor_action>& out);
  void skip_once(skip_reason reason, std::string detail, int64_t now_ms,
                 std::vector<executor_action>& out);
  void apply_fill(tracked_order& order, const order_update& update);
  void on_rejected(tracked_order& order, int64_t now_ms,
                   std::vector<executor_action>& out);
  /// Empty when the book allows trading `s` within max_slippage_pct of the
  /// mark, else why not.
  std::string slippage_refusal(side s) const;
  /// Marks a terminal order's consequences for the next decision.
  void on_ended(const tracked_order& order);

  std::string symbol_;
  executor_options opts_;
  std::optional<symbol_filters> filters_;
  decimal mark_;
  trading_state state_ = trading_state::active;
  std::optional<symbol_target> target_;
  decimal position_;
  uint64_t next_seq_ = 1;
  std::map<std::string, tracked_order> orders_; ///< non-terminal + recent
  uint64_t skipped_seq_ = 0;         ///< target seq already explained by a skip
  uint64_t rejected_seq_ = 0;        ///< target seq whose order was rejected
  uint64_t placed_seq_ = 0;          ///< target seq an order moved toward
  bool resync_pending_ = false;      ///< restored orders: re-read the position
  decimal bid_;                      ///< best bid, zero before the first book
  decimal ask_;                      ///< best ask, zero before the first book
  bool slippage_blocked_ = false;    ///< the last decision was refused so
  bool residual_pending_ = false;    ///< next order: the IOC residual
  uint64_t residual_done_seq_ = 0;   ///< target seq whose residual ended
  uint64_t reduce_rejected_seq_ = 0; ///< target seq that met a -2022
  bool margin_alerted_ = false;      ///< -2019 told once until a fill
};

} // namespace hlc
