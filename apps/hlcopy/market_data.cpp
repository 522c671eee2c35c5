#include "apps/hlcopy/market_data.hpp"

#include "adapters/binance/exchange_info.hpp"
#include "adapters/binance/market.hpp"

#include <variant>

namespace hlc {

market_snapshot load_market(std::string_view exchange_info_json,
                            std::string_view premium_index_json) {
  market_snapshot result;
  auto info = binance::parse_exchange_info(exchange_info_json);
  result.filters = std::move(info.symbols);
  for (auto& e : info.errors)
    result.errors.push_back("exchangeInfo " + e.to_string());
  auto marks = binance::parse_premium_index(premium_index_json);
  if (auto* m = std::get_if<std::vector<mark_price>>(&marks))
    result.marks = std::move(*m);
  else
    result.errors.push_back(
        "premiumIndex " + std::get<binance::parse_error>(marks).to_string());
  return result;
}

} // namespace hlc
