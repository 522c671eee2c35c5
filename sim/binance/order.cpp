#include "sim/binance/order.hpp"

namespace hlc::sim::binance {

decimal sim_order::avg_price(int scale) const {
  if (executed_qty.is_zero()) return {};
  return decimal::divide(cum_quote, executed_qty, scale, rounding::half_up);
}

} // namespace hlc::sim::binance
