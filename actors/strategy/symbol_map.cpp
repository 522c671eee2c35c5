#include "actors/strategy/symbol_map.hpp"

#include <algorithm>
#include <utility>

namespace hlc {

namespace {

bool listed(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

// "kPEPE" style: a lower-case k followed by an upper-case name.
bool is_kilo_coin(const std::string& coin) {
  return coin.size() > 1 && coin[0] == 'k' && coin[1] >= 'A' && coin[1] <= 'Z';
}

} // namespace

symbol_map::symbol_map(symbol_settings cfg) : cfg_(std::move(cfg)) {
  // nop
}

std::string symbol_map::default_symbol(const std::string& coin) {
  if (is_kilo_coin(coin)) return "1000" + coin.substr(1) + "USDT";
  return coin + "USDT";
}

std::optional<symbol_mapping> symbol_map::resolve(const std::string& coin,
                                                  mapping_refusal* why) const {
  auto refuse = [why](skip_reason reason, std::string detail) {
    if (why != nullptr) *why = mapping_refusal{reason, std::move(detail)};
    return std::nullopt;
  };
  if (listed(cfg_.deny, coin))
    return refuse(skip_reason::denied, coin + " is in symbols.deny");
  if (!cfg_.allow.empty() && !listed(cfg_.allow, coin))
    return refuse(skip_reason::denied, coin + " is not in symbols.allow");
  symbol_mapping result{coin, default_symbol(coin), decimal::from_int(1)};
  if (auto i = cfg_.overrides.find(coin); i != cfg_.overrides.end()) {
    if (!i->second.enabled)
      return refuse(skip_reason::unmapped,
                    coin + " is disabled by symbols.overrides");
    result.symbol = i->second.symbol;
    result.multiplier = i->second.multiplier;
  }
  if (auto i = disabled_.find(result.symbol); i != disabled_.end())
    return refuse(skip_reason::symbol_disabled,
                  result.symbol + " disabled: " + i->second);
  if (verified_ && known_.count(result.symbol) == 0)
    return refuse(skip_reason::unmapped,
                  "no Binance symbol " + result.symbol + " for " + coin);
  return result;
}

void symbol_map::verify(const std::map<std::string, symbol_filters>& filters) {
  verified_ = true;
  known_.clear();
  for (auto& [symbol, f] : filters) {
    if (f.trading)
      known_.emplace(symbol, f);
    else
      disabled_.emplace(symbol, "not a TRADING perpetual in exchangeInfo");
  }
  for (auto& [coin, o] : cfg_.overrides)
    if (o.enabled && filters.count(o.symbol) == 0)
      disabled_.emplace(o.symbol, "override for " + coin
                                      + " names a symbol missing from "
                                        "exchangeInfo");
}

void symbol_map::check_prices(const std::map<std::string, decimal>& hl_mids,
                              const std::map<std::string, decimal>& marks) {
  for (auto& [coin, mid] : hl_mids) {
    auto m = resolve(coin);
    if (!m) continue; // unmapped, denied or already disabled
    auto mark = marks.find(m->symbol);
    if (mark == marks.end() || !mark->second.is_positive()) {
      disable(m->symbol,
              "no Binance mark to check the HL mid of " + coin + " against");
      continue;
    }
    auto mid_per_unit
        = decimal::divide(mid, m->multiplier, 10, rounding::half_up);
    auto gap_pct = decimal::divide((mid_per_unit - mark->second).abs()
                                       * decimal::from_int(100),
                                   mark->second, 4, rounding::ceil);
    if (gap_pct > cfg_.max_mid_mark_deviation_pct)
      disable(m->symbol, "HL mid of " + coin + " " + mid.to_string() + " / "
                             + m->multiplier.to_string() + " = "
                             + mid_per_unit.to_string() + " is "
                             + gap_pct.to_string() + "% from the mark "
                             + mark->second.to_string() + " (max "
                             + cfg_.max_mid_mark_deviation_pct.to_string()
                             + "%): wrong multiplier or a different asset?");
  }
}

void symbol_map::disable(const std::string& symbol, std::string reason) {
  disabled_[symbol] = std::move(reason);
}

} // namespace hlc
