#include "actors/writer/writer.hpp"

#include "persistence/paper_repo.hpp"

#include <map>

namespace hlc {

namespace {

std::string binance_status(order_state s) {
  switch (s) {
  case order_state::submitted:
  case order_state::pending:
  case order_state::unknown:
    return "NEW";
  case order_state::partially_filled:
    return "PARTIALLY_FILLED";
  case order_state::filled:
    return "FILLED";
  case order_state::canceled:
    return "CANCELED";
  case order_state::expired:
    return "EXPIRED";
  case order_state::rejected:
    return "REJECTED";
  }
  return "NEW";
}

paper_order_row paper_row(const paper_order& o) {
  paper_order_row row;
  row.client_id = o.intent.client_id;
  row.exchange_order_id = o.exchange_order_id;
  row.symbol = o.intent.symbol;
  row.side = o.intent.side;
  row.type = o.intent.type;
  row.tif = o.intent.tif;
  row.qty = o.intent.qty;
  row.price = o.intent.price;
  row.reduce_only = o.intent.reduce_only;
  row.status = binance_status(o.status);
  row.filled_qty = o.filled_qty;
  row.avg_px = o.avg_px;
  row.created_ms = o.intent.created_ms;
  row.updated_ms = o.updated_ms;
  return row;
}

/// Appends `row`, or replaces the earlier row with the same key.
template <class Row>
void keep_latest(std::vector<Row>& rows, std::map<std::string, size_t>& index,
                 const std::string& key, Row row) {
  auto [i, fresh] = index.emplace(key, rows.size());
  if (fresh)
    rows.push_back(std::move(row));
  else
    rows[i->second] = std::move(row);
}

} // namespace

write_batch make_flush_plan(const std::vector<db_write>& groups,
                            const order_intent* intent) {
  if (intent == nullptr)
    return make_flush_plan(groups, std::vector<order_intent>{});
  return make_flush_plan(groups, std::vector<order_intent>{*intent});
}

write_batch make_flush_plan(const std::vector<db_write>& groups,
                            const std::vector<order_intent>& intents) {
  std::map<std::string, size_t> cursor_index;
  std::map<std::string, size_t> strategy_index;
  write_batch b;
  std::map<std::string, size_t> paper_index;
  std::map<std::string, size_t> position_index;
  std::map<std::string, size_t> update_index;
  uint64_t next_id = 0;
  for (auto& w : groups) {
    for (auto& k : w.processed_fills)
      b.processed_fills.push_back(processed_fill_row{k, w.time_ms});
    // Rows that are overwritten later in the same flush are written once.
    for (auto& c : w.cursors) {
      auto [i, fresh]
          = cursor_index.emplace(c.leader, b.cursor_advances.size());
      cursor_row row{c.leader, c.time_ms, w.time_ms};
      if (fresh)
        b.cursor_advances.push_back(row);
      else if (c.time_ms >= b.cursor_advances[i->second].last_time_ms)
        b.cursor_advances[i->second] = row; // cursors never move back
    }
    for (auto& r : w.strategy_rows)
      keep_latest(b.strategy_states, strategy_index, r.leader + '/' + r.coin,
                  strategy_state_row{r.leader, r.coin, r.leader_position, r.k,
                                     r.attributed, r.symbol, w.time_ms});
    for (auto& s : w.skips)
      b.skips.push_back(s);
    for (auto& q : w.quarantined)
      b.quarantine.push_back(
          quarantine_row{0, q.time_ms, q.source, q.reason, q.raw});
    // An order's progress in one flush is written once: its latest state,
    // keeping an exchange id named by an earlier event (update semantics).
    for (auto& o : w.orders) {
      auto [i, fresh]
          = update_index.emplace(o.intent.client_id, b.order_updates.size());
      if (fresh) {
        b.order_updates.push_back(o);
        continue;
      }
      auto& kept = b.order_updates[i->second];
      auto exchange_id = kept.exchange_order_id;
      kept = o;
      if (kept.exchange_order_id == 0) kept.exchange_order_id = exchange_id;
    }
    for (auto& e : w.order_events)
      b.order_events.push_back(order_event_row{0, e, w.time_ms});
    for (auto& a : w.alerts)
      b.alerts.push_back(alert_row{
          0, a.time_ms, std::string{to_string(a.level)}, a.key, a.text});
    // The paper book keeps only the latest row per order and symbol.
    for (auto& p : w.paper_orders)
      keep_latest(b.paper_orders, paper_index, p.intent.client_id,
                  paper_row(p));
    for (auto& p : w.paper_positions)
      keep_latest(b.positions, position_index, p.symbol,
                  position_row{"paper", p.symbol, p.qty, p.avg_entry_px,
                               p.realized_pnl, 0});
    if (w.paper_next_id != 0) next_id = w.paper_next_id;
    for (auto& s : w.state_changes)
      b.state_changes.push_back(s);
  }
  if (next_id != 0)
    b.paper_meta.emplace_back("next_order_id", std::to_string(next_id));
  // Intents commit with the groups queued before them (one transaction),
  // and are inserted before the progress rows that refer to them.
  b.intents.insert(b.intents.end(), intents.begin(), intents.end());
  return b;
}

} // namespace hlc
