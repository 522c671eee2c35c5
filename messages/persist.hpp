#pragma once

#include "messages/alert.hpp"
#include "messages/fill.hpp"
#include "messages/order_record.hpp"
#include "messages/paper.hpp"
#include "messages/skip.hpp"
#include "messages/strategy_state.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace hlc {

/// Advances a leader's cursor: the last fully processed fill time.
struct cursor_advance {
  std::string leader;
  int64_t time_ms = 0;
};

/// A group of writes that must become durable together, in the order the
/// writer receives them. The writer applies whole groups in order, so the
/// durable state is always a prefix of what the actors decided.
struct db_write {
  std::vector<fill_key> processed_fills;
  std::vector<cursor_advance> cursors;
  std::vector<leader_coin_state> strategy_rows;
  std::vector<skip_record> skips;
  std::vector<quarantine_record> quarantined;
  std::vector<order_record> orders;       ///< upserts
  std::vector<order_update> order_events; ///< appended as received
  std::vector<paper_order> paper_orders;  ///< upserts
  std::vector<paper_position> paper_positions;
  uint64_t paper_next_id = 0; ///< 0 = unchanged
  std::vector<state_change> state_changes;
  std::vector<alert> alerts;
  int64_t time_ms = 0;

  bool empty() const noexcept {
    return processed_fills.empty() && cursors.empty() && strategy_rows.empty()
           && skips.empty() && quarantined.empty() && orders.empty()
           && order_events.empty() && paper_orders.empty()
           && paper_positions.empty() && paper_next_id == 0
           && state_changes.empty() && alerts.empty();
  }
};

} // namespace hlc
