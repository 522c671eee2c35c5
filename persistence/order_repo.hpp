#pragma once

#include "messages/order.hpp"
#include "persistence/database.hpp"
#include "persistence/rows.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hlc {

/// `orders` and `order_events`. The intent row is the write-ahead record of
/// EXE-4: it is committed (state `pending`) before the request is sent, so a
/// crash after sending always leaves a row that restart recovery (EXE-6)
/// resolves by querying the venue.
class order_repo {
public:
  explicit order_repo(database& db) : db_(db) {
    // nop
  }

  /// Inserts the intent with state `pending`, nothing filled. A second
  /// intent with the same client id is a `db_error` (ids are unique).
  void insert_intent(const order_intent& x);

  /// Inserts `x` or, if its client id exists, applies its progress (state,
  /// exchange id unless 0, filled qty, avg price, error, updated_ms). The
  /// stored intent is immutable: its fields in `x` are ignored on conflict.
  void upsert(const order_record& x);

  /// `upsert` for each row, in one transaction (joins an open one).
  void upsert_all(const std::vector<order_record>& xs);

  /// Applies a state/fill-progress change. An unknown client id is a
  /// `db_error`: progress for an order we never recorded is a bug.
  void update(const order_record& x);

  /// `update` for each change, in one transaction (joins an open one).
  void update_all(const std::vector<order_record>& xs);

  std::optional<order_record> load(const std::string& client_id);

  /// Orders that are not in a terminal state, oldest first (EXE-6).
  std::vector<order_record> load_non_terminal();

  /// Every order, oldest first.
  std::vector<order_record> load_all();
  /// Orders placed for one leader fill (its key as text), oldest first.
  std::vector<order_record> load_for_correlation(const std::string& key);
  /// The newest `limit` orders of `symbol`, newest first.
  std::vector<order_record> load_recent_for_symbol(const std::string& symbol,
                                                   std::size_t limit);

  /// Appends a venue event of one of our orders (the order row must exist).
  void append_event(const order_update& x, int64_t recorded_ms);

  /// Appends all events in one transaction (joins an open one).
  void append_events(const std::vector<order_event_row>& xs);

  /// Events of `client_id` in the order they were recorded. Symbol and side
  /// come from the order row.
  std::vector<order_event_row> load_events(const std::string& client_id);

  /// Number of orders per state (for the report).
  std::map<order_state, int64_t> counts_by_state();

  /// Calls `f(symbol, state, filled_qty)` for every order that traded
  /// (FILLED, or a filled quantity above zero), one row at a time: memory
  /// does not grow with the table (the replay report).
  void for_each_traded(
      const std::function<void(const std::string&, order_state, decimal)>& f);

  /// Number of orders ever recorded for `symbol` (next client-id sequence).
  int64_t count_for_symbol(const std::string& symbol);

private:
  std::vector<order_record> load_where(const char* op,
                                       const std::string& where);

  database& db_;
};

} // namespace hlc
