#include "persistence/write_batch.hpp"

#include "persistence/alert_repo.hpp"
#include "persistence/audit_repo.hpp"
#include "persistence/cursor_repo.hpp"
#include "persistence/order_repo.hpp"
#include "persistence/paper_repo.hpp"
#include "persistence/position_repo.hpp"
#include "persistence/processed_fill_repo.hpp"
#include "persistence/quarantine_repo.hpp"
#include "persistence/skip_repo.hpp"
#include "persistence/strategy_state_repo.hpp"
#include "persistence/system_state_repo.hpp"

namespace hlc {

std::size_t write_batch::size() const noexcept {
  return processed_fills.size() + cursor_advances.size() + skips.size()
         + quarantine.size() + intents.size() + orders.size()
         + order_updates.size() + order_events.size() + positions.size()
         + paper_orders.size() + paper_meta.size() + strategy_states.size()
         + state_changes.size() + audits.size() + alerts.size();
}

void write_batch::clear() noexcept {
  processed_fills.clear();
  cursor_advances.clear();
  skips.clear();
  quarantine.clear();
  intents.clear();
  orders.clear();
  order_updates.clear();
  order_events.clear();
  positions.clear();
  paper_orders.clear();
  paper_meta.clear();
  strategy_states.clear();
  state_changes.clear();
  audits.clear();
  alerts.clear();
}

void apply(database& db, const write_batch& batch) {
  if (batch.empty()) return;
  const char* op = "write_batch.apply";
  try {
    database::transaction tx{db, op};
    // Each repository joins this transaction; its own statement is prepared
    // once and bound per row.
    processed_fill_repo{db}.insert_all(batch.processed_fills);
    cursor_repo{db}.advance_all(batch.cursor_advances);
    skip_repo{db}.append_all(batch.skips);
    quarantine_repo{db}.append_all(batch.quarantine);
    order_repo orders{db};
    for (const auto& i : batch.intents)
      orders.insert_intent(i);       // a second intent with one id fails
    orders.upsert_all(batch.orders); // before events that reference them
    orders.update_all(batch.order_updates);
    orders.append_events(batch.order_events);
    position_repo{db}.upsert_all(batch.positions);
    paper_repo paper{db};
    paper.upsert_orders(batch.paper_orders);
    for (const auto& [key, value] : batch.paper_meta)
      paper.set_meta(key, value);
    strategy_state_repo{db}.upsert_all(batch.strategy_states);
    system_state_repo state{db};
    for (const auto& x : batch.state_changes)
      state.apply_change(x);
    audit_repo{db}.append_all(batch.audits);
    alert_repo{db}.append_all(batch.alerts);
    tx.commit();
  } catch (const db_error& e) {
    throw db_error(op, e.what(), e.sqlite_code());
  } catch (...) {
    database::rethrow_as_db_error(op);
  }
}

} // namespace hlc
