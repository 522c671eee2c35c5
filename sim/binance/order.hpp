#pragma once

#include "messages/decimal.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hlc::sim::binance {

/// One execution of an order.
struct order_fill {
  decimal price;
  decimal qty;
  decimal commission;
  decimal realized; ///< realized PnL of this trade
  uint64_t trade_id = 0;
  bool maker = false;
  int64_t time_ms = 0;
};

/// An order as the simulated matching engine keeps it.
struct sim_order {
  uint64_t order_id = 0;
  std::string symbol;
  std::string client_id;
  std::string side;          ///< BUY / SELL
  std::string type;          ///< LIMIT / MARKET
  std::string time_in_force; ///< GTC / IOC / FOK / GTX / GTD
  std::string position_side = "BOTH";
  std::string status = "NEW";
  std::string qty_text;   ///< quantity as the client sent it
  std::string price_text; ///< price as the client sent it ("0" for MARKET)
  std::string stp_mode = "NONE";
  std::string price_match = "NONE";
  decimal price;
  decimal orig_qty;
  decimal executed_qty;
  decimal cum_quote;
  bool reduce_only = false;
  int64_t good_till_date = 0;
  int64_t time_ms = 0;
  int64_t update_time_ms = 0;
  std::vector<order_fill> fills;

  bool buy() const { return side == "BUY"; }
  bool is_open() const {
    return status == "NEW" || status == "PARTIALLY_FILLED";
  }
  decimal remaining() const { return orig_qty - executed_qty; }
  /// Volume-weighted fill price (zero before the first fill).
  decimal avg_price(int scale) const;
};

} // namespace hlc::sim::binance
