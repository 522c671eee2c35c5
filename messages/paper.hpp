#pragma once

#include "messages/order.hpp"

#include <string>

namespace hlc {

/// One order in the dry-run paper exchange's book.
struct paper_order {
  order_intent intent;
  uint64_t exchange_order_id = 0;
  order_state status = order_state::submitted;
  decimal filled_qty;
  decimal avg_px;
  int64_t updated_ms = 0;
};

/// One position in a book (one-way mode): the paper exchange's, or the
/// follower's local book.
struct paper_position {
  std::string symbol;
  decimal qty; ///< signed
  decimal avg_entry_px;
  decimal realized_pnl;
};

} // namespace hlc
