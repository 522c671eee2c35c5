#pragma once

#include "messages/skip.hpp"
#include "persistence/database.hpp"
#include "persistence/rows.hpp"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace hlc {

/// Pending writes the writer actor collects between flushes (DB-3). Applied
/// all-or-nothing by `apply`: a cursor advance is only ever committed
/// together with the processed fills it covers.
struct write_batch {
  std::vector<processed_fill_row> processed_fills;
  std::vector<cursor_row> cursor_advances; ///< never move a cursor back
  std::vector<skip_record> skips;
  std::vector<quarantine_row> quarantine;
  std::vector<order_intent> intents;       ///< new PENDING rows; never replaced
  std::vector<order_record> orders;        ///< upserts (intent immutable)
  std::vector<order_record> order_updates; ///< progress; orders must exist
  std::vector<order_event_row> order_events; ///< orders must exist
  std::vector<position_row> positions;
  std::vector<paper_order_row> paper_orders;                   ///< upserts
  std::vector<std::pair<std::string, std::string>> paper_meta; ///< key, value
  std::vector<strategy_state_row> strategy_states;
  std::vector<state_change> state_changes; ///< keep config hash and run id
  std::vector<audit_row> audits;
  std::vector<alert_row> alerts;

  /// Total number of pending writes.
  std::size_t size() const noexcept;

  bool empty() const noexcept { return size() == 0; }

  void clear() noexcept;
};

/// Writes everything in `batch` in ONE transaction, in the order of the
/// fields above. On any failure nothing is written and `db_error` is thrown
/// (op "write_batch.apply", SQLite's message, the failing table's op).
void apply(database& db, const write_batch& batch);

} // namespace hlc
