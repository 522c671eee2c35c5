#pragma once

// CAF 0.17 inspectors for every message type: serialization (should executors
// ever run on another node through the middleman) and readable logs. The
// domain headers stay free of CAF; only this header and the actors see it.

#include "messages/alert.hpp"
#include "messages/decimal.hpp"
#include "messages/fill.hpp"
#include "messages/market.hpp"
#include "messages/order.hpp"
#include "messages/order_record.hpp"
#include "messages/paper.hpp"
#include "messages/persist.hpp"
#include "messages/reports.hpp"
#include "messages/skip.hpp"
#include "messages/strategy_state.hpp"
#include "messages/target.hpp"

#include <caf/meta/type_name.hpp>

namespace hlc {

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, decimal& x) {
  return f(caf::meta::type_name("decimal"), x.mantissa_, x.scale_);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, fill_key& x) {
  return f(caf::meta::type_name("fill_key"), x.leader, x.coin, x.oid, x.tid,
           x.time_ms, x.start_position, x.sz);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, leader_fill& x) {
  return f(caf::meta::type_name("leader_fill"), x.key, x.px, x.sz, x.side,
           x.start_position, x.dir, x.closed_pnl, x.fee, x.fee_token, x.hash,
           x.crossed, x.liquidation, x.source, x.received_us);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, symbol_filters& x) {
  return f(caf::meta::type_name("symbol_filters"), x.symbol, x.trading,
           x.tick_size, x.min_price, x.max_price, x.step_size, x.min_qty,
           x.max_qty, x.market_step_size, x.market_min_qty, x.market_max_qty,
           x.min_notional, x.percent_up, x.percent_down);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, mark_price& x) {
  return f(caf::meta::type_name("mark_price"), x.symbol, x.mark, x.time_ms);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, book_top& x) {
  return f(caf::meta::type_name("book_top"), x.symbol, x.bid, x.ask, x.time_ms);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, coin_mid& x) {
  return f(caf::meta::type_name("coin_mid"), x.coin, x.mid);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, symbol_target& x) {
  return f(caf::meta::type_name("symbol_target"), x.symbol, x.target_qty,
           x.reference_px, x.reduce_only, x.seq, x.correlation,
           x.leader_time_ms, x.received_us, x.restated);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_intent& x) {
  return f(caf::meta::type_name("order_intent"), x.client_id, x.symbol, x.side,
           x.type, x.tif, x.qty, x.price, x.reduce_only, x.correlation,
           x.created_ms);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_update& x) {
  return f(caf::meta::type_name("order_update"), x.client_id, x.symbol, x.kind,
           x.exchange_order_id, x.trade_id, x.side, x.last_qty, x.last_px,
           x.cum_qty, x.avg_px, x.error_code, x.error_text, x.event_time_ms,
           x.retry_after_ms);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_record& x) {
  return f(caf::meta::type_name("order_record"), x.intent, x.state,
           x.exchange_order_id, x.filled_qty, x.avg_px, x.error_code,
           x.error_text, x.updated_ms);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, skip_record& x) {
  return f(caf::meta::type_name("skip_record"), x.reason, x.leader, x.coin,
           x.symbol, x.correlation, x.detail, x.time_ms);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, state_change& x) {
  return f(caf::meta::type_name("state_change"), x.state, x.reason, x.detail,
           x.actor, x.time_ms);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, leader_coin_state& x) {
  return f(caf::meta::type_name("leader_coin_state"), x.leader, x.coin,
           x.symbol, x.leader_position, x.k, x.attributed);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, paper_order& x) {
  return f(caf::meta::type_name("paper_order"), x.intent, x.exchange_order_id,
           x.status, x.filled_qty, x.avg_px, x.updated_ms);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, paper_position& x) {
  return f(caf::meta::type_name("paper_position"), x.symbol, x.qty,
           x.avg_entry_px, x.realized_pnl);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, alert& x) {
  return f(caf::meta::type_name("alert"), x.level, x.key, x.text, x.time_ms);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, quarantine_record& x) {
  return f(caf::meta::type_name("quarantine_record"), x.source, x.reason, x.raw,
           x.time_ms);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, cursor_advance& x) {
  return f(caf::meta::type_name("cursor_advance"), x.leader, x.time_ms);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, db_write& x) {
  return f(caf::meta::type_name("db_write"), x.processed_fills, x.cursors,
           x.strategy_rows, x.skips, x.quarantined, x.orders, x.order_events,
           x.paper_orders, x.paper_positions, x.paper_next_id, x.state_changes,
           x.alerts, x.time_ms);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, ingest_result& x) {
  return f(caf::meta::type_name("ingest_result"), x.received, x.fresh,
           x.duplicates);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, executor_report& x) {
  return f(caf::meta::type_name("executor_report"), x.symbol, x.position,
           x.target, x.working_orders);
}

} // namespace hlc
