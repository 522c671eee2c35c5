#pragma once

#include "adapters/hyperliquid/parse_error.hpp"
#include "messages/decimal.hpp"

#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hlc::hyperliquid {

// -- request bodies for POST /info (protocol_facts §A.2) ----------------------

/// `{"type":"userFills","user":..,"aggregateByTime"?:..}`: newest 2000 fills.
std::string user_fills_request(std::string_view user,
                               std::optional<bool> aggregate_by_time = {});

/// `{"type":"userFillsByTime",..}`. `start_ms` and `end_ms` are inclusive;
/// without `end_ms` the server uses now.
std::string user_fills_by_time_request(std::string_view user, int64_t start_ms,
                                       std::optional<int64_t> end_ms = {},
                                       std::optional<bool> aggregate_by_time
                                       = {});

/// `{"type":"clearinghouseState","user":..,"dex"?:..}`.
std::string clearinghouse_state_request(std::string_view user,
                                        std::optional<std::string_view> dex
                                        = {});

/// `{"type":"meta","dex"?:..}`.
std::string meta_request(std::optional<std::string_view> dex = {});

/// `{"type":"allMids","dex"?:..}`.
std::string all_mids_request(std::optional<std::string_view> dex = {});

// -- responses ----------------------------------------------------------------

/// One open perp position of a clearinghouseState.
struct hl_position {
  std::string coin;
  decimal szi; ///< signed size, negative = short (the only side indicator)
  decimal entry_px;
};

/// The parts of clearinghouseState the copier needs. A coin that is absent
/// is flat.
struct clearinghouse_state {
  std::vector<hl_position> positions;
  decimal account_value; ///< marginSummary.accountValue
  int64_t time_ms = 0;   ///< 0 for the 2023 schema, which had no `time`
};

/// One perp of `meta.universe`; its asset id is `index`.
struct perp_asset {
  std::string name;
  uint32_t index = 0;
  int sz_decimals = 0;
  int max_leverage = 0;
  bool delisted = false; ///< `isDelisted`; absent or null means false
};

result<clearinghouse_state> parse_clearinghouse_state(std::string_view body);
result<clearinghouse_state>
parse_clearinghouse_state(const rapidjson::Value& body);

result<std::vector<perp_asset>> parse_meta(std::string_view body);
result<std::vector<perp_asset>> parse_meta(const rapidjson::Value& body);

/// `{"BTC":"30135.0","@107":"..."}`; every value must be a decimal string
/// (an error names the coin: "mids.BTC").
result<std::map<std::string, decimal>> parse_all_mids(std::string_view body);
result<std::map<std::string, decimal>>
parse_all_mids(const rapidjson::Value& body);

} // namespace hlc::hyperliquid
