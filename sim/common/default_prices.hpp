#pragma once

// SIM-6: the one price table both simulators start from, so a Hyperliquid
// mid and the Binance mark of the mapped symbol agree from the first
// request (STR-1's mid-vs-mark check passes for every default coin).
// hl-sim's default coins and binance-sim's default symbols read it; tests
// check the two venues against each other (ADR 0031).

#include "messages/decimal.hpp"

#include <string>
#include <vector>

namespace hlc::sim {

/// One default coin on both venues.
struct default_price {
  std::string hl_coin;        ///< "kPEPE"
  std::string binance_symbol; ///< "1000PEPEUSDT"
  /// Binance units per HL unit: binance mark = hl mid × multiplier
  /// (kPEPE and 1000PEPE are both 1000 PEPE, so 1).
  decimal multiplier;
  decimal hl_mid; ///< valid on HL's tick (≤ 5 significant figures)
};

/// BTC, ETH, SOL, DOGE, kPEPE and SUI.
const std::vector<default_price>& default_prices();

/// The entry of an HL coin or a Binance symbol; nullptr if it has none.
const default_price* default_price_of_hl(const std::string& coin);
const default_price* default_price_of_binance(const std::string& symbol);

} // namespace hlc::sim
