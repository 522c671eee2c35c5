#pragma once

#include "messages/decimal.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <vector>

namespace hlc::sim::binance {

using json_writer = rapidjson::Writer<rapidjson::StringBuffer>;

/// One tradable USDⓈ-M perpetual: the exchangeInfo entry and the trading
/// rules the venue enforces. Decimals keep their wire scale ("0.10").
struct symbol_spec {
  std::string symbol;
  std::string base_asset;
  std::string underlying_sub_type = "Layer-1";
  int price_precision = 2;
  int quantity_precision = 3;
  decimal tick_size;
  decimal min_price;
  decimal max_price;
  decimal step_size;
  decimal min_qty;
  decimal max_qty;
  decimal market_step_size;
  decimal market_min_qty;
  decimal market_max_qty;
  int max_num_orders = 200;
  decimal min_notional;
  decimal percent_up = decimal::parse_or_throw("1.0500");
  decimal percent_down = decimal::parse_or_throw("0.9500");
  long long onboard_date = 1569398400000LL;
  decimal initial_mark; ///< mark at start / reset
  decimal level_qty;    ///< default quantity per generated book level
  int max_leverage = 125;
};

/// BTCUSDT and ETHUSDT from the REAL exchangeInfo captures (min notional
/// 100 / 20 per mainnet -4164 texts), plus SOLUSDT, SUIUSDT, DOGEUSDT and
/// 1000PEPEUSDT with realistic 5-USDT filters.
std::vector<symbol_spec> default_symbols();

/// Writes the exchangeInfo `symbols[]` entry, keys in Binance's
/// (alphabetical) order with Binance's value types.
void write_exchange_info_symbol(json_writer& w, const symbol_spec& s);

/// Writes a decimal exactly as stored (keeps trailing zeros: "0.10").
void write_decimal(json_writer& w, decimal d);

/// `d` with exactly `decimals` fraction digits.
std::string fixed(decimal d, int decimals);

/// Writes a std::string as a JSON string.
void write_string(json_writer& w, const std::string& s);

} // namespace hlc::sim::binance
