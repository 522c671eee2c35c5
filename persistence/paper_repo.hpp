#pragma once

#include "persistence/database.hpp"
#include "persistence/rows.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hlc {

/// `paper_orders` and `paper_meta`: the dry-run paper exchange's own state
/// (EXE-11), kept apart from `orders` so the copier's view and the fake
/// venue's view can disagree exactly like with the real venue.
class paper_repo {
public:
  explicit paper_repo(database& db) : db_(db) {
    // nop
  }

  /// Inserts or replaces the order with `x.client_id`.
  void upsert_order(const paper_order_row& x);

  /// `upsert_order` for each row, in one transaction (joins an open one).
  void upsert_orders(const std::vector<paper_order_row>& xs);

  std::optional<paper_order_row> load_order(const std::string& client_id);

  /// Every paper order, by exchange order id.
  std::vector<paper_order_row> load_orders();

  /// Sets a key ("next_order_id", "balance", ...).
  void set_meta(const std::string& key, const std::string& value);

  std::optional<std::string> get_meta(const std::string& key);

private:
  database& db_;
};

} // namespace hlc
