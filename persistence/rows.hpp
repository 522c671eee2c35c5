#pragma once

// Row types for tables that have no domain type in messages/. Field names
// follow the columns (docs/persistence.md).

#include "messages/decimal.hpp"
#include "messages/fill.hpp"
#include "messages/order.hpp"
#include "messages/order_record.hpp"
#include "messages/reasons.hpp"
#include "messages/side.hpp"
#include "messages/skip.hpp"

#include <cstdint>
#include <string>

namespace hlc {

/// `system_state`: the one persisted trading state (SPEC MODE-4).
struct system_state_row {
  state_change change;     ///< state, reason, detail, actor, time (updated_ms)
  std::string config_hash; ///< hash of the effective config of this run
  std::string run_id;      ///< id of the run that wrote the row
};

/// `leader_cursors`: last fully processed fill time of one leader (ING-6).
struct cursor_row {
  std::string leader;
  int64_t last_time_ms = 0;
  int64_t updated_ms = 0;
};

/// `processed_fills`: one fill that went through the dedup gate.
struct processed_fill_row {
  fill_key key;
  int64_t processed_ms = 0;
};

/// `quarantine`: an input that failed to parse or validate (ING-8).
struct quarantine_row {
  int64_t id = 0; ///< assigned by the DB; ignored on insert
  int64_t time_ms = 0;
  std::string source; ///< "hl_ws", "hl_rest", "binance_user", ...
  std::string reason; ///< the parse error, naming the field
  std::string raw;    ///< the offending text, verbatim
};

/// `orders` rows are `order_record`s (messages/order_record.hpp): the
/// intent, written before sending (EXE-4), and its progress. One type for the
/// row, the upsert and the progress update.

/// `order_events`: one venue event about one of our orders, as received.
struct order_event_row {
  int64_t id = 0; ///< assigned by the DB; ignored on insert
  order_update update;
  int64_t recorded_ms = 0; ///< local time the event was recorded
};

/// `positions`: a signed position of one book ("local", "paper", ...).
struct position_row {
  std::string book;
  std::string symbol;
  decimal qty; ///< signed: > 0 long, < 0 short
  decimal avg_entry_px;
  decimal realized_pnl;
  int64_t updated_ms = 0;
};

/// `paper_orders`: the dry-run paper exchange's own order book (EXE-11).
struct paper_order_row {
  std::string client_id;
  uint64_t exchange_order_id = 0;
  std::string symbol;
  hlc::side side = side::buy;
  order_type type = order_type::market;
  time_in_force tif = time_in_force::gtc;
  decimal qty;
  decimal price;
  bool reduce_only = false;
  std::string status; ///< Binance wording: NEW, PARTIALLY_FILLED, FILLED, ...
  decimal filled_qty;
  decimal avg_px;
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
};

/// `strategy_state`: what a restarted strategy needs per (leader, coin).
struct strategy_state_row {
  std::string leader;
  std::string coin;
  decimal leader_position; ///< signed leader position
  decimal k;               ///< scale factor fixed when the position opened
  decimal attributed_qty;  ///< follower position attributed to this leader
  std::string symbol;      ///< Binance symbol the coin maps to
  int64_t updated_ms = 0;
};

/// `reconciliations`: one three-way compare of one symbol (SAF-2).
struct reconciliation_row {
  int64_t id = 0; ///< assigned by the DB; ignored on insert
  int64_t time_ms = 0;
  std::string symbol;
  decimal local_qty;
  decimal venue_qty;
  decimal target_qty;
  decimal drift_usd;
  decimal drift_pct;
  std::string band;   ///< "ok" | "warn" | "critical"
  std::string action; ///< "none", "alert", "reduce_only_correction", ...
};

/// `audit_log`: a state change or operator command.
struct audit_row {
  int64_t id = 0; ///< assigned by the DB; ignored on insert
  int64_t time_ms = 0;
  std::string actor;  ///< "supervisor", "operator", ...
  std::string action; ///< "state_change", "pause", "resume", ...
  std::string reason;
  std::string detail;
};

/// `alerts`: an alert as sent to the operator.
struct alert_row {
  int64_t id = 0; ///< assigned by the DB; ignored on insert
  int64_t time_ms = 0;
  std::string severity; ///< "info" | "warning" | "critical"
  std::string key;      ///< dedup/rate-limit key, e.g. "gap:0xabc"
  std::string text;
};

} // namespace hlc
