#pragma once

// Leader activity for the Hyperliquid simulator: a scenario file (coins,
// leaders, scripted trades, faults, settings) or a recorded fills file.
//
// Scenario (JSON):
//   {
//     "settings": {"page_size":2000, "user_fills_cap":2000,
//                  "history_limit":10000, "idle_timeout_ms":60000,
//                  "max_users":10, "max_ws_connections":10,
//                  "max_new_ws_per_minute":30, "weight_per_minute":1200,
//                  "time_compression":1.0},
//     "coins":   [{"name":"BTC","szDecimals":5,"mid":"95000.0",
//                  "maxLeverage":40}],
//     "leaders": [{"address":"0xabc...","account_value":"100000.0"}],
//     "trades":  [{"at_ms":-5000,"leader":"0xabc...","coin":"BTC",
//                  "side":"B","px":"95000.0"?,"sz":"0.1","oid":123?,
//                  "tid":456?,"crossed":true?,"cloid":"0x..."?,
//                  "builderFee":"0.1"?,"liquidation":true | {...}?}],
//     "faults":  [ fault rules, see sim/common/fault_plan.hpp ]
//   }
// A trade without `px` happens at the coin's mid of the moment it runs.
// `at_ms` is relative to the moment the scenario is loaded: negative
// trades are history (already in the REST history, never pushed), the
// others are pushed live when due (divided by time_compression).
//
// Recorded fills: a JSON array of fills, or {"response":[...]} (the
// extracted cassette format `{request, uri, status, date, response}`).

#include "sim/hyperliquid/hl_fill.hpp"

#include "messages/decimal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hlc::sim::hl {

/// A perp the simulator lists.
struct coin_info {
  std::string name;
  int sz_decimals = 2;
  decimal mid;
  int max_leverage = 50;
};

/// Tunables; the defaults are HL's documented values.
struct venue_settings {
  size_t page_size = 2000;      ///< userFillsByTime page cap (500 in 2023)
  size_t user_fills_cap = 2000; ///< userFills newest-N cap
  size_t history_limit = 10000; ///< only the latest N fills of a user exist
  size_t snapshot_cap = 2000;   ///< fills in a userFills WS snapshot
  int64_t idle_timeout_us = 60'000'000;
  size_t max_users = 10; ///< distinct users across WS user subs, per IP
  size_t max_ws_connections = 10;    ///< open WS connections per IP
  size_t max_new_ws_per_minute = 30; ///< new WS connections per IP per minute
  int64_t weight_per_minute = 1200;
  double time_compression = 1.0;
};

/// A trade that happens `at_ms` after load (negative: history).
struct scheduled_trade {
  int64_t at_ms = 0;
  trade_spec spec;
};

/// A parsed scenario file.
struct scenario {
  venue_settings settings;
  std::vector<coin_info> coins;
  std::vector<std::pair<std::string, decimal>> leaders; ///< address, equity
  std::vector<scheduled_trade> trades;
  std::string faults_json = "[]"; ///< the "faults" array, as text
};

/// Lower-cases a 0x address; throws input_error naming `where` if it is not
/// 0x + 40 hex digits.
std::string normalize_address(const std::string& addr,
                              const std::string& where);

/// The default coins (BTC, ETH, SOL, DOGE, kPEPE, SUI) with mainnet
/// szDecimals.
std::vector<coin_info> default_coins();

/// Parses a trade object (`trades[i]` or a control-API body).
scheduled_trade parse_trade(const rapidjson::Value& v,
                            const std::string& where);

/// Parses a scenario file's text.
scenario parse_scenario(std::string_view json, const std::string& where);

/// Parses a recorded fills file; returns the fills in ascending time order
/// (stable for equal times, so the recording's order inside a millisecond
/// is kept reversed back into execution order).
std::vector<hl_fill> parse_recorded_fills(std::string_view json,
                                          const std::string& where);

} // namespace hlc::sim::hl
