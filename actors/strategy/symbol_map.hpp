#pragma once

#include "config/settings.hpp"
#include "messages/decimal.hpp"
#include "messages/market.hpp"
#include "messages/reasons.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hlc {

/// One Hyperliquid coin mapped to a Binance symbol (SPEC STR-1).
struct symbol_mapping {
  std::string coin;
  std::string symbol;
  decimal multiplier = decimal::from_int(1); ///< Binance units per HL unit
};

/// Why a coin has no usable mapping.
struct mapping_refusal {
  skip_reason reason = skip_reason::unmapped;
  std::string detail;
};

/// Maps HL coins to Binance symbols: `COIN` → `COINUSDT`, `kCOIN` →
/// `1000COINUSDT` (same unit), config overrides, allow/deny lists, and
/// symbols disabled by startup verification. Never guesses.
class symbol_map {
public:
  explicit symbol_map(symbol_settings cfg);

  /// The mapping for `coin`, or why there is none.
  std::optional<symbol_mapping> resolve(const std::string& coin,
                                        mapping_refusal* why = nullptr) const;

  /// The default rule alone, ignoring lists and verification.
  static std::string default_symbol(const std::string& coin);

  /// Verifies mapped symbols against exchangeInfo: a symbol that does not
  /// exist or is not a trading perpetual is disabled with a reason.
  void verify(const std::map<std::string, symbol_filters>& filters);

  /// Price sanity (STR-1): for every coin in `hl_mids` that maps to a
  /// symbol, the HL mid divided by the multiplier must be within
  /// `max_mid_mark_deviation_pct` of the Binance mark (`marks` by symbol);
  /// otherwise, or without a mark, the symbol is disabled with the numbers.
  void check_prices(const std::map<std::string, decimal>& hl_mids,
                    const std::map<std::string, decimal>& marks);

  /// Disables `symbol` with a reason (e.g. failed price sanity check).
  void disable(const std::string& symbol, std::string reason);

  /// Symbols disabled so far, with reasons.
  const std::map<std::string, std::string>& disabled() const noexcept {
    return disabled_;
  }

private:
  symbol_settings cfg_;
  bool verified_ = false;
  std::map<std::string, symbol_filters> known_;
  std::map<std::string, std::string> disabled_;
};

} // namespace hlc
