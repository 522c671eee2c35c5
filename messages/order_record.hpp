#pragma once

#include "messages/order.hpp"
#include "messages/reasons.hpp"

#include <string>

namespace hlc {

/// An order as persisted in the `orders` table: the intent and its progress.
struct order_record {
  order_intent intent;
  order_state state = order_state::pending;
  uint64_t exchange_order_id = 0;
  decimal filled_qty;
  decimal avg_px;
  int error_code = 0;
  std::string error_text;
  int64_t updated_ms = 0;
};

} // namespace hlc
