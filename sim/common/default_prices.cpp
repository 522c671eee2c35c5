#include "sim/common/default_prices.hpp"

namespace hlc::sim {

namespace {

default_price entry(const char* coin, const char* symbol, const char* mid) {
  return {coin, symbol, decimal::from_int(1), decimal::parse_or_throw(mid)};
}

} // namespace

const std::vector<default_price>& default_prices() {
  // Late-2025 levels; what matters is that both venues use the same ones.
  static const std::vector<default_price> table{
      entry("BTC", "BTCUSDT", "95000"),       entry("ETH", "ETHUSDT", "3500"),
      entry("SOL", "SOLUSDT", "150"),         entry("DOGE", "DOGEUSDT", "0.35"),
      entry("kPEPE", "1000PEPEUSDT", "0.02"), entry("SUI", "SUIUSDT", "3.5"),
  };
  return table;
}

const default_price* default_price_of_hl(const std::string& coin) {
  for (const auto& p : default_prices())
    if (p.hl_coin == coin) return &p;
  return nullptr;
}

const default_price* default_price_of_binance(const std::string& symbol) {
  for (const auto& p : default_prices())
    if (p.binance_symbol == symbol) return &p;
  return nullptr;
}

} // namespace hlc::sim
