#pragma once

#include "messages/market.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hlc {

/// Trading rules and marks for an offline run (replay, demo): an
/// exchangeInfo response and a premiumIndex array, in Binance's formats.
struct market_snapshot {
  std::vector<symbol_filters> filters;
  std::vector<mark_price> marks;
  std::vector<std::string> errors; ///< each names the field
};

market_snapshot load_market(std::string_view exchange_info_json,
                            std::string_view premium_index_json);

} // namespace hlc
